import type { ObservedPlanetScaleOrganization } from '../model/observed.js';
import type {
  PlanOptions,
  PlanetScaleCancelInvitation,
  PlanetScaleRemoveOrgMember,
  PlanetScaleRemoveTeamMember,
} from '../model/plan.js';
import { daysText, emptyParts, recordRefusal, staleDays, type PlanParts } from './plan-parts.js';
import type { ResolvedPlanetScaleOrganization, ResolvedPlanetScaleTeam } from './resolve-people.js';
import {
  keepLastAdmin,
  protectDeclaredTeamMember,
  protectTokenUser,
  refuseEmptying,
  requireMemberInvitation,
  respectIdpRoles,
  skipManagedTeam,
} from './safety-rules.js';

const provider = 'planetscale';

export function planPlanetScaleOrganization(
  organization: string,
  spec: ResolvedPlanetScaleOrganization,
  observed: ObservedPlanetScaleOrganization | undefined,
  options: PlanOptions,
): PlanParts {
  const parts = emptyParts();
  if (!observed) {
    parts.problems.push({
      kind: 'organization_not_found',
      provider,
      organization,
      message: `organization "${organization}" was not found (or the service token lacks read_organization access to it)`,
    });
    return parts;
  }
  if (spec.members) planOrganizationMembers(parts, organization, spec.members, observed, options);
  if (spec.members || spec.revoke.size > 0) pruneOrganization(parts, organization, spec, observed, options);
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
  for (const [member, role] of members) {
    const key = member.toLowerCase();
    const current = observed.membersByEmail.get(key);
    if (!current) {
      const pending = observed.invitations?.get(key);
      if (!pending) {
        const refusal = requireMemberInvitation(member, role);
        if (refusal) recordRefusal(parts, refusal, { provider, organization, member });
        else parts.changes.push({ provider, action: 'invite', organization, member, role });
        continue;
      }
      const days = staleDays(pending.createdAt, options);
      if (days !== undefined) {
        parts.notices.push({
          kind: 'stale_invite',
          provider,
          organization,
          member,
          message: `${member} was invited ${daysText(days)} ago and has not accepted; the invitation is not re-sent`,
        });
      }
      if (pending.role !== role) {
        parts.notices.push({
          kind: 'pending_invitation_role',
          provider,
          organization,
          member,
          message: `${member} has a pending invitation as ${pending.role}, the file says ${role}; the role can be changed once they accept`,
        });
      }
      continue;
    }
    if (current.role === role) continue;
    const refusal =
      respectIdpRoles(member, current.role, role, observed.idpManagedRoles === true) ??
      protectTokenUser(member, observed.tokenUserEmail, current.role, role);
    if (refusal) recordRefusal(parts, refusal, { provider, organization, member });
    else
      parts.changes.push({
        provider,
        action: 'change_role',
        organization,
        member,
        user_id: current.userId,
        role,
        previous_role: current.role,
      });
  }
}

const ADMIN = 'admin';

/**
 * Organization members and pending invitations that `members:` does not declare: drift, or with
 * `prune: true` removals and cancellations. Someone a team of this entry lists is kept (the file
 * wants them in the organization), and so are the token's own user and the last admin. Departed
 * people and ended grants (`spec.revoke`) go whatever `prune` says, even where `members:` is not
 * declared; the empty-list rule is for prune, which removes people the file does not name.
 */
function pruneOrganization(
  parts: PlanParts,
  organization: string,
  spec: ResolvedPlanetScaleOrganization,
  observed: ObservedPlanetScaleOrganization,
  options: PlanOptions,
): void {
  const members = spec.members;
  const declared = new Set([...(members?.keys() ?? [])].map((email) => email.toLowerCase()));
  const inTeams = new Set([...spec.teams.values()].flatMap((team) => team.members.map((email) => email.toLowerCase())));
  const pruned: PlanetScaleRemoveOrgMember[] = [];
  const revoked: PlanetScaleRemoveOrgMember[] = [];
  for (const [key, current] of observed.membersByEmail) {
    if (declared.has(key)) continue;
    const forced = spec.revoke.has(key);
    if (!forced) {
      if (members === undefined) continue;
      if (!spec.prune || inTeams.has(key)) {
        parts.drift.push({
          provider,
          kind: 'undeclared_org_member',
          organization,
          member: current.email,
          role: current.role,
        });
        continue;
      }
    }
    const refusal = protectTokenUser(current.email, observed.tokenUserEmail, current.role);
    if (refusal) recordRefusal(parts, refusal, { provider, organization, member: current.email });
    else
      (forced ? revoked : pruned).push({
        provider,
        action: 'remove',
        organization,
        member: current.email,
        user_id: current.userId,
        previous_role: current.role,
      });
  }
  const cancelled: PlanetScaleCancelInvitation[] = [];
  const prunedInvitations: PlanetScaleCancelInvitation[] = [];
  for (const [key, invitation] of observed.invitations ?? []) {
    if (declared.has(key)) continue;
    const forced = spec.revoke.has(key);
    if (!forced && members === undefined) continue;
    const cancellation = {
      provider,
      action: 'cancel_invite',
      organization,
      member: invitation.email,
      previous_role: invitation.role,
    } as const;
    if (forced) cancelled.push(cancellation);
    else if (spec.prune) prunedInvitations.push(cancellation);
    else
      parts.drift.push({
        provider,
        kind: 'undeclared_invite',
        organization,
        member: invitation.email,
        role: invitation.role,
      });
  }
  const emptying = refuseEmptying(
    pruned.length + prunedInvitations.length,
    members?.size ?? 0,
    options.allowEmpty,
    `organization "${organization}"`,
  );
  if (emptying) recordRefusal(parts, emptying, { provider, organization });
  const removals = emptying ? revoked : [...pruned, ...revoked];
  const lastAdmin = keepLastAdmin(
    removals.filter((removal) => removal.previous_role === ADMIN).length,
    adminsAfter(parts, organization, observed, removals),
    organization,
  );
  if (lastAdmin) {
    recordRefusal(parts, lastAdmin, { provider, organization });
    return;
  }
  parts.changes.push(...removals, ...(emptying ? [] : prunedInvitations), ...cancelled);
}

