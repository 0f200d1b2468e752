/**
 * The desired state, as declared in membership.yaml, after validation and normalisation.
 * Maps (not plain objects) because every key here is user input: `__proto__` is a legal username.
 */

export type ProviderName = 'turso' | 'planetscale';
export const PROVIDER_NAMES: readonly ProviderName[] = ['turso', 'planetscale'];

/** Roles the Turso API can set; `owner` exists in responses but cannot be granted (API-NOTES.md §1.4). */
export const TURSO_ROLES = ['admin', 'member', 'viewer'] as const;
export type TursoRole = (typeof TURSO_ROLES)[number];

export interface TursoOrganizationSpec {
  /** username -> role */
  readonly members: ReadonlyMap<string, TursoRole>;
}

export interface PlanetScaleTeamSpec {
  /** Emails exactly as written in the file (matched case-insensitively). */
  readonly members: readonly string[];
}

export interface PlanetScaleOrganizationSpec {
  /** team slug -> team */
  readonly teams: ReadonlyMap<string, PlanetScaleTeamSpec>;
}

export interface DesiredState {
  readonly version: 1;
  /** Absent when the file has no `turso:` section. */
  readonly turso?: { readonly organizations: ReadonlyMap<string, TursoOrganizationSpec> };
  /** Absent when the file has no `planetscale:` section. */
  readonly planetscale?: { readonly organizations: ReadonlyMap<string, PlanetScaleOrganizationSpec> };
}

/** The providers a desired state declares, in a stable order. */
export function declaredProviders(desired: DesiredState): ProviderName[] {
  return PROVIDER_NAMES.filter((name) => desired[name] !== undefined);
}
