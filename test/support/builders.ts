/** Small builders for planner and applier tests: desired and observed state from plain literals. */
import type { DesiredState, TursoRole } from '../../src/model/desired-state.js';
import type { Observed, ObservedPlanetScaleOrganization, ObservedTursoOrganization } from '../../src/model/observed.js';

export function desired(spec: {
  turso?: Record<string, Record<string, TursoRole>>;
  planetscale?: Record<string, Record<string, string[]>>;
}): DesiredState {
  return {
    version: 1,
    ...(spec.turso && {
      turso: {
        organizations: new Map(
          Object.entries(spec.turso).map(([org, members]) => [org, { members: new Map(Object.entries(members)) }]),
        ),
      },
    }),
    ...(spec.planetscale && {
      planetscale: {
        organizations: new Map(
          Object.entries(spec.planetscale).map(([org, teams]) => [
            org,
            { teams: new Map(Object.entries(teams).map(([team, members]) => [team, { members }])) },
          ]),
        ),
      },
    }),
  };
}

export function tursoOrg(members: Record<string, string>, type = 'team'): ObservedTursoOrganization {
  return {
    type,
    members: new Map(Object.entries(members).map(([username, role]) => [username, { username, role }])),
  };
}

/** `members`: email -> user id; `teams`: slug -> emails on the team (must be org members). */
export function planetscaleOrg(
  members: Record<string, string>,
  teams: Record<string, string[]>,
  managedTeams: string[] = [],
): ObservedPlanetScaleOrganization {
  const byEmail = new Map(
    Object.entries(members).map(([email, userId]) => [email.toLowerCase(), { userId, email, role: 'member' }]),
  );
  return {
    membersByEmail: byEmail,
    teams: new Map(
      Object.entries(teams).map(([slug, emails]) => [
        slug,
        {
          slug,
          managed: managedTeams.includes(slug),
          members: new Map(
            emails.map((email, i) => {
              const userId = byEmail.get(email.toLowerCase())!.userId;
              return [userId, { membershipId: `tm-${slug}-${i}`, userId, email }];
            }),
          ),
        },
      ]),
    ),
  };
}

export function observed(spec: {
  turso?: Record<string, ObservedTursoOrganization>;
  planetscale?: Record<string, ObservedPlanetScaleOrganization>;
}): Observed {
  return {
    turso: new Map(Object.entries(spec.turso ?? {})),
    planetscale: new Map(Object.entries(spec.planetscale ?? {})),
  };
}
