import type { PlanetScaleOrganizationSpec, PlanetScaleTeamSpec } from '../model/desired-state.js';
import type { ObservedPlanetScaleOrganization } from '../model/observed.js';
import type { PlanetScaleRemoveTeamMember } from '../model/plan.js';
import { emptyParts, staleDays, type PlanOptions, type PlanParts } from './plan-parts.js';

const provider = 'planetscale';

export function planPlanetScaleOrganization(
  organization: string,
  spec: PlanetScaleOrganizationSpec,
  observed: ObservedPlanetScaleOrganization | undefined,
  options: PlanOptions,
): PlanParts {
  const parts = emptyParts();
  if (!observed) {
    parts.problems.push({
      provider,
      organization,
      message: `organization "${organization}" was not found (or the service token lacks read_organization access to it)`,
    });
    return parts;
  }
  if (spec.members) planOrganizationMembers(parts, organization, spec.members, observed, options);
  for (const [team, teamSpec] of spec.teams) {
    planTeam(parts, organization, team, teamSpec, spec, observed, options);
  }
  return parts;
}

function planOrganizationMembers(
  parts: PlanParts,
  organization: string,
  members: ReadonlyMap<string, string>,
  observed: ObservedPlanetScaleOrganization,
  options: PlanOptions,
): void {
  const declared = new Set<string>();
  for (const [member, role] of members) {
    const key = member.toLowerCase();
    declared.add(key);
    const current = observed.membersByEmail.get(key);
    if (!current) {
      const pending = observed.invitations?.get(key);
      if (!pending) {
        parts.changes.push({ provider, action: 'invite', organization, member, role });
        continue;
      }
      const days = staleDays(pending.createdAt, options);
      if (days !== undefined) {
        parts.notices.push({ provider, organization, member, message: `invitation pending for ${days} days and not accepted; it is not re-sent` });
      }
      if (pending.role !== role) {
        parts.notices.push({ provider, organization, member, message: `the pending invitation is for ${pending.role}, the file says ${role}; the role can be changed once they accept` });
      }
    } else if (current.role !== role) {
      if (observed.idpManagedRoles) {
        // "Roles managed by IdP cannot be updated via API" (API-NOTES.md §2.3).
        parts.notices.push({ provider, organization, member, message: `roles are managed by your identity provider; ${member} stays ${current.role} (the file says ${role})` });
      } else {
        parts.changes.push({ provider, action: 'change_role', organization, member, user_id: current.userId, role, previous_role: current.role });
      }
    }
  }
  for (const [key, current] of observed.membersByEmail) {
    if (!declared.has(key)) parts.drift.push({ provider, kind: 'undeclared_org_member', organization, member: current.email, role: current.role });
  }
}

function planTeam(
  parts: PlanParts,
  organization: string,
  team: string,
  spec: PlanetScaleTeamSpec,
  orgSpec: PlanetScaleOrganizationSpec,
  observed: ObservedPlanetScaleOrganization,
  options: PlanOptions,
): void {
  const current = observed.teams.get(team);
  if (!current) {
    parts.problems.push({ provider, organization, team, message: `team "${team}" does not exist in organization "${organization}" (teams are named by slug)` });
    return;
  }
  if (current.managed) {
    // "Teams managed through SSO/directory services cannot have members added or removed via API" (API-NOTES.md §2.4).
    parts.notices.push({ provider, organization, team, message: `team "${team}" is managed by directory sync; its members are not touched (change them in your identity provider)` });
    return;
  }
  const invited = new Set([...(orgSpec.members?.keys() ?? [])].map((email) => email.toLowerCase()));
  const declaredUserIds = new Set<string>();
  for (const member of spec.members) {
    const orgMember = observed.membersByEmail.get(member.toLowerCase());
    if (!orgMember) {
      if (invited.has(member.toLowerCase())) {
        parts.notices.push({ provider, organization, team, member, message: `${member} joins the team once they accept the organization invitation (plan again then)` });
        continue;
      }
      // Teams take organization members only; the email resolves to a user id (API-NOTES.md §2.6).
      parts.problems.push({ provider, organization, team, member, message: `${member} is not a member of organization "${organization}"; invite them first (declare them under the organization's members:)` });
      continue;
    }
    declaredUserIds.add(orgMember.userId);
    if (!current.members.has(orgMember.userId)) {
      parts.changes.push({ provider, action: 'add', organization, team, member, user_id: orgMember.userId });
    }
  }

  const removals: PlanetScaleRemoveTeamMember[] = [];
  for (const member of current.members.values()) {
    if (declaredUserIds.has(member.userId)) continue;
    if (spec.prune) {
      removals.push({ provider, action: 'remove', organization, team, member: member.email, user_id: member.userId, membership_id: member.membershipId });
    } else {
      parts.drift.push({ provider, kind: 'undeclared_member', organization, team, member: member.email });
    }
  }
  if (removals.length > 0 && spec.members.length === 0 && !options.allowEmpty) {
    parts.problems.push({
      provider,
      organization,
      team,
      message: `refusing to remove all ${removals.length} member(s) of team "${team}": the file declares none with prune: true (pass --allow-empty if that is intended)`,
    });
    return;
  }
  parts.changes.push(...removals);
}
