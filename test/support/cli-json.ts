/**
 * Typed readers for the JSON the CLI writes: `plan --format json` and the saved plan file
 * (`plan --out`). The types are the product's own; the casts from parsed JSON are here.
 */
import { readFileSync } from 'node:fs';
import type { Plan, PlanSummary } from '../../src/model/plan.js';
import type { PlanFile } from '../../src/plan-file/plan-file.js';

/** `plan --format json`: the plan and its counts (render/render-plan-json.ts). */
export interface PlanJson extends Plan {
  readonly summary: PlanSummary;
}

export function parsePlanJson(stdout: string): PlanJson {
  return JSON.parse(stdout) as PlanJson;
}

/** The saved plan file written by `plan --out`. */
export function readPlanFileJson(path: string): PlanFile {
  return JSON.parse(readFileSync(path, 'utf8')) as PlanFile;
}
