/** The plan for machines: one versioned JSON object (also the saved plan file's body). */
import { planDocument } from '../model/plan-document.js';
import type { Plan } from '../model/plan.js';

export function renderPlanJson(plan: Plan): string {
  return JSON.stringify(planDocument(plan), null, 2) + '\n';
}
