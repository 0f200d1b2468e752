/**
 * The desired state, as declared in membership.yaml, after validation and normalisation.
 * Maps (not plain objects) because every key here is user input: `__proto__` is a legal username.
 */

export type ProviderName = 'turso' | 'planetscale';

// A Record rather than an array literal: a name added to the union does not compile until it is
// listed here too. Key order is the order output follows (Turso first).
const LISTED: Record<ProviderName, true> = { turso: true, planetscale: true };
export const PROVIDER_NAMES = Object.keys(LISTED) as readonly ProviderName[];

import type { PeopleSpec } from './people.js';
import type { TursoRole } from './roles.js';

export { TURSO_ROLES, type TursoRole } from './roles.js';

export interface TursoOrganizationSpec {
  /** username -> role */
  readonly members: ReadonlyMap<string, TursoRole>;
  /**
   * Pending invitations for people without a Turso account: email (as written) -> role.
   * Absent when the file has no `invites:` key: then invites are observed only with `prune: true`
   * or `people:`, and otherwise neither observed nor touched (invites need a Scaler plan; listing
   * them is assumed to, [A] docs/api-notes.md §1.2).
   */
  readonly invites?: ReadonlyMap<string, TursoRole>;
  /** `prune: true`: members (and, with `invites:`, pending invites) not declared are removed. */
  readonly prune: boolean;
}

export interface PlanetScaleTeamSpec {
  /** Emails exactly as written in the file (matched case-insensitively). */
  readonly members: readonly string[];
  /** `prune: true`: team members not declared are removed from the team (not from the organization). */
  readonly prune: boolean;
}

export interface PlanetScaleOrganizationSpec {
  /** team slug -> team */
  readonly teams: ReadonlyMap<string, PlanetScaleTeamSpec>;
  /**
   * Organization members: email (as written) -> role. An open string (`member`, `admin`, and the
   * `analyst` role the docs mention): the API validates it (docs/api-notes.md §2.3). Absent when the
   * file has no `members:` key: then organization membership is only read, to resolve emails (and,
   * with `people:`, pending invitations are read too).
   */
  readonly members?: ReadonlyMap<string, string>;
  /**
   * `prune: true`, with `members:`: organization members not declared are removed from the
   * organization and pending invitations not declared are cancelled. Without `members:` it means nothing.
   */
  readonly prune: boolean;
  /**
   * Set by `--target planetscale.ORG.TEAM`: only the named teams are planned, never the
   * organization's own membership (no invitation, role change or removal, whatever people say).
   */
  readonly teamsOnly?: true;
}

export interface DesiredState {
  readonly version: 1;
  /** Absent when the file has no `turso:` section. */
  readonly turso?: { readonly organizations: ReadonlyMap<string, TursoOrganizationSpec> };
  /** Absent when the file has no `planetscale:` section. */
  readonly planetscale?: { readonly organizations: ReadonlyMap<string, PlanetScaleOrganizationSpec> };
  /**
   * Absent when the file has no `people:` section. Every organization and team a group grants is
   * also in the provider sections above (the reader adds it, declaring no one), so observing and
   * `--target` see the person form's scopes like any other.
   */
  readonly people?: PeopleSpec;
}

/** The providers a desired state declares, in a stable order. */
export function declaredProviders(desired: DesiredState): ProviderName[] {
  return PROVIDER_NAMES.filter((name) => desired[name] !== undefined);
}
