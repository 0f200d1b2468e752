/** Why a saved plan was refused, and what reviewers did not see. */
import { changeKind, describeChange, type Change } from '../model/plan.js';
import type { ChangeDifference } from '../plan-file/compare-changes.js';
import { MARKS } from './marks.js';
import { plural } from './plural.js';
import { showInvisible } from './printable.js';

export interface StalePlanReport {
  readonly planFile: string;
  readonly desiredFile: string;
  readonly difference: ChangeDifference;
  /** Problems a plan made now has, if any. */
  readonly problems: number;
}

export function renderStalePlan({ planFile, desiredFile, difference, problems }: StalePlanReport): string {
  const lines = [
    `the plan in ${planFile} is stale: ${desiredFile} has changed since the plan was made. Nothing was applied.`,
  ];
  const { added, dropped, altered } = difference;
  if (added.length + dropped.length + altered.length === 0) {
    lines.push(
      'A plan made now would make the same changes, but it was made from a file nobody reviewed in this form.',
    );
  } else {
    lines.push('A plan made now differs from the reviewed one:');
    for (const change of added)
      lines.push(`  ${markOf(change)} ${printableChange(change)}  (not in the reviewed plan)`);
    for (const change of dropped)
      lines.push(`  ${markOf(change)} ${printableChange(change)}  (reviewed, no longer planned)`);
    for (const { reviewed, now } of altered)
      lines.push(`  ${markOf(now)} ${printableChange(now)}  (reviewed: ${printableChange(reviewed)})`);
  }
  if (problems > 0) lines.push(`A plan made now also has ${plural(problems, 'problem')}.`);
  lines.push(planAgainLine(desiredFile, planFile));
  return lines.join('\n');
}

/** How a refused saved plan is recovered: review a plan made now. */
export function planAgainLine(desiredFile: string, planFile: string): string {
  return `Plan again and review the result: membership plan -f ${desiredFile} --out ${planFile}`;
}

/** A change's own mark (+ ~ -), whichever list it is in: the parenthesis says why it is listed. */
export function markOf(change: Change): string {
  return MARKS[changeKind(change)];
}

/** One change on one line, names from the file or the APIs made printable. */
export function printableChange(change: Change): string {
  return showInvisible(describeChange(change));
}
