/**
 * PlanetScale API, one function per endpoint this tool uses (API-NOTES.md §2.3).
 * Only the fields we read are typed.
 */
import type { HttpClient } from '../../http/http-client.js';
import { apiPath } from '../path.js';

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

interface ListPage<T> {
  readonly data: T[];
  readonly next_page: number | null;
}

/** The documented maximum page size (API-NOTES.md §2.2). */
const PER_PAGE = 100;

/** Follows `next_page` until it is null. */
async function listAll<T>(http: HttpClient, path: string): Promise<T[]> {
  const items: T[] = [];
  let page: number | null = 1;
  while (page !== null) {
    const { body }: { body: ListPage<T> } = await http.request<ListPage<T>>({
      method: 'GET',
      path,
      searchParams: { page, per_page: PER_PAGE },
    });
    items.push(...body.data);
    page = typeof body.next_page === 'number' && body.next_page > page ? body.next_page : null;
  }
  return items;
}

export function listOrganizationMembers(http: HttpClient, org: string): Promise<PlanetScaleApiMembership[]> {
  return listAll(http, apiPath`/v1/organizations/${org}/members`);
}

export function listTeams(http: HttpClient, org: string): Promise<PlanetScaleApiTeam[]> {
  return listAll(http, apiPath`/v1/organizations/${org}/teams`);
}

export function listTeamMembers(http: HttpClient, org: string, team: string): Promise<PlanetScaleApiMembership[]> {
  return listAll(http, apiPath`/v1/organizations/${org}/teams/${team}/members`);
}

/** Takes the member's `user.id`, not the membership id (API-NOTES.md §2.3, §3 item 4). */
export async function addTeamMember(http: HttpClient, org: string, team: string, userId: string): Promise<void> {
  await http.request({
    method: 'POST',
    path: apiPath`/v1/organizations/${org}/teams/${team}/members`,
    json: { user_id: userId },
  });
}
