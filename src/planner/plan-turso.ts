import type { TursoOrganizationSpec } from '../model/desired-state.js';
import type { ObservedTursoOrganization } from '../model/observed.js';
import { emptyParts, staleDays, type PlanOptions, type PlanParts } from './plan-parts.js';

/** Owners can be neither granted nor safely changed through the API: never touched (README "Safety rules"). */
const OWNER = 'owner';

export function planTursoOrganization(
  organization: string,
  spec: TursoOrganizationSpec,
  observed: ObservedTursoOrganization | undefined,
  options: PlanOptions,
): PlanParts {
  const parts = emptyParts();
  const provider = 'turso';
  if (!observed) {
    parts.problems.push({ provider, organization, message: `organization "${organization}" was not found (or TURSO_API_TOKEN cannot see it)` });
    return parts;
  }
  if (observed.type !== 'team') {
    // "You can only add users to a team and not your personal account" (API-NOTES.md §1.2).
    parts.problems.push({ provider, organization, message: `"${organization}" is a ${observed.type} account; members can be managed in team organizations only` });
    return parts;
  }
  planMembers(parts, organization, spec, observed, options);
  if (spec.invites) planInvites(parts, organization, spec, observed, options);
  return parts;
}

function planMembers(parts: PlanParts, organization: string, spec: TursoOrganizationSpec, observed: ObservedTursoOrganization, options: PlanOptions): void {
  const provider = 'turso';
  const self = observed.tokenUser;
  for (const [member, role] of spec.members) {
    const current = observed.members.get(member);
    if (!current) {
      parts.changes.push({ provider, action: 'add', organization, member, role });
    } else if (current.role === role) {
      continue;
    } else if (current.role === OWNER) {
      parts.notices.push({ provider, organization, member, message: `${member} is an owner; owners are never changed (the file says ${role})` });
    } else if (member === self) {
      parts.notices.push({ provider, organization, member, message: `${member} is the token's own user; its role is never changed (${current.role}, the file says ${role})` });
    } else {
      parts.changes.push({ provider, action: 'change_role', organization, member, role, previous_role: current.role });
    }
  }

  const removals = [];
  for (const current of observed.members.values()) {
    if (spec.members.has(current.username) || current.role === OWNER) continue;
    if (!spec.prune) {
      parts.drift.push({ provider, kind: 'undeclared_member', organization, member: current.username, role: current.role });
    } else if (current.username === self) {
      parts.notices.push({ provider, organization, member: current.username, message: `${current.username} is the token's own user; never removed` });
    } else {
      removals.push({ provider, action: 'remove', organization, member: current.username, previous_role: current.role } as const);
    }
  }
  if (removals.length > 0 && spec.members.size === 0 && !options.allowEmpty) {
    parts.problems.push({
      provider,
      organization,
      message: `refusing to remove all ${removals.length} member(s): the file declares none with prune: true (pass --allow-empty if that is intended)`,
    });
    return;
  }
  parts.changes.push(...removals);
}

function planInvites(parts: PlanParts, organization: string, spec: TursoOrganizationSpec, observed: ObservedTursoOrganization, options: PlanOptions): void {
  const provider = 'turso';
  const pending = observed.invites ?? new Map();
  const memberEmails = new Map([...observed.members.values()].filter((m) => m.email).map((m) => [m.email!.toLowerCase(), m.username]));
  const declared = new Set<string>();
  for (const [member, role] of spec.invites ?? []) {
    const key = member.toLowerCase();
    declared.add(key);
    const username = memberEmails.get(key);
    if (username !== undefined) {
      parts.notices.push({ provider, organization, member, message: `${member} already belongs to member ${username}; no invite is needed (declare them under members:)` });
      continue;
    }
    const invite = pending.get(key);
    if (!invite) {
      parts.changes.push({ provider, action: 'invite', organization, member, role });
    } else if (invite.role !== role) {
      // A re-POST replaces the pending invite (API-NOTES.md §1.3): the way to change its role.
      parts.changes.push({ provider, action: 'invite', organization, member, role, previous_role: invite.role });
    } else {
      const days = staleDays(invite.createdAt, options);
      if (days !== undefined) {
        parts.notices.push({ provider, organization, member, message: `invite pending for ${days} days and not accepted; it is not re-sent (remove it from the file, or follow up in person)` });
      }
    }
  }
  for (const [key, invite] of pending) {
    if (declared.has(key)) continue;
    if (spec.prune) parts.changes.push({ provider, action: 'cancel_invite', organization, member: invite.email, previous_role: invite.role });
    else parts.drift.push({ provider, kind: 'undeclared_invite', organization, member: invite.email, role: invite.role });
  }
}
