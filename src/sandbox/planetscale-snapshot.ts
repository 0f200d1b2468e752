import type { PlanetScaleInvitation, PlanetScaleOrganization, PlanetScaleState } from './planetscale-state.js';

/** Names of the database passwords and service tokens a user created (empty lists when none). */
interface CredentialsSnapshot {
  passwords: string[];
  service_tokens: string[];
}

/**
 * Shaped like the seed, with the generated ids filled in and without the service token. Every
 * member lists the credentials they created; `orphaned_credentials` those whose creator was
 * removed without the delete flags (they still work).
 */
export interface PlanetScaleSnapshot {
  readonly token_user?: string;
  readonly organizations: Record<
    string,
    {
      readonly id: string;
      readonly idp_managed_roles: boolean;
      readonly sso_directory: boolean;
      readonly members: ({ id: string; email: string; role: string; name: string | null } & CredentialsSnapshot)[];
      readonly teams: Record<string, { name: string; description: string | null; managed: boolean; members: string[] }>;
      readonly invitations: PlanetScaleInvitation[];
      readonly orphaned_credentials: ({ id: string; email: string } & CredentialsSnapshot)[];
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
      members: org.members.values().map(({ user, role }) => ({
        id: user.id,
        email: user.email,
        role,
        name: user.name,
        ...credentialsOf(org, user.id),
      })),
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
      orphaned_credentials: [...org.credentials.values()]
        .filter(({ user }) => !org.members.has(user.id))
        .map(({ user }) => ({ id: user.id, email: user.email, ...credentialsOf(org, user.id) })),
    },
  ]);
  return {
    ...(state.tokenUserEmail === undefined ? {} : { token_user: state.tokenUserEmail }),
    organizations: Object.fromEntries(organizations) as PlanetScaleSnapshot['organizations'],
  };
}

function credentialsOf(org: PlanetScaleOrganization, userId: string): CredentialsSnapshot {
  const credentials = org.credentials.get(userId);
  return { passwords: [...(credentials?.passwords ?? [])], service_tokens: [...(credentials?.service_tokens ?? [])] };
}
