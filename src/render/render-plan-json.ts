/** The plan for machines: one versioned JSON object (also the saved plan file's body). */
import { isRemoval, type Change, type Plan } from '../model/plan.js';

export interface PlanSummary {
  /** Adds and invites. */
  readonly add: number;
  readonly change: number;
  /** Removals and cancelled invites: what --max-removals counts. */
  readonly remove: number;
  readonly drift: number;
  readonly problems: number;
  readonly notices: number;
}

export function changeKind(change: Change): 'add' | 'change' | 'remove' {
  if (isRemoval(change)) return 'remove';
  return change.action === 'change_role' ? 'change' : 'add';
}

export function summarizePlan(plan: Plan): PlanSummary {
  const kinds = plan.changes.map(changeKind);
  return {
    add: kinds.filter((kind) => kind === 'add').length,
    change: kinds.filter((kind) => kind === 'change').length,
    remove: kinds.filter((kind) => kind === 'remove').length,
    drift: plan.drift.length,
    problems: plan.problems.length,
    notices: plan.notices.length,
  };
}

/** `Plan: 2 to add.`, or Terraform's fuller form once anything changes or goes. */
export function planSummaryLine(summary: PlanSummary): string {
  if (summary.change === 0 && summary.remove === 0) return `Plan: ${summary.add} to add.`;
  return `Plan: ${summary.add} to add, ${summary.change} to change, ${summary.remove} to remove.`;
}

export function renderPlanJson(plan: Plan): string {
  return JSON.stringify({ ...plan, summary: summarizePlan(plan) }, null, 2) + '\n';
}
