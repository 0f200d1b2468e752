/**
 * The sandbox's starting state, as written in a seed file (JSON). Field names follow the vendors'
 * own spelling (snake_case) so a seed reads like the API responses it produces.
 */

export type TursoSeedRole = 'owner' | 'admin' | 'member' | 'viewer';
export type TursoInviteRole = 'admin' | 'member' | 'viewer';
export type PlanetScaleSeedRole = 'admin' | 'member' | 'analyst';

export interface TursoUserSeed {
  readonly username: string;
  /** Defaults to `<username>@example.com`. */
  readonly email?: string;
  readonly name?: string;
}

export interface TursoInviteSeed {
  readonly email: string;
  readonly role?: TursoInviteRole;
  /** ISO-8601; defaults to a fixed date so runs are reproducible. */
  readonly created_at?: string;
}

export interface TursoOrganizationSeed {
  /** Defaults to the slug. */
  readonly name?: string;
  /** Defaults to `team`; members cannot be added to `personal` organizations (docs/api-notes.md §1.2). */
  readonly type?: 'team' | 'personal';
  /** Defaults to `scaler`; invites need Scaler or above (docs/api-notes.md §1.2). */
  readonly plan_id?: string;
  /** username -> role. A username missing from `users` is registered with the default email. */
  readonly members?: Readonly<Record<string, TursoSeedRole>>;
  readonly invites?: readonly TursoInviteSeed[];
}

export interface TursoSeed {
  readonly token: string;
  /**
   * The user who minted the token: GET /v1/user answers with them, and the token has their role in
   * each organization (docs/api-notes.md §1.1). Gets a personal organization unless the seed names one.
   */
  readonly token_user: string;
  readonly users?: readonly TursoUserSeed[];
  readonly organizations?: Readonly<Record<string, TursoOrganizationSeed>>;
}

/**
 * Database passwords and service tokens a user created in an organization, by name. They outlive
 * the user's membership unless the removal deletes them (`delete_passwords`,
 * `delete_service_tokens` on the organization-member DELETE, docs/api-notes.md §2.3).
 */
export interface PlanetScaleCredentialsSeed {
  /** Names of database passwords; defaults to none. */
  readonly passwords?: readonly string[];
  /** Names of service tokens; defaults to none. */
  readonly service_tokens?: readonly string[];
}

export interface PlanetScaleMemberSeed extends PlanetScaleCredentialsSeed {
  /** The user id; derived from the email when absent. */
  readonly id?: string;
  readonly email: string;
  /** Defaults to `member`. */
  readonly role?: PlanetScaleSeedRole;
  readonly name?: string | null;
}

/** Credentials whose creator is no longer a member: left behind by a removal without the delete flags. */
export interface PlanetScaleOrphanedCredentialsSeed extends PlanetScaleCredentialsSeed {
  /** The user id; derived from the email when absent. */
  readonly id?: string;
  /** Of a user who is not a member of the organization. */
  readonly email: string;
}

export interface PlanetScaleTeamSeed {
  /** Defaults to the slug. */
  readonly name?: string;
  readonly description?: string | null;
  /** Managed by SSO directory sync: members cannot be changed through the API (docs/api-notes.md §2.4). */
  readonly managed?: boolean;
  /** Emails of organization members. */
  readonly members?: readonly string[];
}

export interface PlanetScaleInvitationSeed {
  readonly id?: string;
  readonly email: string;
  readonly role?: PlanetScaleSeedRole;
  readonly created_at?: string;
}

export interface PlanetScaleOrganizationSeed {
  readonly id?: string;
  readonly idp_managed_roles?: boolean;
  /** Directory sync on: every team is managed (docs/api-notes.md §2.4). */
  readonly sso_directory?: boolean;
  readonly members?: readonly PlanetScaleMemberSeed[];
  /** team slug -> team */
  readonly teams?: Readonly<Record<string, PlanetScaleTeamSeed>>;
  readonly invitations?: readonly PlanetScaleInvitationSeed[];
  /** What removed members left behind; the snapshot lists them the same way. */
  readonly orphaned_credentials?: readonly PlanetScaleOrphanedCredentialsSeed[];
}

export const PLANETSCALE_ACCESSES = [
  'read_organization',
  'write_organization',
  'write_teams',
  'write_members',
] as const;
export type PlanetScaleAccess = (typeof PLANETSCALE_ACCESSES)[number];

export interface PlanetScaleSeed {
  readonly service_token_id: string;
  readonly service_token: string;
  /** The service token's accesses; defaults to all. A missing one answers 404 (docs/api-notes.md §2.1). */
  readonly accesses?: readonly PlanetScaleAccess[];
  /** Email of an org member the token acts as: they cannot change their own role, and they are the actor. */
  readonly token_user?: string;
  readonly organizations?: Readonly<Record<string, PlanetScaleOrganizationSeed>>;
}

/** Either section may be absent: that provider's server then answers 404 to everything. */
export interface SandboxSeed {
  readonly turso?: TursoSeed;
  readonly planetscale?: PlanetScaleSeed;
}

/**
 * A seed file that cannot be read or is not a valid seed; lists every problem with its path. The
 * sandbox shares no code with the product, so the CLI turns this into its own one-line error.
 */
export class SandboxSeedError extends Error {
  override name = 'SandboxSeedError';
  constructor(
    readonly source: string,
    readonly issues: readonly string[],
  ) {
    super(`${source}: invalid sandbox seed\n${issues.map((issue) => `  ${issue}`).join('\n')}`);
  }
}
