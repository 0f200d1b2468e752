/**
 * PlanetScale API, one function per endpoint this tool uses (docs/api-notes.md §2.3).
 * Only the fields we read are typed, and each answer that is read is checked for them first,
 * every page of a list (response-shape.ts). DELETE answers 204 with no body (§2.2).
 */
import type { JSONSchemaType } from 'ajv';
import { ApiError } from '../../errors.js';
import type { HttpClient } from '../../http/http-client.js';
import { apiPath } from '../path.js';
import { readBody, responseShape, type ResponseShape } from '../response-shape.js';

/** Each endpoint's page (named after its operationId), named in an error about its answer. */
const DOCS = 'https://planetscale.com/docs/api/reference';

export interface PlanetScaleApiOrganization {
  /** The identity provider manages roles: role PATCH is refused (docs/api-notes.md §2.3, §2.4). */
  readonly idp_managed_roles?: boolean | null;
}

export interface PlanetScaleApiUser {
  readonly id: string;
  readonly email: string;
}

export interface PlanetScaleApiMembership {
  /** The membership id, not the user id (docs/api-notes.md §2.5 item 1). */
  readonly id: string;
  readonly user: PlanetScaleApiUser;
  readonly role?: string | null;
}

export interface PlanetScaleApiTeam {
  readonly slug: string;
  readonly managed?: boolean | null;
}

export interface PlanetScaleApiInvitation {
  readonly id: string;
  readonly email: string;
  readonly role?: string | null;
  readonly expired?: boolean | null;
  readonly created_at: string;
}

interface ListPage<T> {
  readonly data: T[];
  /** Required: read as "no more pages", a missing one would silently drop every page after the first. */
  readonly next_page: number | null;
}

/** The documented maximum page size (docs/api-notes.md §2.2). */
const PER_PAGE = 100;

/** The last page's is null (https://planetscale.com/docs/api/reference/pagination). */
const NEXT_PAGE = { anyOf: [{ type: 'integer' }, { type: 'null', nullable: true }] } as const;

const USER_SCHEMA: JSONSchemaType<PlanetScaleApiUser> = {
  type: 'object',
  properties: { id: { type: 'string' }, email: { type: 'string' } },
  required: ['id', 'email'],
};

const MEMBERSHIP_SCHEMA: JSONSchemaType<PlanetScaleApiMembership> = {
  type: 'object',
  properties: { id: { type: 'string' }, user: USER_SCHEMA, role: { type: 'string', nullable: true } },
  required: ['id', 'user'],
};

/** The one whose role the API refuses to change: an empty email must not read as "nobody". */
const CURRENT_USER = responseShape<{ email: string }>(
  { type: 'object', properties: { email: { type: 'string', minLength: 1 } }, required: ['email'] },
  `${DOCS}/get_current_user`,
);

const ORGANIZATION = responseShape<PlanetScaleApiOrganization>(
  { type: 'object', properties: { idp_managed_roles: { type: 'boolean', nullable: true } }, required: [] },
  `${DOCS}/get_organization`,
);

const ORGANIZATION_MEMBERS = responseShape<ListPage<PlanetScaleApiMembership>>(
  {
    type: 'object',
    properties: { data: { type: 'array', items: MEMBERSHIP_SCHEMA }, next_page: NEXT_PAGE },
    required: ['data', 'next_page'],
  },
  `${DOCS}/list_organization_members`,
);

const TEAM_SCHEMA: JSONSchemaType<PlanetScaleApiTeam> = {
  type: 'object',
  properties: { slug: { type: 'string' }, managed: { type: 'boolean', nullable: true } },
  required: ['slug'],
};

const TEAMS = responseShape<ListPage<PlanetScaleApiTeam>>(
  {
    type: 'object',
    properties: { data: { type: 'array', items: TEAM_SCHEMA }, next_page: NEXT_PAGE },
    required: ['data', 'next_page'],
  },
  `${DOCS}/list_organization_teams`,
);

const TEAM_MEMBERS = responseShape<ListPage<PlanetScaleApiMembership>>(
  {
    type: 'object',
    properties: { data: { type: 'array', items: MEMBERSHIP_SCHEMA }, next_page: NEXT_PAGE },
    required: ['data', 'next_page'],
  },
  `${DOCS}/list_organization_team_members`,
);

const INVITATION_SCHEMA: JSONSchemaType<PlanetScaleApiInvitation> = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string', nullable: true },
    expired: { type: 'boolean', nullable: true },
    created_at: { type: 'string' },
  },
  required: ['id', 'email', 'created_at'],
};

const INVITATIONS = responseShape<ListPage<PlanetScaleApiInvitation>>(
  {
    type: 'object',
    properties: { data: { type: 'array', items: INVITATION_SCHEMA }, next_page: NEXT_PAGE },
    required: ['data', 'next_page'],
  },
  `${DOCS}/list_organization_invitations`,
);

/**
 * Follows `next_page` until it is null, checking every page. `pick` keeps only the fields we read,
 * as each page arrives: planning 100k team memberships, the unused fields held about 60 MB of the
 * heap until the whole organization was read. `skipKeys` are not even parsed (ApiRequest).
 */
