/**
 * (desired, observed, options) -> Plan. Pure: no I/O, no clock (the time comes in options), no
 * logger. Changes are ordered in phases (additions and role changes, then PlanetScale team adds
 * that may depend on them, then removals last) and, within a phase, in the file's order, Turso
 * first: the same inputs always give the same plan.
 */
import type { DesiredState } from '../model/desired-state.js';
import type { Observed } from '../model/observed.js';
import { PLAN_FORMAT_VERSION, type Change, type Plan } from '../model/plan.js';
import { DEFAULT_PLAN_OPTIONS, type PlanOptions, type PlanParts } from './plan-parts.js';
import { planPlanetScaleOrganization } from './plan-planetscale.js';
import { planTursoOrganization } from './plan-turso.js';

export function createPlan(desired: DesiredState, observed: Observed, options: PlanOptions = DEFAULT_PLAN_OPTIONS): Plan {
  const parts: PlanParts[] = [];
  for (const [organization, spec] of desired.turso?.organizations ?? []) {
    parts.push(planTursoOrganization(organization, spec, observed.turso.get(organization), options));
  }
  for (const [organization, spec] of desired.planetscale?.organizations ?? []) {
    parts.push(planPlanetScaleOrganization(organization, spec, observed.planetscale.get(organization), options));
  }
  const changes = parts.flatMap((part) => part.changes);
  return {
    format_version: PLAN_FORMAT_VERSION,
    changes: orderByPhase(changes),
    drift: parts.flatMap((part) => part.drift),
    problems: parts.flatMap((part) => part.problems),
    notices: parts.flatMap((part) => part.notices),
  };
}

/**
 * The apply phase of a change. Invites, org adds and role changes come first; PlanetScale team
 * adds next (they need organization members); removals last, so a failed addition can stop the
 * removals of its scope instead of leaving it with fewer members than planned.
 */
export function phaseOf(change: Change): number {
  if (change.action === 'remove' || change.action === 'cancel_invite') return 2;
  if (change.provider === 'planetscale' && change.action === 'add') return 1;
  return 0;
}

function orderByPhase(changes: readonly Change[]): Change[] {
  return changes
    .map((change, index) => ({ change, index }))
    .sort((a, b) => phaseOf(a.change) - phaseOf(b.change) || a.index - b.index)
    .map(({ change }) => change);
}
