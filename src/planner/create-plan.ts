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
import { explainChanges } from './explain-changes.js';
import type { PlanParts } from './plan-parts.js';
import { planPlanetScaleOrganization } from './plan-planetscale.js';
import { planTursoOrganization } from './plan-turso.js';
import { resolvePeople, type Resolution } from './resolve-people.js';
import { capRemovals } from './safety-rules.js';

export function createPlan(
  desired: DesiredState,
  observed: Observed,
  options: PlanOptions = DEFAULT_PLAN_OPTIONS,
): Plan {
  const resolution = resolvePeople(desired, observed, options);
  const parts = PROVIDER_NAMES.flatMap((name) => PLANNERS[name](resolution, observed, options));
  const explained = explainChanges(
    parts.flatMap((part) => part.changes),
    resolution,
  );
  const changes = orderByPhase(explained.changes);
  const problems = parts.flatMap((part) => part.problems);
  const overCap = capRemovals(changes, options.maxRemovals);
  if (overCap) problems.push({ kind: 'removal_cap', message: overCap.message });
  return {
    format_version: PLAN_FORMAT_VERSION,
    changes,
    drift: parts.flatMap((part) => part.drift),
    problems,
    notices: [...resolution.notices, ...parts.flatMap((part) => part.notices), ...explained.notices],
  };
}

/**
 * One planner per provider, each over the organizations the file declares for it (with the person
 * form resolved into them), in the file's order.
 */
const PLANNERS: {
  readonly [P in ProviderName]: (resolution: Resolution, observed: Observed, options: PlanOptions) => PlanParts[];
} = {
  turso: (resolution, observed, options) =>
    [...resolution.turso].map(([organization, spec]) =>
      planTursoOrganization(organization, spec, observed.turso.get(organization), options),
    ),
  planetscale: (resolution, observed, options) =>
    [...resolution.planetscale].map(([organization, spec]) =>
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
