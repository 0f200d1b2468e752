/** Small builders for planner and applier tests: desired and observed state from plain literals. */
import type {
  DesiredState,
  PlanetScaleOrganizationSpec,
  PlanetScaleTeamSpec,
  TursoOrganizationSpec,
  TursoRole,
} from '../../src/model/desired-state.js';
import type { Observed, ObservedPlanetScaleOrganization, ObservedTursoOrganization } from '../../src/model/observed.js';

/** Shorthand: Turso org -> {username: role}; PlanetScale org -> {team: emails}. No prune, no invites. */
export function desired(spec: {
  turso?: Record<string, Record<string, TursoRole>>;
  planetscale?: Record<string, Record<string, string[]>>;
}): DesiredState {
  return desiredOf({
    turso:
      spec.turso && Object.fromEntries(Object.entries(spec.turso).map(([org, members]) => [org, tursoSpec(members)])),
    planetscale:
      spec.planetscale &&
      Object.fromEntries(
        Object.entries(spec.planetscale).map(([org, teams]) => [
          org,
          planetscaleSpec(
            Object.fromEntries(Object.entries(teams).map(([team, members]) => [team, teamSpec(members)])),
          ),
        ]),
      ),
  });
}

export function desiredOf(spec: {
  turso?: Record<string, TursoOrganizationSpec> | undefined;
  planetscale?: Record<string, PlanetScaleOrganizationSpec> | undefined;
}): DesiredState {
  return {
    version: 1,
    ...(spec.turso && { turso: { organizations: new Map(Object.entries(spec.turso)) } }),
    ...(spec.planetscale && { planetscale: { organizations: new Map(Object.entries(spec.planetscale)) } }),
  };
}

export function tursoSpec(
  members: Record<string, TursoRole>,
  options: { prune?: boolean; invites?: Record<string, TursoRole> } = {},
): TursoOrganizationSpec {
  return {
    members: new Map(Object.entries(members)),
    prune: options.prune ?? false,
    ...(options.invites && { invites: new Map(Object.entries(options.invites)) }),
  };
}

export function teamSpec(members: string[], prune = false): PlanetScaleTeamSpec {
  return { members, prune };
}

export function planetscaleSpec(
  teams: Record<string, PlanetScaleTeamSpec>,
  members?: Record<string, string>,
  prune = false,
): PlanetScaleOrganizationSpec {
  return {
    teams: new Map(Object.entries(teams)),
    ...(members && { members: new Map(Object.entries(members)) }),
    prune,
  };
}

export function tursoOrg(
  members: Record<string, string>,
  type = 'team',
  extra: { tokenUser?: string; invites?: Record<string, { role: string; createdAt: string }> } = {},
): ObservedTursoOrganization {
  return {
    type,
    members: new Map(
      Object.entries(members).map(([username, role]) => [username, { username, role, email: `${username}@acme.dev` }]),
    ),
    ...(extra.tokenUser && { tokenUser: extra.tokenUser }),
    ...(extra.invites && {
      invites: new Map(
        Object.entries(extra.invites).map(([email, invite]) => [email.toLowerCase(), { email, ...invite }]),
      ),
    }),
  };
}

/** `members`: email -> user id; `teams`: slug -> emails on the team (must be org members). */
export function planetscaleOrg(
  members: Record<string, string>,
  teams: Record<string, string[]>,
  managedTeams: string[] = [],
  extra: {
    roles?: Record<string, string>;
    idpManagedRoles?: boolean;
    invitations?: Record<string, { role: string; createdAt: string }>;
  } = {},
): ObservedPlanetScaleOrganization {
  const byEmail = new Map(
    Object.entries(members).map(([email, userId]) => [
      email.toLowerCase(),
      { userId, email, role: extra.roles?.[email] ?? 'member' },
    ]),
  );
  return {
    ...(extra.idpManagedRoles !== undefined && { idpManagedRoles: extra.idpManagedRoles }),
    ...(extra.invitations && {
      invitations: new Map(
        Object.entries(extra.invitations).map(([email, invitation], i) => [
          email.toLowerCase(),
          { id: `inv-${i}`, email, ...invitation },
        ]),
      ),
    }),
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
