/** What the providers report today, for exactly the organizations and teams the desired state names. */

export interface TursoMember {
  readonly username: string;
  /** Includes `owner`, which the API reports but cannot grant. */
  readonly role: string;
  readonly email?: string;
}

export interface TursoInvite {
  readonly email: string;
  readonly role: string;
  /** ISO-8601, as the API gives it. */
  readonly createdAt: string;
}

export interface ObservedTursoOrganization {
  /** `team` or `personal`; members can be added to team organizations only (docs/api-notes.md §1.2). */
  readonly type: string;
  /**
   * Lower-cased username -> member. Turso accounts come from GitHub logins, which compare
   * case-insensitively: `Alice` and `alice` are one person.
   */
  readonly members: ReadonlyMap<string, TursoMember>;
  /**
   * Lower-cased email -> pending invite; observed only when the file declares `invites:`,
   * `prune: true` or `people:`, and absent when the organization's plan does not let invites be listed.
   */
  readonly invites?: ReadonlyMap<string, TursoInvite>;
  /** Set when invites were asked for and the API refused to list them (a plan without invites): its message. */
  readonly invitesUnavailable?: string;
  /** The username the token belongs to (GET /v1/user): never changed or removed. */
  readonly tokenUser?: string;
}

export interface PlanetScaleOrgMember {
  readonly userId: string;
  readonly email: string;
  readonly role: string;
}

export interface PlanetScaleTeamMember {
  /** The team membership id (what DELETE takes), not the user id. */
  readonly membershipId: string;
  readonly userId: string;
  readonly email: string;
}

export interface ObservedPlanetScaleTeam {
  readonly slug: string;
  /** Managed through SSO directory sync: members cannot be changed through the API. */
  readonly managed: boolean;
  /** user id -> team member */
  readonly members: ReadonlyMap<string, PlanetScaleTeamMember>;
}

export interface PlanetScaleInvitation {
  readonly id: string;
  readonly email: string;
  readonly role: string;
  readonly createdAt: string;
}

export interface ObservedPlanetScaleOrganization {
  /** lower-cased email -> org member */
  readonly membersByEmail: ReadonlyMap<string, PlanetScaleOrgMember>;
  /**
   * Roles are managed by the identity provider: the API refuses role changes (docs/api-notes.md §2.4).
   * Read, like `invitations`, only when the file declares org `members:` or `people:`.
   */
  readonly idpManagedRoles?: boolean;
  /** lower-cased email -> pending invitation; observed only when the file declares org `members:` or `people:`. */
  readonly invitations?: ReadonlyMap<string, PlanetScaleInvitation>;
  /** team slug -> team; a slug the file names but the API does not know is absent. */
  readonly teams: ReadonlyMap<string, ObservedPlanetScaleTeam>;
  /** Lower-cased email of the user the service token acts for (GET /v1/user), when the API names one. */
  readonly tokenUserEmail?: string;
}

/** Organizations the API does not know (or the token cannot see) are absent from these maps. */
export interface Observed {
  readonly turso: ReadonlyMap<string, ObservedTursoOrganization>;
  readonly planetscale: ReadonlyMap<string, ObservedPlanetScaleOrganization>;
}
