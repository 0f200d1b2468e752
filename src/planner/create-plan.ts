/**
 * (desired, observed, options) -> Plan. Pure: no I/O, no clock (the time comes in options), no
 * logger. Changes are ordered by apply phase (model/plan.ts APPLY_PHASES) and, within a phase, in
 * the file's order, Turso first: the same inputs always give the same plan.
 */
import { PROVIDER_NAMES, type DesiredState, type ProviderName } from '../model/desired-state.js';
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
  const parts = PROVIDER_NAMES.flatMap((name) => PLANNERS[name](desired, observed, options));
  const changes = orderByPhase(parts.flatMap((part) => part.changes));
  const problems = parts.flatMap((part) => part.problems);
  const overCap = capRemovals(changes, options.maxRemovals);
  if (overCap) problems.push({ kind: 'removal_cap', message: overCap.message });
  return {
    format_version: PLAN_FORMAT_VERSION,
    changes,
    drift: parts.flatMap((part) => part.drift),
    problems,
    notices: parts.flatMap((part) => part.notices),
  };
}

/** One planner per provider, each over the organizations the file declares for it, in the file's order. */
const PLANNERS: {
  readonly [P in ProviderName]: (desired: DesiredState, observed: Observed, options: PlanOptions) => PlanParts[];
} = {
  turso: (desired, observed, options) =>
    [...(desired.turso?.organizations ?? [])].map(([organization, spec]) =>
      planTursoOrganization(organization, spec, observed.turso.get(organization), options),
    ),
  planetscale: (desired, observed, options) =>
    [...(desired.planetscale?.organizations ?? [])].map(([organization, spec]) =>
      planPlanetScaleOrganization(organization, spec, observed.planetscale.get(organization), options),
    ),
};

function orderByPhase(changes: readonly Change[]): Change[] {
  const rank = (change: Change) => APPLY_PHASES.indexOf(phaseOf(change));
  return changes
    .map((change, index) => ({ change, index }))
    .sort((a, b) => rank(a.change) - rank(b.change) || a.index - b.index)
    .map(({ change }) => change);
}
