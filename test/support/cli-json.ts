/**
 * Typed readers for the JSON the CLI writes: `plan --format json` and the saved plan file
 * (`plan --out`). The types are the product's own; the casts from parsed JSON are here.
 */
import { readFileSync } from 'node:fs';
import type { PlanDocument } from '../../src/model/plan-document.js';
import type { PlanFile } from '../../src/plan-file/plan-file.js';

/** `plan --format json` (model/plan-document.ts). */
export type PlanJson = PlanDocument;

export function parsePlanJson(stdout: string): PlanJson {
  return JSON.parse(stdout) as PlanJson;
}

/** The saved plan file written by `plan --out`: the same document with the plan's origin. */
export type PlanFileJson = Omit<PlanFile, 'changes'> & Pick<PlanDocument, 'changes' | 'summary'>;

export function readPlanFileJson(path: string): PlanFileJson {
  return JSON.parse(readFileSync(path, 'utf8')) as PlanFileJson;
}
