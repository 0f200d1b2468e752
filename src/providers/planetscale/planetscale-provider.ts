/** Translates between the PlanetScale API and the model. */
import type { DesiredState, PlanetScaleOrganizationSpec } from '../../model/desired-state.js';
import type {
  ObservedPlanetScaleOrganization,
  ObservedPlanetScaleTeam,
  PlanetScaleOrgMember,
  PlanetScaleTeamMember,
} from '../../model/observed.js';
import type { HttpClient } from '../../http/http-client.js';
import { ApiError } from '../../errors.js';
import { unlessNotFound } from '../not-found.js';
import type { AppliedOutcome, ChangeFor, ObserveScope, Provider } from '../provider.js';
import {
  addTeamMember,
  listOrganizationMembers,
  listTeamMembers,
  listTeams,
  type PlanetScaleApiMembership,
} from './planetscale-api.js';

export function createPlanetScaleProvider(http: HttpClient): Provider<'planetscale'> {
  return {
    name: 'planetscale',
    observe: (desired, scope = 'declared') => observePlanetScale(http, desired, scope),
    apply: (change) => applyPlanetScaleChange(http, change),
  };
}

async function observePlanetScale(
  http: HttpClient,
  desired: DesiredState,
  scope: ObserveScope,
): Promise<Map<string, ObservedPlanetScaleOrganization>> {
  const entries = [...(desired.planetscale?.organizations ?? [])];
  const observed = await Promise.all(entries.map(([name, spec]) => observeOrganization(http, name, spec, scope)));
  const organizations = new Map<string, ObservedPlanetScaleOrganization>();
  entries.forEach(([name], i) => {
    const organization = observed[i];
    if (organization) organizations.set(name, organization);
  });
  return organizations;
}

/** One paginated read per list (org members, teams, each declared team's members), never one per person. */
async function observeOrganization(
  http: HttpClient,
  org: string,
  spec: PlanetScaleOrganizationSpec,
  scope: ObserveScope,
): Promise<ObservedPlanetScaleOrganization | undefined> {
  const [memberships, teams] = await Promise.all([
    unlessNotFound(() => listOrganizationMembers(http, org)),
    unlessNotFound(() => listTeams(http, org)),
  ]);
  if (!memberships || !teams) return undefined;

  const membersByEmail = new Map<string, PlanetScaleOrgMember>();
  for (const { user, role } of memberships) {
    membersByEmail.set(user.email.toLowerCase(), { userId: user.id, email: user.email, role: role ?? 'member' });
  }

  const existing = new Map(teams.map((team) => [team.slug, team]));
  const declared = scope === 'everything' ? [...existing.keys()] : [...spec.teams.keys()].filter((slug) => existing.has(slug));
  const teamMembers = await Promise.all(declared.map((slug) => listTeamMembers(http, org, slug)));
  const observedTeams = new Map<string, ObservedPlanetScaleTeam>();
  declared.forEach((slug, i) => {
    observedTeams.set(slug, {
      slug,
      managed: existing.get(slug)?.managed === true,
      members: toTeamMembers(teamMembers[i] ?? []),
    });
  });
  return { membersByEmail, teams: observedTeams };
}

function toTeamMembers(memberships: readonly PlanetScaleApiMembership[]): Map<string, PlanetScaleTeamMember> {
  return new Map(
    memberships.map(({ id, user }) => [user.id, { membershipId: id, userId: user.id, email: user.email }]),
  );
}

async function applyPlanetScaleChange(http: HttpClient, change: ChangeFor<'planetscale'>): Promise<AppliedOutcome> {
  try {
    await addTeamMember(http, change.organization, change.team, change.user_id);
    return 'applied';
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 409) return 'already_present';
    // What adding an existing team member returns is undocumented (400 or 422 are plausible,
    // API-NOTES.md §2.3): re-list the team and let the truth decide.
    if (error.status === 400 || error.status === 422) {
      const members = await listTeamMembers(http, change.organization, change.team);
      if (members.some(({ user }) => user.id === change.user_id)) return 'already_present';
    }
    throw error;
  }
}
