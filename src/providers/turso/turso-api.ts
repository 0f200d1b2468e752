/**
 * Turso Platform API, one function per endpoint this tool uses (docs/api-notes.md §1.3).
 * Only the fields we read are typed, and each answer that is read is checked for them first
 * (response-shape.ts). Successful writes answer 200, deletes included (§1.2).
 */
import type { JSONSchemaType } from 'ajv';
import type { HttpClient } from '../../http/http-client.js';
import { apiPath } from '../path.js';
import { readBody, responseShape } from '../response-shape.js';

/** Each endpoint's page, named in an error about its answer. */
const DOCS = 'https://docs.turso.tech/api-reference';

export interface TursoApiOrganization {
  readonly type?: string | null;
}

export interface TursoApiMember {
  readonly username: string;
  readonly role: string;
  readonly email?: string | null;
}

export interface TursoApiInvite {
  readonly email: string;
  readonly role: string;
  readonly created_at: string;
}

/** The planner protects this user from changes: an answer without it must not read as "nobody". */
const CURRENT_USER = responseShape<{ user: { username: string } }>(
  {
    type: 'object',
    properties: {
      user: {
        type: 'object',
        properties: { username: { type: 'string', minLength: 1 } },
        required: ['username'],
      },
    },
    required: ['user'],
  },
  `${DOCS}/user/get-current`,
);

const ORGANIZATION = responseShape<{ organization: TursoApiOrganization }>(
  {
    type: 'object',
    properties: {
      organization: {
        type: 'object',
        properties: { type: { type: 'string', nullable: true } },
        required: [],
      },
    },
    required: ['organization'],
  },
  `${DOCS}/organizations/retrieve`,
);

/** The other branch of a list that may be null (`anyOf`: JSONSchemaType allows `nullable` only on optional fields). */
const NULL = { type: 'null', nullable: true } as const;

const MEMBER_SCHEMA: JSONSchemaType<TursoApiMember> = {
  type: 'object',
  properties: {
    username: { type: 'string' },
    role: { type: 'string' },
    // Read only when it is a non-empty string: a member without one is still a member.
    email: { type: 'string', nullable: true },
  },
  required: ['username', 'role'],
};

/**
 * The list itself is required: read as empty, a missing one would plan every member as new. null
 * is still read as an empty list, as before (Turso's own TS client reads both lists as `?? []`).
 */
const MEMBERS = responseShape<{ members: TursoApiMember[] | null }>(
  {
    type: 'object',
    properties: { members: { anyOf: [{ type: 'array', items: MEMBER_SCHEMA }, NULL] } },
    required: ['members'],
  },
  `${DOCS}/organizations/members/list`,
);

/** Only the role is read: it decides whether a 409 on add has converged. */
const MEMBER = responseShape<{ member: { role: string } }>(
  {
    type: 'object',
    properties: {
      member: { type: 'object', properties: { role: { type: 'string' } }, required: ['role'] },
    },
    required: ['member'],
  },
  `${DOCS}/organizations/members/retrieve`,
);

const INVITES = responseShape<{ invites: TursoApiInvite[] | null }>(
  {
    type: 'object',
    properties: {
      invites: {
        anyOf: [
          {
            type: 'array',
            items: {
              type: 'object',
              properties: { email: { type: 'string' }, role: { type: 'string' }, created_at: { type: 'string' } },
              required: ['email', 'role', 'created_at'],
            },
          },
          NULL,
        ],
      },
    },
    required: ['invites'],
  },
  `${DOCS}/organizations/invites/list-v2`,
);

/** The user the token belongs to: its calls carry that user's role (docs/api-notes.md §1.1). */
export async function getCurrentUser(http: HttpClient): Promise<{ readonly username: string }> {
  const body = await readBody(http, CURRENT_USER, { method: 'GET', path: '/v1/user' });
  return { username: body.user.username };
}

export async function getOrganization(http: HttpClient, org: string): Promise<TursoApiOrganization> {
  const body = await readBody(http, ORGANIZATION, { method: 'GET', path: apiPath`/v1/organizations/${org}` });
  return body.organization;
}

/** Not paginated: the API returns every member at once (docs/api-notes.md §1.2). */
export async function listMembers(http: HttpClient, org: string): Promise<TursoApiMember[]> {
  const body = await readBody(http, MEMBERS, { method: 'GET', path: apiPath`/v1/organizations/${org}/members` });
  return body.members ?? [];
}

/** 404 when the user is not a member (docs/api-notes.md §1.3). */
export async function getMember(http: HttpClient, org: string, username: string): Promise<{ readonly role: string }> {
  const path = apiPath`/v1/organizations/${org}/members/${username}`;
  const body = await readBody(http, MEMBER, { method: 'GET', path });
  return { role: body.member.role };
}

/** The official spec says `required: [email]`; the API takes `{username, role}` (docs/api-notes.md §1.3, §1.5). */
export async function addMember(http: HttpClient, org: string, username: string, role: string): Promise<void> {
  await http.request({
    method: 'POST',
    path: apiPath`/v1/organizations/${org}/members`,
    json: { username, role },
  });
}

export async function updateMemberRole(http: HttpClient, org: string, username: string, role: string): Promise<void> {
  await http.request({
    method: 'PATCH',
    path: apiPath`/v1/organizations/${org}/members/${username}`,
    json: { role },
  });
}

export async function removeMember(http: HttpClient, org: string, username: string): Promise<void> {
  await http.request({ method: 'DELETE', path: apiPath`/v1/organizations/${org}/members/${username}` });
}

/** v2 only (the v1 invite endpoints are deprecated), not paginated, Scaler plan and above (docs/api-notes.md §1.3). */
export async function listInvites(http: HttpClient, org: string): Promise<TursoApiInvite[]> {
  const body = await readBody(http, INVITES, {
    method: 'GET',
    path: apiPath`/v2/organizations/${org}/invites`,
    // The members list answered, so the token may manage members: a 403 here is the plan (§1.2).
    forbiddenIsAnswer: true,
  });
  return body.invites ?? [];
}

/**
 * A pending invite for the same email is replaced: re-POSTing is how an invite's role changes
 * (docs/api-notes.md §1.3).
 */
export async function createInvite(http: HttpClient, org: string, email: string, role: string): Promise<void> {
  await http.request({
    method: 'POST',
    path: apiPath`/v2/organizations/${org}/invites`,
    json: { email, role },
  });
}

/**
 * Keyed by the email, URL-encoded: the TS SDK's raw interpolation breaks on `+`, `/` and `#`
 * (docs/api-notes.md §1.3).
 */
export async function deleteInvite(http: HttpClient, org: string, email: string): Promise<void> {
  await http.request({ method: 'DELETE', path: apiPath`/v2/organizations/${org}/invites/${email}` });
}
