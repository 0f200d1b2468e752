/** Why a saved plan was refused, and what reviewers did not see. */
import { describeChange, type Change } from '../model/plan.js';
import type { ChangeDifference } from '../plan-file/compare-changes.js';
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
    lines.push('A plan made now would make the same changes, but it was made from a file nobody reviewed in this form.');
  } else {
    lines.push('A plan made now differs from the reviewed one:');
    for (const change of added) lines.push(`  + ${label(change)}  (not in the reviewed plan)`);
    for (const change of dropped) lines.push(`  - ${label(change)}  (reviewed, no longer planned)`);
    for (const { reviewed, now } of altered) lines.push(`  ~ ${label(now)}  (reviewed: ${label(reviewed)})`);
  }
  if (problems > 0) lines.push(`A plan made now also has ${problems} problem(s).`);
  lines.push(`Plan again and review the result: membership plan -f ${desiredFile} --out ${planFile}`);
  return lines.join('\n');
}

function label(change: Change): string {
  return showInvisible(describeChange(change));
}
