import type { ObservedTursoOrganization } from '../model/observed.js';
import type { PlanOptions, TursoRemoveMember } from '../model/plan.js';
import { daysText, emptyParts, recordRefusal, staleDays, type PlanParts } from './plan-parts.js';
import type { ResolvedTursoOrganization } from './resolve-people.js';
import { protectOwner, protectTokenUser, refuseEmailAsUsername, refuseEmptying } from './safety-rules.js';

const provider = 'turso';

export function planTursoOrganization(
  organization: string,
  spec: ResolvedTursoOrganization,
  observed: ObservedTursoOrganization | undefined,
  options: PlanOptions,
): PlanParts {
  const parts = emptyParts();
  if (!observed) {
    parts.problems.push({
      kind: 'organization_not_found',
      provider,
      organization,
      message: `organization "${organization}" was not found (or TURSO_API_TOKEN cannot see it)`,
    });
    return parts;
  }
  if (observed.type !== 'team') {
    // "You can only add users to a team and not your personal account" (docs/api-notes.md §1.2).
    parts.problems.push({
      kind: 'personal_organization',
      provider,
      organization,
      message: `"${organization}" is a ${observed.type} account; members can be managed in team organizations only`,
    });
    return parts;
  }
  planMembers(parts, organization, spec, observed, options);
  planInvites(parts, organization, spec, observed, options);
  return parts;
}

/** Usernames compare case-insensitively (GitHub logins); the file's spelling is what gets sent. */
function planMembers(
  parts: PlanParts,
  organization: string,
  spec: ResolvedTursoOrganization,
  observed: ObservedTursoOrganization,
  options: PlanOptions,
): void {
  const self = observed.tokenUser;
  const declared = new Set<string>();
  for (const [member, role] of spec.members) {
    declared.add(member.toLowerCase());
    const notAUsername = refuseEmailAsUsername(member);
    if (notAUsername) {
      recordRefusal(parts, notAUsername, { provider, organization, member });
      continue;
    }
    const current = observed.members.get(member.toLowerCase());
    if (!current) {
      parts.changes.push({ provider, action: 'add', organization, member, role });
      continue;
    }
    if (current.role === role) continue;
    const refusal = protectOwner(member, current.role, role) ?? protectTokenUser(member, self, current.role, role);
    if (refusal) recordRefusal(parts, refusal, { provider, organization, member });
    else
      parts.changes.push({ provider, action: 'change_role', organization, member, role, previous_role: current.role });
  }

  // Pruned members are refused all together when the file declares none; a departed person or an
  // ended grant names each one, so those go whatever the list holds.
  const removals: TursoRemoveMember[] = [];
  const revoked: TursoRemoveMember[] = [];
  for (const current of observed.members.values()) {
    const member = current.username;
    if (declared.has(member.toLowerCase())) continue;
    const forced = isRevoked(spec, member, current.email);
    // Owners are neither drift nor removable: the file cannot declare them (owner cannot be granted).
    const owner = protectOwner(member, current.role);
    if (owner) {
      if (forced) recordRefusal(parts, owner, { provider, organization, member });
      continue;
    }
    if (!spec.prune && !forced) {
      parts.drift.push({ provider, kind: 'undeclared_member', organization, member, role: current.role });
      continue;
    }
    const refusal = protectTokenUser(member, self, current.role);
    if (refusal) recordRefusal(parts, refusal, { provider, organization, member });
    else
      (forced ? revoked : removals).push({
        provider,
        action: 'remove',
        organization,
        member,
        previous_role: current.role,
      });
  }
  const emptying = refuseEmptying(
    removals.length,
    spec.members.size,
    options.allowEmpty,
    `organization "${organization}"`,
  );
  if (emptying) recordRefusal(parts, emptying, { provider, organization });
  else parts.changes.push(...removals);
  parts.changes.push(...revoked);
}

function isRevoked(spec: ResolvedTursoOrganization, username: string, email: string | undefined): boolean {
  return spec.revoke.has(username.toLowerCase()) || (email !== undefined && spec.revoke.has(email.toLowerCase()));
}

/**
 * Runs when invites were observed: the file declares `invites:`, or `prune: true` (a leaver's last
 * pending invite must not outlive them). Without `invites:`, every pending invite is undeclared.
 */
function planInvites(
  parts: PlanParts,
  organization: string,
  spec: ResolvedTursoOrganization,
  observed: ObservedTursoOrganization,
  options: PlanOptions,
): void {
  if (observed.invitesUnavailable !== undefined) {
    const message = `invites cannot be listed on this organization's plan (${observed.invitesUnavailable}); pending invites are not checked`;
    parts.notices.push({ kind: 'invites_unlisted', provider, organization, message });
    if (spec.invites !== undefined && spec.invites.size > 0) {
      parts.problems.push({
        kind: 'invites_not_available',
        provider,
        organization,
        message:
          "the file declares invites:, which this organization's plan does not allow (Turso invites need the Scaler plan or above)",
      });
    }
    return;
  }
  const pending = observed.invites;
  if (pending === undefined) return;
  const memberEmails = new Map(
    [...observed.members.values()].flatMap((m) => (m.email ? [[m.email.toLowerCase(), m.username] as const] : [])),
  );
  const declared = new Set<string>();
  for (const [member, role] of spec.invites ?? []) {
    const key = member.toLowerCase();
    declared.add(key);
    const username = memberEmails.get(key);
    if (username !== undefined) {
      parts.notices.push({
        kind: 'invite_not_needed',
        provider,
        organization,
        member,
        message: `${member} already belongs to member ${username}; no invite is needed (declare them under members:)`,
      });
      continue;
    }
    const invite = pending.get(key);
    if (!invite) {
      parts.changes.push({ provider, action: 'invite', organization, member, role });
    } else if (invite.role !== role) {
      // A re-POST replaces the pending invite (docs/api-notes.md §1.3): the way to change its role.
      parts.changes.push({ provider, action: 'invite', organization, member, role, previous_role: invite.role });
    } else {
      const days = staleDays(invite.createdAt, options);
      if (days !== undefined) {
        parts.notices.push({
          kind: 'stale_invite',
          provider,
          organization,
          member,
          message: `${member} was invited ${daysText(days)} ago and has not accepted; the invite is not re-sent (remove it from the file, or follow up in person)`,
        });
      }
    }
  }
  for (const [key, invite] of pending) {
    if (declared.has(key)) continue;
    if (spec.prune || spec.revoke.has(key))
      parts.changes.push({
        provider,
        action: 'cancel_invite',
        organization,
        member: invite.email,
        previous_role: invite.role,
      });
    else
      parts.drift.push({ provider, kind: 'undeclared_invite', organization, member: invite.email, role: invite.role });
  }
}
