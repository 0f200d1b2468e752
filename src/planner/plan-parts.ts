import type { Change, Drift, PlanProblem } from '../model/plan.js';

/** The piece of a plan one scope contributes. */
export interface PlanParts {
  readonly changes: Change[];
  readonly drift: Drift[];
  readonly problems: PlanProblem[];
}
