/**
 * Apply's rule for a saved plan: a write happens only if the desired-state file, today's observed
 * state and the safety rules all justify it now, whatever the plan file says. Pure: given the
 * reviewed changes and a plan made now (same file, same safety options), sorts every reviewed
 * change into one of three piles. Anything unjustified refuses the whole plan (zero writes).
 */
import type { DesiredState } from '../model/desired-state.js';
import type { Observed, ObservedPlanetScaleOrganization, ObservedTursoOrganization } from '../model/observed.js';
import {
  changeKey,
  describeChange,
  isRemoval,
  isSameChange,
  type Change,
  type Plan,
  type PlanProblem,
} from '../model/plan.js';
import { byProvider, type ForProvider } from '../model/providers.js';
import { formatScope } from '../model/scope.js';
import { capRemovals, protectOwner, protectTokenUser } from './safety-rules.js';

export interface UnjustifiedChange {
  readonly change: Change;
  /** Why today's file and state do not call for it. */
  readonly reason: string;
}

export interface Justification {
  /** Reviewed, and held identically by the plan made now: these are written. */
  readonly toApply: readonly Change[];
  /** Reviewed, and already true today: reported `already_present` without a request. */
  readonly converged: readonly Change[];
  /** Reviewed, but neither of the above: any one of these refuses the plan. */
  readonly unjustified: readonly UnjustifiedChange[];
  /** In the plan made now but not reviewed: never applied; plan again to review them. */
  readonly unreviewed: readonly Change[];
  /** The plan made now has problems, or what would be written breaks a plan-wide rule: refuse. */
  readonly problems: readonly PlanProblem[];
}

export interface JustifyOptions {
  readonly maxRemovals: number;
}

export function justifyReviewedChanges(
  reviewed: readonly Change[],
  fresh: Plan,
  observed: Observed,
  desired: DesiredState,
  options: JustifyOptions,
): Justification {
  const now = new Map(fresh.changes.map((change) => [changeKey(change), change]));
  const matched = new Set<string>();
  const toApply: Change[] = [];
  const converged: Change[] = [];
  const unjustified: UnjustifiedChange[] = [];
  for (const change of reviewed) {
    const key = changeKey(change);
    const current = now.get(key);
    if (matched.has(key)) {
      unjustified.push({ change, reason: 'the plan holds this change twice' });
    } else if (current !== undefined && isSameChange(current, change)) {
      toApply.push(change);
    } else if (current !== undefined) {
      unjustified.push({ change, reason: `a plan made now would instead: ${describeChange(current)}` });
    } else if (hasConverged(change, observed)) {
      converged.push(change);
    } else {
      unjustified.push({ change, reason: whyNotPlanned(change, fresh, observed, desired) });
    }
    matched.add(key);
  }
  const unreviewed = fresh.changes.filter((change) => !matched.has(changeKey(change)));
  const overCap = capRemovals(toApply, options.maxRemovals);
  const problems = [...fresh.problems, ...(overCap ? [{ kind: overCap.kind, message: overCap.message }] : [])];
  return { toApply, converged, unjustified, unreviewed, problems };
}

/** True when today's state already is what the change would make it. */
function hasConverged(change: Change, observed: Observed): boolean {
  return byProvider(change, {
    turso: (tursoChange) => {
      const organization = observed.turso.get(tursoChange.organization);
      return organization !== undefined && tursoHolds(tursoChange, organization);
    },
    planetscale: (planetScaleChange) => {
      const organization = observed.planetscale.get(planetScaleChange.organization);
      return organization !== undefined && planetScaleHolds(planetScaleChange, organization);
    },
  });
}

function tursoHolds(change: ForProvider<Change, 'turso'>, organization: ObservedTursoOrganization): boolean {
  const member = organization.members.get(change.member.toLowerCase());
  switch (change.action) {
    case 'add':
    case 'change_role':
      return member?.role === change.role;
    case 'remove':
      return member === undefined;
    case 'invite':
      return organization.invites?.get(change.member.toLowerCase())?.role === change.role;
    case 'cancel_invite':
      return organization.invites !== undefined && !organization.invites.has(change.member.toLowerCase());
  }
}

function planetScaleHolds(
  change: ForProvider<Change, 'planetscale'>,
  organization: ObservedPlanetScaleOrganization,
): boolean {
  const member = organization.membersByEmail.get(change.member.toLowerCase());
  switch (change.action) {
    case 'add':
      return organization.teams.get(change.team)?.members.has(change.user_id) === true;
    case 'remove': {
      // From the organization: gone by email and by user id (a member who changed email is still there).
      if (!('team' in change))
        return (
          member === undefined && ![...organization.membersByEmail.values()].some((m) => m.userId === change.user_id)
        );
      const team = organization.teams.get(change.team);
      return team !== undefined && !team.members.has(change.user_id);
    }
    case 'change_role':
      return member?.role === change.role;
    case 'invite':
      return member !== undefined || organization.invitations?.get(change.member.toLowerCase())?.role === change.role;
    case 'cancel_invite':
      return organization.invitations !== undefined && !organization.invitations.has(change.member.toLowerCase());
  }
}

/**
 * The most specific reason a plan made now leaves the change out: a scope the file lacks, a safety
 * rule (asked again here, since the planner does not mention owners it was never asked to touch),
 * a notice of the plan made now, or prune.
 */
function whyNotPlanned(change: Change, fresh: Plan, observed: Observed, desired: DesiredState): string {
  const declared = desired[change.provider]?.organizations.get(change.organization);
  // Scopes as --target takes them, like every other output.
  const where = formatScope({ provider: change.provider, organization: change.organization });
  if (declared === undefined) return `the file does not declare ${where}`;
  const team = 'team' in change ? change.team : undefined;
  if (team !== undefined && 'teams' in declared && !declared.teams.has(team))
    return `the file does not declare ${formatScope({ provider: change.provider, organization: change.organization, team })}`;
  const rule = safetyRuleAgainst(change, observed);
  if (rule !== undefined) return rule;
  const notice = [...fresh.notices, ...fresh.problems].find(
    (item) =>
      item.provider === change.provider &&
      item.organization === change.organization &&
      item.member?.toLowerCase() === change.member.toLowerCase() &&
      (team === undefined || item.team === undefined || item.team === team),
  );
  if (notice !== undefined) return notice.message;
  // A team removal follows the team's prune, anything else the organization's.
  const pruned = team !== undefined && 'teams' in declared ? declared.teams.get(team)?.prune : declared.prune;
  if (isRemoval(change) && pruned === false) {
    const scope =
      team === undefined ? where : formatScope({ provider: change.provider, organization: change.organization, team });
    return `${scope} is not pruned (prune: true): undeclared members are left alone`;
  }
  return "the file and today's state do not call for it";
}

function safetyRuleAgainst(change: Change, observed: Observed): string | undefined {
  if (change.action !== 'remove' && change.action !== 'change_role') return undefined;
  const wanted = change.action === 'change_role' ? change.role : undefined;
  return byProvider(change, {
    turso: ({ organization: name, member }) => {
      const organization = observed.turso.get(name);
      const current = organization?.members.get(member.toLowerCase());
      if (organization === undefined || current === undefined) return undefined;
      return (
        protectOwner(member, current.role, wanted) ??
        protectTokenUser(member, organization.tokenUser, current.role, wanted)
      )?.message;
    },
    planetscale: ({ organization: name, member }) => {
      const organization = observed.planetscale.get(name);
      const role = organization?.membersByEmail.get(member.toLowerCase())?.role ?? 'member';
      return protectTokenUser(member, organization?.tokenUserEmail, role, wanted)?.message;
    },
  });
}
