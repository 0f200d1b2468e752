/** The plan for machines: one versioned JSON object (also the saved plan file's body). */
import type { Plan } from '../model/plan.js';

export interface PlanSummary {
  readonly add: number;
  readonly drift: number;
  readonly problems: number;
}

export function summarizePlan(plan: Plan): PlanSummary {
  return { add: plan.changes.length, drift: plan.drift.length, problems: plan.problems.length };
}

export function renderPlanJson(plan: Plan): string {
  return JSON.stringify({ ...plan, summary: summarizePlan(plan) }, null, 2) + '\n';
}
