/**
 * Turso Platform API, one function per endpoint this tool uses (API-NOTES.md §1.3).
 * Only the fields we read are typed. Successful writes answer 200, deletes included (§1.2).
 */
import { ApiError } from '../../errors.js';
import type { HttpClient } from '../../http/http-client.js';
import { apiPath } from '../path.js';

export interface TursoApiOrganization {
  readonly slug: string;
  readonly type?: string;
}

export interface TursoApiMember {
  readonly username: string;
  readonly role: string;
  readonly email?: string;
}

export interface TursoApiInvite {
  readonly email: string;
  readonly role: string;
  readonly created_at: string;
}

/** The user the token belongs to: its calls carry that user's role (API-NOTES.md §1.1). */
export async function getCurrentUser(http: HttpClient): Promise<{ readonly username: string }> {
  const path = '/v1/user';
  const { body } = await http.request<{ user?: { username?: unknown } }>({ method: 'GET', path });
  const username = body?.user?.username;
  // The planner protects this user from changes: an answer without it must not read as "nobody".
  if (typeof username !== 'string' || username === '') {
    throw new ApiError('turso', 'GET', path, 200, 'the response has no user.username');
  }
  return { username };
}

export async function getOrganization(http: HttpClient, org: string): Promise<TursoApiOrganization> {
  const { body } = await http.request<{ organization: TursoApiOrganization }>({
    method: 'GET',
    path: apiPath`/v1/organizations/${org}`,
  });
  return body.organization;
}

/** Not paginated: the API returns every member at once (API-NOTES.md §1.2). */
export async function listMembers(http: HttpClient, org: string): Promise<TursoApiMember[]> {
  const { body } = await http.request<{ members?: TursoApiMember[] }>({
    method: 'GET',
    path: apiPath`/v1/organizations/${org}/members`,
  });
  return body.members ?? [];
}

/** 404 when the user is not a member (API-NOTES.md §1.3). */
export async function getMember(http: HttpClient, org: string, username: string): Promise<TursoApiMember> {
  const path = apiPath`/v1/organizations/${org}/members/${username}`;
  const { body } = await http.request<{ member?: TursoApiMember }>({ method: 'GET', path });
  const member = body?.member;
  if (typeof member?.username !== 'string' || typeof member.role !== 'string') {
    throw new ApiError('turso', 'GET', path, 200, 'the response has no member.username or member.role');
  }
  return member;
}

/** The official spec says `required: [email]`; the API takes `{username, role}` (API-NOTES.md §1.3, §1.5). */
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

/** v2 only (the v1 invite endpoints are deprecated), not paginated, Scaler plan and above (API-NOTES.md §1.3). */
export async function listInvites(http: HttpClient, org: string): Promise<TursoApiInvite[]> {
  const { body } = await http.request<{ invites?: TursoApiInvite[] }>({
    method: 'GET',
    path: apiPath`/v2/organizations/${org}/invites`,
    // The members list answered, so the token may manage members: a 403 here is the plan (§1.2).
    forbiddenIsAnswer: true,
  });
  return body.invites ?? [];
}

/** A pending invite for the same email is replaced: re-POSTing is how an invite's role changes (API-NOTES.md §1.3). */
export async function createInvite(http: HttpClient, org: string, email: string, role: string): Promise<void> {
  await http.request({
    method: 'POST',
    path: apiPath`/v2/organizations/${org}/invites`,
    json: { email, role },
  });
}

/** Keyed by the email, URL-encoded: the TS SDK's raw interpolation breaks on `+`, `/` and `#` (API-NOTES.md §1.3). */
export async function deleteInvite(http: HttpClient, org: string, email: string): Promise<void> {
  await http.request({ method: 'DELETE', path: apiPath`/v2/organizations/${org}/invites/${email}` });
}
