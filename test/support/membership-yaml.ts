/**
 * Membership files, and the opening lines of some, that several tests write: organization `acme`
 * on both providers, PlanetScale team `backend`.
 */

/** A file whose `body` sits under Turso organization acme (indent its keys by 6 spaces). */
export const underTursoOrg = (body: string): string => `version: 1\nturso:\n  organizations:\n    acme:\n${body}`;

/** A file whose `body` sits under PlanetScale organization acme (indent its keys by 6 spaces). */
export const underPlanetScaleOrg = (body: string): string =>
  `version: 1\nplanetscale:\n  organizations:\n    acme:\n${body}`;

/** A file whose `body` sits under PlanetScale team acme/backend (indent its keys by 10 spaces). */
export const underBackendTeam = (body: string): string =>
  underPlanetScaleOrg(`      teams:\n        backend:\n${body}`);

/** Opens Turso acme's `members`: append lines like `        alice: admin\n`. */
export const TURSO_MEMBERS = underTursoOrg('      members:\n');

/** Opens team backend's `members`: append lines like `            - alice@acme.dev\n`. */
export const BACKEND_MEMBERS = underBackendTeam('          members:\n');

/** Turso acme: alice admin, bob member. Against the sandbox's base seed (olga, alice) it adds bob. */
export const TURSO_ALICE_AND_BOB = `${TURSO_MEMBERS}        alice: admin\n        bob: member\n`;
