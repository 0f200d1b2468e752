/** Reads PlanetScale membership: one paginated read per list, never one per person (docs/api-notes.md §2.6). */
import { ApiError } from '../../errors.js';
import type { HttpClient } from '../../http/http-client.js';
import type { DesiredState, PlanetScaleOrganizationSpec } from '../../model/desired-state.js';
import type {
  ObservedPlanetScaleOrganization,
  ObservedPlanetScaleTeam,
  PlanetScaleOrgMember,
  PlanetScaleTeamMember,
} from '../../model/observed.js';
import { orNotFound, unlessNotFound } from '../not-found.js';
import { toInvitations } from './planetscale-invitations.js';
import type { ObserveScope } from '../provider.js';
import {
  getCurrentUser,
  getOrganization,
  listInvitations,
  listOrganizationMembers,
  listTeamMembers,
  listTeams,
  type PlanetScaleApiMembership,
} from './planetscale-api.js';

type MembershipSettings = Pick<ObservedPlanetScaleOrganization, 'idpManagedRoles' | 'invitations'>;

/** A file without org `members:` (and without `people:`) leaves both fields undefined: nothing about them is asked. */
const NOT_OBSERVED: MembershipSettings = {};

export async function observePlanetScale(
  http: HttpClient,
  desired: DesiredState,
  scope: ObserveScope,
): Promise<Map<string, ObservedPlanetScaleOrganization>> {
  const entries = [...(desired.planetscale?.organizations ?? [])];
  const organizations = new Map<string, ObservedPlanetScaleOrganization>();
  if (entries.length === 0) return organizations;
  // Once per run, not per organization: the planner never changes or removes this user.
  const [user, observed] = await Promise.all([
    getCurrentUser(http),
    Promise.all(
      entries.map(([name, spec]) => observeOrganization(http, name, spec, scope, desired.people !== undefined)),
    ),
  ]);
  entries.forEach(([name], i) => {
    const organization = observed[i];
    if (organization)
      organizations.set(name, user ? { ...organization, tokenUserEmail: user.email.toLowerCase() } : organization);
  });
  return organizations;
}

/**
 * Org members, teams and each declared team's members; the organization itself and its invitations
 * only when the file manages organization membership: it declares the organization's `members:`,
 * or `people:` (a person may need an invitation, and a departed or expired person's pending
 * invitation must be cancelled, in every organization the file declares).
 */
async function observeOrganization(
  http: HttpClient,
  org: string,
  spec: PlanetScaleOrganizationSpec,
  scope: ObserveScope,
  managesPeople: boolean,
): Promise<ObservedPlanetScaleOrganization | undefined> {
  const managesMembers = spec.members !== undefined || managesPeople;
  const [memberships, teams, settings] = await Promise.all([
    unlessNotFound(() => listOrganizationMembers(http, org)),
    unlessNotFound(() => listTeams(http, org)),
    managesMembers ? observeMembershipSettings(http, org) : NOT_OBSERVED,
  ]);
  if (!memberships || !teams || !settings) return undefined;

  const membersByEmail = new Map<string, PlanetScaleOrgMember>();
  for (const { user, role } of memberships) {
    membersByEmail.set(user.email.toLowerCase(), { userId: user.id, email: user.email, role: role ?? 'member' });
  }

  const existing = new Map(teams.map((team) => [team.slug, team]));
  const declared =
    scope === 'everything' ? [...existing.keys()] : [...spec.teams.keys()].filter((slug) => existing.has(slug));
  const teamMembers = await Promise.all(declared.map((slug) => listTeamMembers(http, org, slug)));
  const observedTeams = new Map<string, ObservedPlanetScaleTeam>();
  declared.forEach((slug, i) => {
    observedTeams.set(slug, {
      slug,
      managed: existing.get(slug)?.managed === true,
      members: toTeamMembers(teamMembers[i] ?? []),
    });
  });
  return { membersByEmail, ...settings, teams: observedTeams };
}

/** Undefined when the organization itself is not found. */
async function observeMembershipSettings(http: HttpClient, org: string): Promise<MembershipSettings | undefined> {
  const [organization, invitations] = await Promise.all([
    unlessNotFound(() => getOrganization(http, org)),
    orNotFound(() => listInvitations(http, org)),
  ]);
  if (!organization) return undefined;
  if ('notFound' in invitations) throw missingInvitationAccess(invitations.notFound);
  return { idpManagedRoles: organization.idp_managed_roles === true, invitations: toInvitations(invitations.found) };
}

/** The organization is visible, so this 404 is a missing access, not a missing scope (docs/api-notes.md §2.1, §2.3). */
function missingInvitationAccess(error: ApiError): ApiError {
  const hint =
    '(the service token needs the write_members access to list invitations, which a file that declares organization members: or people: needs)';
  return new ApiError(
    error.provider,
    error.method,
    error.path,
    error.status,
    `${error.apiMessage} ${hint}`,
    error.code,
  );
}

function toTeamMembers(memberships: readonly PlanetScaleApiMembership[]): Map<string, PlanetScaleTeamMember> {
  return new Map(
    memberships.map(({ id, user }) => [user.id, { membershipId: id, userId: user.id, email: user.email }]),
  );
}
