/**
 * Reads Turso membership: one request per list, never one per person (docs/api-notes.md §1.2:
 * nothing is paginated).
 */
import { ApiError } from '../../errors.js';
import type { HttpClient } from '../../http/http-client.js';
import type { DesiredState, TursoOrganizationSpec } from '../../model/desired-state.js';
import type { ObservedTursoOrganization, TursoInvite, TursoMember } from '../../model/observed.js';
import { unlessNotFound } from '../not-found.js';
import {
  getCurrentUser,
  getOrganization,
  listInvites,
  listMembers,
  type TursoApiInvite,
  type TursoApiMember,
} from './turso-api.js';

/**
 * Observes every declared organization, plus the token's own user once per run (not per
 * organization): the planner must never change or remove it.
 */
export async function observeTurso(
  http: HttpClient,
  desired: DesiredState,
): Promise<Map<string, ObservedTursoOrganization>> {
  const entries = [...(desired.turso?.organizations ?? [])];
  const organizations = new Map<string, ObservedTursoOrganization>();
  if (entries.length === 0) return organizations;
  const [user, observed] = await Promise.all([
    getCurrentUser(http),
    Promise.all(entries.map(([slug, spec]) => observeOrganization(http, slug, spec, desired.people !== undefined))),
  ]);
  entries.forEach(([slug], i) => {
    const organization = observed[i];
    if (organization) organizations.set(slug, { ...organization, tokenUser: user.username });
  });
  return organizations;
}

async function observeOrganization(
  http: HttpClient,
  slug: string,
  spec: TursoOrganizationSpec,
  managesPeople: boolean,
): Promise<ObservedTursoOrganization | undefined> {
  const organization = await unlessNotFound(() => getOrganization(http, slug));
  if (!organization) return undefined;
  const type = organization.type ?? 'team';
  // Invites need a Scaler plan, and listing them is assumed to as well ([A], docs/api-notes.md §1.2),
  // so only a file that manages them asks: one that declares `invites:`, `prune: true` (a leaver's
  // pending invite is access too), or `people:` (a person without an account is invited, and a
  // departed or expired person's pending invite is cancelled, in every organization the file declares).
  // A personal organization cannot have invites (§1.2); the planner reports it, so it is not asked either.
  const wantsInvites = (spec.invites !== undefined || spec.prune || managesPeople) && type === 'team';
  const [members, invites] = await Promise.all([
    listMembers(http, slug),
    wantsInvites ? observeInvites(http, slug) : undefined,
  ]);
  return { type, members: toMembers(members), ...invites };
}

type ObservedInvites = Pick<ObservedTursoOrganization, 'invites' | 'invitesUnavailable'>;

/** A 403 on the list is the organization's plan, not the token: a notice, not a stop (docs/api-notes.md §1.2). */
async function observeInvites(http: HttpClient, slug: string): Promise<ObservedInvites> {
  try {
    const invites = await listInvites(http, slug);
    return {
      invites: new Map(invites.map((invite): [string, TursoInvite] => [invite.email.toLowerCase(), toInvite(invite)])),
    };
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return { invitesUnavailable: error.apiMessage };
    throw error;
  }
}

/** Keyed by the lower-cased username: Turso usernames are GitHub logins, one person whatever the case. */
function toMembers(members: readonly TursoApiMember[]): Map<string, TursoMember> {
  const byUsername = new Map<string, TursoMember>();
  for (const member of members) {
    byUsername.set(member.username.toLowerCase(), {
      username: member.username,
      role: member.role,
      ...(typeof member.email === 'string' && member.email !== '' ? { email: member.email } : {}),
    });
  }
  return byUsername;
}

function toInvite(invite: TursoApiInvite): TursoInvite {
  return { email: invite.email, role: invite.role, createdAt: invite.created_at };
}
