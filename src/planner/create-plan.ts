/**
 * (desired, observed, options) -> Plan. Pure: no I/O, no clock (the time comes in options), no
 * logger. Changes are ordered by apply phase (model/plan.ts APPLY_PHASES) and, within a phase, in
 * the file's order, Turso first: the same inputs always give the same plan.
 */
import type { DesiredState } from '../model/desired-state.js';
import type { Observed } from '../model/observed.js';
import {
  APPLY_PHASES,
  DEFAULT_PLAN_OPTIONS,
  PLAN_FORMAT_VERSION,
  phaseOf,
  type Change,
  type Plan,
  type PlanOptions,
} from '../model/plan.js';
import type { PlanParts } from './plan-parts.js';
import { planPlanetScaleOrganization } from './plan-planetscale.js';
import { planTursoOrganization } from './plan-turso.js';
import { capRemovals } from './safety-rules.js';

export function createPlan(
  desired: DesiredState,
  observed: Observed,
  options: PlanOptions = DEFAULT_PLAN_OPTIONS,
): Plan {
  const parts: PlanParts[] = [];
  for (const [organization, spec] of desired.turso?.organizations ?? []) {
    parts.push(planTursoOrganization(organization, spec, observed.turso.get(organization), options));
  }
  for (const [organization, spec] of desired.planetscale?.organizations ?? []) {
    parts.push(planPlanetScaleOrganization(organization, spec, observed.planetscale.get(organization), options));
  }
  const changes = orderByPhase(parts.flatMap((part) => part.changes));
  const problems = parts.flatMap((part) => part.problems);
  const overCap = capRemovals(changes, options.maxRemovals);
  if (overCap) problems.push({ message: overCap.message });
  return {
    format_version: PLAN_FORMAT_VERSION,
    changes,
    drift: parts.flatMap((part) => part.drift),
    problems,
    notices: parts.flatMap((part) => part.notices),
  };
}

function orderByPhase(changes: readonly Change[]): Change[] {
  const rank = (change: Change) => APPLY_PHASES.indexOf(phaseOf(change));
  return changes
    .map((change, index) => ({ change, index }))
    .sort((a, b) => rank(a.change) - rank(b.change) || a.index - b.index)
    .map(({ change }) => change);
}