async function listAll<T>(
  http: HttpClient,
  path: string,
  shape: ResponseShape<ListPage<T>>,
  pick: (item: T) => T,
  skipKeys?: ReadonlySet<string>,
): Promise<T[]> {
  const items: T[] = [];
  let page: number | null = 1;
  while (page !== null) {
    const body: ListPage<T> = await readBody(
      http,
      shape,
      {
        method: 'GET',
        path,
        searchParams: { page, per_page: PER_PAGE },
        ...(skipKeys === undefined ? {} : { skipKeys }),
      },
      page,
    );
    for (const item of body.data) items.push(pick(item));
    page = body.next_page !== null && body.next_page > page ? body.next_page : null;
  }
  return items;
}

/**
 * "Returns the user associated with this service token" (GET /user in the official spec): the one
 * whose role the API refuses to change. Undefined when the token has no user to name (403, 404).
 */
export async function getCurrentUser(http: HttpClient): Promise<{ readonly email: string } | undefined> {
  try {
    const body = await readBody(http, CURRENT_USER, { method: 'GET', path: '/v1/user', forbiddenIsAnswer: true });
    return { email: body.email };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return undefined;
    throw error;
  }
}

export function getOrganization(http: HttpClient, org: string): Promise<PlanetScaleApiOrganization> {
  return readBody(http, ORGANIZATION, { method: 'GET', path: apiPath`/v1/organizations/${org}` });
}

export function listOrganizationMembers(http: HttpClient, org: string): Promise<PlanetScaleApiMembership[]> {
  return listAll(http, apiPath`/v1/organizations/${org}/members`, ORGANIZATION_MEMBERS, pickMembership);
}

/**
 * Takes the user id, not the membership id (docs/api-notes.md §2.3). "Cannot update your own role. Roles
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
 * The query flags that also delete the passwords and service tokens the member created
 * (docs/api-notes.md §2.3): sent only for a removal with `revoke_credentials`.
 */
const REVOKE_CREDENTIALS = { delete_passwords: 'true', delete_service_tokens: 'true' } as const;

/**
 * Takes the user id, not the membership id (docs/api-notes.md §2.3). With `revokeCredentials` it
 * sends `delete_passwords=true&delete_service_tokens=true`; without, no flags at all: the database
 * passwords and service tokens the person created keep working. "Cannot remove the last admin or
 * leave your only organization." Needs the `write_organization` access (§2.1).
 */
export async function removeOrganizationMember(
  http: HttpClient,
  org: string,
  userId: string,
  revokeCredentials: boolean,
): Promise<void> {
  await http.request({
    method: 'DELETE',
    path: apiPath`/v1/organizations/${org}/members/${userId}`,
    ...(revokeCredentials ? { searchParams: REVOKE_CREDENTIALS } : {}),
  });
}

/**
 * Every team in a team list carries all its members (docs/api-notes.md §2.3): a page of 100 teams of 500
 * is about 19 MB. They are skipped unparsed; team members are read per team.
 */
const TEAM_LIST_SKIPPED: ReadonlySet<string> = new Set(['members']);

export function listTeams(http: HttpClient, org: string): Promise<PlanetScaleApiTeam[]> {
  const path = apiPath`/v1/organizations/${org}/teams`;
  return listAll(http, path, TEAMS, ({ slug, managed }) => ({ slug, ...present({ managed }) }), TEAM_LIST_SKIPPED);
}

export function listTeamMembers(http: HttpClient, org: string, team: string): Promise<PlanetScaleApiMembership[]> {
  return listAll(http, apiPath`/v1/organizations/${org}/teams/${team}/members`, TEAM_MEMBERS, pickMembership);
}

/** Takes the member's `user.id`, not the membership id (docs/api-notes.md §2.3, §3 item 4). */
export async function addTeamMember(http: HttpClient, org: string, team: string, userId: string): Promise<void> {
  await http.request({
    method: 'POST',
    path: apiPath`/v1/organizations/${org}/teams/${team}/members`,
    json: { user_id: userId },
  });
}

/** Takes the team membership id, the unambiguous one of the two ids the path accepts (docs/api-notes.md §2.3). */
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

/** Pending invitations only; needs the `write_members` access, even to list (docs/api-notes.md §2.3). */
export function listInvitations(http: HttpClient, org: string): Promise<PlanetScaleApiInvitation[]> {
  const path = apiPath`/v1/organizations/${org}/invitations`;
  return listAll(http, path, INVITATIONS, ({ id, email, role, expired, created_at }) => ({
    id,
    email,
    created_at,
    ...present({ role, expired }),
  }));
}

/** "Service tokens can only invite members; requesting another role returns 422" (docs/api-notes.md §2.3). */
export async function createInvitation(http: HttpClient, org: string, email: string, role: string): Promise<void> {
  await http.request({
    method: 'POST',
    path: apiPath`/v1/organizations/${org}/invitations`,
    json: { email, role },
  });
}

/** Takes the invitation id, which only the invitation list gives (docs/api-notes.md §2.3). Needs `write_members`. */
export async function cancelInvitation(http: HttpClient, org: string, invitationId: string): Promise<void> {
  await http.request({ method: 'DELETE', path: apiPath`/v1/organizations/${org}/invitations/${invitationId}` });
}

function pickMembership({ id, user, role }: PlanetScaleApiMembership): PlanetScaleApiMembership {
  return { id, user: { id: user.id, email: user.email }, ...present({ role }) };
}

/** The fields an answer carried: an absent optional field stays absent in the copy, not `undefined`. */
function present<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
