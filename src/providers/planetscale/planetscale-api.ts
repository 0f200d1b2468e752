/**
 * PlanetScale API, one function per endpoint this tool uses (API-NOTES.md §2.3).
 * Only the fields we read are typed. DELETE answers 204 with no body (§2.2).
 */
import { ApiError } from '../../errors.js';
import type { HttpClient } from '../../http/http-client.js';
import { apiPath } from '../path.js';

export interface PlanetScaleApiOrganization {
  /** The identity provider manages roles: role PATCH is refused (API-NOTES.md §2.3, §2.4). */
  readonly idp_managed_roles?: boolean;
  /** Directory sync is on: every team is managed by the directory (API-NOTES.md §2.4). */
  readonly sso_directory?: boolean;
}

export interface PlanetScaleApiUser {
  readonly id: string;
  readonly email: string;
}

export interface PlanetScaleApiMembership {
  /** The membership id, not the user id (API-NOTES.md §2.5 item 1). */
  readonly id: string;
  readonly user: PlanetScaleApiUser;
  readonly role?: string;
}

export interface PlanetScaleApiTeam {
  readonly slug: string;
  readonly managed?: boolean;
}

export interface PlanetScaleApiInvitation {
  readonly id: string;
  readonly email: string;
  readonly role?: string;
  readonly expired?: boolean;
  readonly created_at: string;
}

interface ListPage<T> {
  readonly data: T[];
  readonly next_page: number | null;
}

/** The documented maximum page size (API-NOTES.md §2.2). */
const PER_PAGE = 100;

/**
 * Follows `next_page` until it is null. `pick` keeps only the fields we read, as each page arrives:
 * planning 100k team memberships, the unused fields held about 60 MB of the heap until the whole
 * organization was read. `skipKeys` are not even parsed (ApiRequest).
 */
async function listAll<T>(
  http: HttpClient,
  path: string,
  pick: (item: T) => T,
  skipKeys?: ReadonlySet<string>,
): Promise<T[]> {
  const items: T[] = [];
  let page: number | null = 1;
  while (page !== null) {
    const { body }: { body: ListPage<T> } = await http.request<ListPage<T>>({
      method: 'GET',
      path,
      searchParams: { page, per_page: PER_PAGE },
      ...(skipKeys === undefined ? {} : { skipKeys }),
    });
    for (const item of body.data) items.push(pick(item));
    page = typeof body.next_page === 'number' && body.next_page > page ? body.next_page : null;
  }
  return items;
}

/**
 * "Returns the user associated with this service token" (GET /user in the official spec): the one
 * whose role the API refuses to change. Undefined when the token has no user to name (403, 404).
 */
export async function getCurrentUser(http: HttpClient): Promise<{ readonly email: string } | undefined> {
  const path = '/v1/user';
  try {
    const { body } = await http.request<{ email?: unknown }>({ method: 'GET', path, forbiddenIsAnswer: true });
    if (typeof body?.email !== 'string' || body.email === '')
      throw new ApiError('planetscale', 'GET', path, 200, 'the response has no email');
    return { email: body.email };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return undefined;
    throw error;
  }
}

export async function getOrganization(http: HttpClient, org: string): Promise<PlanetScaleApiOrganization> {
  const { body } = await http.request<PlanetScaleApiOrganization>({
    method: 'GET',
    path: apiPath`/v1/organizations/${org}`,
  });
  return body;
}

export function listOrganizationMembers(http: HttpClient, org: string): Promise<PlanetScaleApiMembership[]> {
  return listAll(http, apiPath`/v1/organizations/${org}/members`, pickMembership);
}

/**
 * Takes the user id, not the membership id (API-NOTES.md §2.3). "Cannot update your own role. Roles
 * managed by IdP cannot be updated via API." Needs the `write_organization` access (§2.1).
 */
export async function updateOrganizationMemberRole(
  http: HttpClient,
  org: string,
  userId: string,
  role: string,
): Promise<void> {
  await http.request({
    method: 'PATCH',
    path: apiPath`/v1/organizations/${org}/members/${userId}`,
    json: { role },
  });
}

/**
 * Every team in a team list carries all its members (API-NOTES.md §2.3): a page of 100 teams of 500
 * is about 19 MB. They are skipped unparsed; team members are read per team.
 */
const TEAM_LIST_SKIPPED: ReadonlySet<string> = new Set(['members']);

export function listTeams(http: HttpClient, org: string): Promise<PlanetScaleApiTeam[]> {
  const path = apiPath`/v1/organizations/${org}/teams`;
  return listAll(http, path, ({ slug, managed }) => ({ slug, managed }), TEAM_LIST_SKIPPED);
}

export function listTeamMembers(http: HttpClient, org: string, team: string): Promise<PlanetScaleApiMembership[]> {
  return listAll(http, apiPath`/v1/organizations/${org}/teams/${team}/members`, pickMembership);
}

/** Takes the member's `user.id`, not the membership id (API-NOTES.md §2.3, §3 item 4). */
export async function addTeamMember(http: HttpClient, org: string, team: string, userId: string): Promise<void> {
  await http.request({
    method: 'POST',
    path: apiPath`/v1/organizations/${org}/teams/${team}/members`,
    json: { user_id: userId },
  });
}

/** Takes the team membership id, the unambiguous one of the two ids the path accepts (API-NOTES.md §2.3). */
export async function removeTeamMember(
  http: HttpClient,
  org: string,
  team: string,
  membershipId: string,
): Promise<void> {
  await http.request({
    method: 'DELETE',
    path: apiPath`/v1/organizations/${org}/teams/${team}/members/${membershipId}`,
  });
}

/** Pending invitations only; needs the `write_members` access, even to list (API-NOTES.md §2.3). */
export function listInvitations(http: HttpClient, org: string): Promise<PlanetScaleApiInvitation[]> {
  return listAll(http, apiPath`/v1/organizations/${org}/invitations`, ({ id, email, role, expired, created_at }) => ({
    id,
    email,
    role,
    expired,
    created_at,
  }));
}

/** "Service tokens can only invite members; requesting another role returns 422" (API-NOTES.md §2.3). */
export async function createInvitation(http: HttpClient, org: string, email: string, role: string): Promise<void> {
  await http.request({
    method: 'POST',
    path: apiPath`/v1/organizations/${org}/invitations`,
    json: { email, role },
  });
}

function pickMembership({ id, user, role }: PlanetScaleApiMembership): PlanetScaleApiMembership {
  return { id, user: { id: user.id, email: user.email }, role };
}
