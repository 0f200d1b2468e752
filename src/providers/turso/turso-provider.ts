/** Translates between the Turso API and the model. */
import type { DesiredState } from '../../model/desired-state.js';
import type { ObservedTursoOrganization, TursoMember } from '../../model/observed.js';
import type { HttpClient } from '../../http/http-client.js';
import { ApiError } from '../../errors.js';
import { unlessNotFound } from '../not-found.js';
import type { AppliedOutcome, ChangeFor, Provider } from '../provider.js';
import { addMember, getOrganization, listMembers } from './turso-api.js';

export function createTursoProvider(http: HttpClient): Provider<'turso'> {
  return {
    name: 'turso',
    observe: (desired) => observeTurso(http, desired),
    apply: (change) => applyTursoChange(http, change),
  };
}

async function observeTurso(http: HttpClient, desired: DesiredState): Promise<Map<string, ObservedTursoOrganization>> {
  const slugs = [...(desired.turso?.organizations.keys() ?? [])];
  const observed = await Promise.all(slugs.map((slug) => observeOrganization(http, slug)));
  const organizations = new Map<string, ObservedTursoOrganization>();
  slugs.forEach((slug, i) => {
    const organization = observed[i];
    if (organization) organizations.set(slug, organization);
  });
  return organizations;
}

async function observeOrganization(http: HttpClient, slug: string): Promise<ObservedTursoOrganization | undefined> {
  const organization = await unlessNotFound(() => getOrganization(http, slug));
  if (!organization) return undefined;
  const members = new Map<string, TursoMember>();
  for (const member of await listMembers(http, slug)) {
    members.set(member.username, {
      username: member.username,
      role: member.role,
      ...(typeof member.email === 'string' && member.email !== '' ? { email: member.email } : {}),
    });
  }
  return { type: organization.type ?? 'team', members };
}

async function applyTursoChange(http: HttpClient, change: ChangeFor<'turso'>): Promise<AppliedOutcome> {
  try {
    await addMember(http, change.organization, change.member, change.role);
    return 'applied';
  } catch (error) {
    // 409: "user [username] is already a member of organization [org]": already converged (API-NOTES.md §1.3).
    if (error instanceof ApiError && error.status === 409) return 'already_present';
    throw error;
  }
}
