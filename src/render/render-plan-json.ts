/** The plan for machines: one versioned JSON object (also the saved plan file's body). */
import { planDocument } from '../model/plan-document.js';
import type { Plan, PlanSummary } from '../model/plan.js';

/** `Plan: 2 to add.`, or Terraform's fuller form once anything changes or goes. */
export function planSummaryLine(summary: PlanSummary): string {
  if (summary.change === 0 && summary.remove === 0) return `Plan: ${summary.add} to add.`;
  return `Plan: ${summary.add} to add, ${summary.change} to change, ${summary.remove} to remove.`;
}

export function renderPlanJson(plan: Plan): string {
  return JSON.stringify(planDocument(plan), null, 2) + '\n';
}
