import type { PlanetScaleInvitation, PlanetScaleState } from './planetscale-state.js';

/** Shaped like the seed, with the generated ids filled in and without the credentials. */
export interface PlanetScaleSnapshot {
  readonly token_user?: string;
  readonly organizations: Record<
    string,
    {
      readonly id: string;
      readonly idp_managed_roles: boolean;
      readonly sso_directory: boolean;
      readonly members: { id: string; email: string; role: string; name: string | null }[];
      readonly teams: Record<string, { name: string; description: string | null; managed: boolean; members: string[] }>;
      readonly invitations: PlanetScaleInvitation[];
    }
  >;
}

export function snapshotPlanetScale(state: PlanetScaleState): PlanetScaleSnapshot {
  const organizations = state.organizations.values().map((org) => [
    org.name,
    {
      id: org.id,
      idp_managed_roles: org.idp_managed_roles,
      sso_directory: org.sso_directory,
      members: org.members
        .values()
        .map(({ user, role }) => ({ id: user.id, email: user.email, role, name: user.name })),
      teams: Object.fromEntries(
        org.teams.values().map((team) => [
          team.slug,
          {
            name: team.name,
            description: team.description,
            managed: team.managed,
            members: team.members.values().map((member) => member.user.email),
          },
        ]),
      ),
      invitations: org.invitations.values().map((invitation) => ({ ...invitation })),
    },
  ]);
  return {
    ...(state.tokenUserEmail === undefined ? {} : { token_user: state.tokenUserEmail }),
    organizations: Object.fromEntries(organizations) as PlanetScaleSnapshot['organizations'],
  };
}