/** Admins the organization has once the role changes planned so far and these removals are applied. */
function adminsAfter(
  parts: PlanParts,
  organization: string,
  observed: ObservedPlanetScaleOrganization,
  removals: readonly PlanetScaleRemoveOrgMember[],
): number {
  const removed = new Set(removals.map((removal) => removal.user_id));
  const roles = new Map(
    parts.changes.flatMap((change) =>
      change.provider === provider && change.organization === organization && change.action === 'change_role'
        ? [[change.user_id, change.role] as const]
        : [],
    ),
  );
  return [...observed.membersByEmail.values()].filter(
    (member) => !removed.has(member.userId) && (roles.get(member.userId) ?? member.role) === ADMIN,
  ).length;
}

function planTeam(
  parts: PlanParts,
  organization: string,
  team: string,
  spec: ResolvedPlanetScaleTeam,
  orgSpec: ResolvedPlanetScaleOrganization,
  observed: ObservedPlanetScaleOrganization,
  options: PlanOptions,
): void {
  const current = observed.teams.get(team);
  if (!current) {
    parts.problems.push({
      kind: 'team_not_found',
      provider,
      organization,
      team,
      message: `team "${team}" does not exist in organization "${organization}" (teams are named by slug)`,
    });
    return;
  }
  const managed = skipManagedTeam(team, current.managed);
  if (managed) {
    recordRefusal(parts, managed, { provider, organization, team });
    return;
  }
  // Declared to the organization (so invited when missing); under a team target, which plans no
  // invitation, anyone with one pending already: that run waits for them as the organization's would.
  const pending = orgSpec.teamsOnly === true ? [...(observed.invitations?.keys() ?? [])] : [];
  const invited = new Set([...(orgSpec.members?.keys() ?? []), ...pending].map((email) => email.toLowerCase()));
  const declaredEmails = new Set(spec.members.map((member) => member.toLowerCase()));
  const declaredUserIds = new Set<string>();
  for (const member of spec.members) {
    const orgMember = observed.membersByEmail.get(member.toLowerCase());
    if (!orgMember) {
      if (invited.has(member.toLowerCase())) {
        parts.notices.push({
          kind: 'awaiting_invitation',
          provider,
          organization,
          team,
          member,
          message: `${member} joins the team once they accept the organization invitation (plan again then)`,
        });
        continue;
      }
      // Teams take organization members only; the email resolves to a user id (docs/api-notes.md §2.6).
      parts.problems.push({
        kind: 'not_an_organization_member',
        provider,
        organization,
        team,
        member,
        message: `${member} is not a member of organization "${organization}"; invite them first (declare them under the organization's members:)`,
      });
      continue;
    }
    declaredUserIds.add(orgMember.userId);
    if (!current.members.has(orgMember.userId)) {
      parts.changes.push({ provider, action: 'add', organization, team, member, user_id: orgMember.userId });
    }
  }

  const removals: PlanetScaleRemoveTeamMember[] = [];
  const revoked: PlanetScaleRemoveTeamMember[] = [];
  for (const member of current.members.values()) {
    // By user id and, independently, by the team's own list of emails: either one keeps them.
    if (declaredUserIds.has(member.userId) || protectDeclaredTeamMember(member.email, declaredEmails)) continue;
    const key = member.email.toLowerCase();
    // Leaving the organization takes them off its teams: one removal, not one per team.
    if (orgSpec.revoke.has(key)) continue;
    const forced = spec.revoke.has(key);
    if (!spec.prune && !forced) {
      parts.drift.push({ provider, kind: 'undeclared_member', organization, team, member: member.email });
      continue;
    }
    const refusal = protectTokenUser(member.email, observed.tokenUserEmail, 'member');
    if (refusal) recordRefusal(parts, refusal, { provider, organization, team, member: member.email });
    else
      (forced ? revoked : removals).push({
        provider,
        action: 'remove',
        organization,
        team,
        member: member.email,
        user_id: member.userId,
        membership_id: member.membershipId,
      });
  }
  const emptying = refuseEmptying(removals.length, spec.members.length, options.allowEmpty, `team "${team}"`);
  if (emptying) recordRefusal(parts, emptying, { provider, organization, team });
  else parts.changes.push(...removals);
  parts.changes.push(...revoked);
}
