/** Why apply refused a saved plan whose changes today's file and state do not all justify. */
import type { Change, PlanProblem } from '../model/plan.js';
import type { UnjustifiedChange } from '../planner/justify-reviewed-changes.js';
import { MARKS } from './marks.js';
import { plural } from './plural.js';
import { showInvisible } from './printable.js';
import { markOf, planAgainLine, printableChange } from './render-stale-plan.js';
import { subjectLine } from './scope.js';

export interface UnjustifiedPlanReport {
  readonly planFile: string;
  readonly desiredFile: string;
  readonly unjustified: readonly UnjustifiedChange[];
  readonly problems: readonly PlanProblem[];
}

export function renderUnjustifiedPlan({ planFile, desiredFile, unjustified, problems }: UnjustifiedPlanReport): string {
  const lines = [
    `the plan in ${planFile} cannot be applied: ${desiredFile} and today's membership do not justify all of it. Nothing was applied.`,
  ];
  if (unjustified.length > 0) {
    lines.push('Reviewed changes that a plan made now does not hold:');
    for (const { change, reason } of unjustified)
      lines.push(`  ${markOf(change)} ${printableChange(change)}  (${showInvisible(reason)})`);
  }
  if (problems.length > 0) {
    lines.push('A plan made now has problems:');
    for (const problem of problems) lines.push(`  ${MARKS.problem} ${subjectLine(problem)}`);
  }
  lines.push(planAgainLine(desiredFile, planFile));
  return lines.join('\n');
}

/** Changes a plan made now holds that nobody reviewed: listed, never applied. */
export function renderUnreviewedChanges(changes: readonly Change[]): string {
  if (changes.length === 0) return '';
  const lines = [
    `Not applied: ${plural(changes.length, 'change')} a plan made now holds ${changes.length === 1 ? 'was' : 'were'} not in the reviewed plan; plan again to review ${changes.length === 1 ? 'it' : 'them'}:`,
  ];
  for (const change of changes) lines.push(`  ${markOf(change)} ${printableChange(change)}`);
  return lines.join('\n') + '\n';
}
