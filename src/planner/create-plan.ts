/**
 * (desired, observed) -> Plan. Pure: no I/O, no clock, no logger. Changes keep the file's order,
 * Turso first, so the same inputs always give the same plan.
 */
import type { DesiredState } from '../model/desired-state.js';
import type { Observed } from '../model/observed.js';
import { PLAN_FORMAT_VERSION, type Plan } from '../model/plan.js';
import type { PlanParts } from './plan-parts.js';
import { planPlanetScaleOrganization } from './plan-planetscale.js';
import { planTursoOrganization } from './plan-turso.js';

export function createPlan(desired: DesiredState, observed: Observed): Plan {
  const parts: PlanParts[] = [];
  for (const [organization, spec] of desired.turso?.organizations ?? []) {
    parts.push(planTursoOrganization(organization, spec, observed.turso.get(organization)));
  }
  for (const [organization, spec] of desired.planetscale?.organizations ?? []) {
    parts.push(planPlanetScaleOrganization(organization, spec, observed.planetscale.get(organization)));
  }
  return {
    format_version: PLAN_FORMAT_VERSION,
    changes: parts.flatMap((part) => part.changes),
    drift: parts.flatMap((part) => part.drift),
    problems: parts.flatMap((part) => part.problems),
  };
}
