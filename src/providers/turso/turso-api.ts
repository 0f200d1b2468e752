/**
 * Turso Platform API, one function per endpoint this tool uses (API-NOTES.md §1.3).
 * Only the fields we read are typed.
 */
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

/** The official spec says `required: [email]`; the API takes `{username, role}` (API-NOTES.md §1.3, §1.5). */
export async function addMember(http: HttpClient, org: string, username: string, role: string): Promise<void> {
  await http.request({
    method: 'POST',
    path: apiPath`/v1/organizations/${org}/members`,
    json: { username, role },
  });
}
