import type { PlanetScaleOrganizationSpec, PlanetScaleTeamSpec } from '../model/desired-state.js';
import type { ObservedPlanetScaleOrganization } from '../model/observed.js';
import type { Change, Drift, PlanProblem } from '../model/plan.js';
import type { PlanParts } from './plan-parts.js';

export function planPlanetScaleOrganization(
  organization: string,
  spec: PlanetScaleOrganizationSpec,
  observed: ObservedPlanetScaleOrganization | undefined,
): PlanParts {
  const parts: PlanParts = { changes: [], drift: [], problems: [] };
  if (!observed) {
    parts.problems.push({
      provider: 'planetscale',
      organization,
      message: `organization "${organization}" was not found (or the service token lacks read_organization access to it)`,
    });
    return parts;
  }
  for (const [team, teamSpec] of spec.teams) {
    planTeam(parts, organization, team, teamSpec, observed);
  }
  return parts;
}

function planTeam(
  { changes, drift, problems }: PlanParts,
  organization: string,
  team: string,
  spec: PlanetScaleTeamSpec,
  observed: ObservedPlanetScaleOrganization,
): void {
  const current = observed.teams.get(team);
  if (!current) {
    problems.push({
      provider: 'planetscale',
      organization,
      team,
      message: `team "${team}" does not exist in organization "${organization}" (teams are named by slug)`,
    });
    return;
  }
  const additions: Change[] = [];
  const declaredUserIds = new Set<string>();
  for (const member of spec.members) {
    const orgMember = observed.membersByEmail.get(member.toLowerCase());
    if (!orgMember) {
      // Teams take organization members only; the email must be resolved to a user id first (API-NOTES.md §2.6).
      problems.push({
        provider: 'planetscale',
        organization,
        team,
        member,
        message: `${member} is not a member of organization "${organization}"; invite them to the organization first`,
      });
      continue;
    }
    declaredUserIds.add(orgMember.userId);
    if (!current.members.has(orgMember.userId)) {
      additions.push({ provider: 'planetscale', action: 'add', organization, team, member, user_id: orgMember.userId });
    }
  }
  if (current.managed && additions.length > 0) {
    // "Teams managed through SSO/directory services cannot have members added or removed via API" (API-NOTES.md §2.4).
    problems.push({
      provider: 'planetscale',
      organization,
      team,
      message: `team "${team}" is managed by directory sync; add its ${additions.length} missing member(s) in your identity provider`,
    });
  } else {
    changes.push(...additions);
  }
  for (const member of current.members.values()) {
    if (declaredUserIds.has(member.userId)) continue;
    drift.push({ provider: 'planetscale', kind: 'undeclared_member', organization, team, member: member.email });
  }
}
