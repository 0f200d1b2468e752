/**
 * Benchmark worlds: a sandbox seed, the membership file declared against it, and what a plan of it
 * must cost in list pages. Built in code so the benchmark needs no large files in the repository.
 */
import type { SandboxSeed } from '../../sandbox/index.js';

export const TOKENS = {
  turso: 'bench-turso-token',
  planetscaleId: 'bench-planetscale-id',
  planetscale: 'bench-planetscale-token',
} as const;

export interface BenchWorld {
  readonly seed: SandboxSeed;
  readonly yaml: string;
  /** Memberships the file declares. */
  readonly declared: number;
  /** Declared memberships not yet in the sandbox: the plan's additions. */
  readonly additions: number;
  /** Requests a plan must make: one per list page (plus the token's user), never one per member. */
  readonly pages: number;
  /** Who must be present afterwards: `org username` for Turso. */
  readonly expectedTurso: ReadonlyArray<readonly [org: string, username: string]>;
  readonly shape: string;
}

/** `adds` Turso users to add to organization `acme`, none of them a member yet. */
export function applyWorld(adds: number): BenchWorld {
  const users = Array.from({ length: adds }, (_, i) => `user${i}`);
  const yaml = [
    'version: 1',
    'turso:',
    '  organizations:',
    '    acme:',
    '      members:',
    ...users.map((u) => `        ${u}: member`),
  ];
  return {
    seed: {
      turso: {
        token: TOKENS.turso,
        token_user: 'olga',
        users: [{ username: 'olga' }, ...users.map((username) => ({ username }))],
        organizations: { acme: { members: { olga: 'owner' } } },
      },
    },
    yaml: yaml.join('\n') + '\n',
    declared: adds,
    additions: adds,
    pages: 3,
    expectedTurso: users.map((u) => ['acme', u] as const),
    shape: `Turso organization acme, ${adds} members to add`,
  };
}

/** Team sizes and overlaps of a large company: a person is on about 4 teams of up to 500. */
const TEAM_SIZE = 500;
const TEAMS_PER_PERSON = 4;
const TURSO_ORG_SIZE = 500;
const PER_PAGE = 100;
/** One declared membership in this many is not there yet. */
const ADDITION_EVERY = 100;
const pagesOf = (items: number): number => Math.max(1, Math.ceil(items / PER_PAGE));

/**
 * `declared` memberships, 90% PlanetScale team memberships in one organization (teams of up to 500,
 * people on about 4 teams each), 10% Turso organization members (organizations of up to 500);
 * 1% of them not there yet.
 */
export function scaleWorld(declared: number): BenchWorld {
  const psTotal = Math.round(declared * 0.9);
  const tursoTotal = declared - psTotal;
  const teams = Math.max(1, Math.ceil(psTotal / TEAM_SIZE));
  const people = Math.max(Math.ceil(psTotal / TEAMS_PER_PERSON), Math.ceil(psTotal / teams));
  const email = (i: number): string => `p${i}@acme.example`;

  let additions = 0;
  // Organization members, the team list, and the service token's own user (GET /v1/user, once per run).
  let pages = pagesOf(people + 1) + pagesOf(teams) + 1;
  const seedTeams: Record<string, { members: string[] }> = {};
  const yaml = ['version: 1', 'planetscale:', '  organizations:', '    acme:', '      teams:'];
  for (let t = 0, given = 0; t < teams; t += 1) {
    const size = Math.ceil((psTotal - given) / (teams - t));
    const present: string[] = [];
    yaml.push(`        team-${t}:`, '          members:');
    for (let j = 0; j < size; j += 1) {
      const who = email((t * 97 + j) % people);
      yaml.push(`            - ${who}`);
      if ((given + j) % ADDITION_EVERY === 0) additions += 1;
      else present.push(who);
    }
    given += size;
    pages += pagesOf(present.length);
    seedTeams[`team-${t}`] = { members: present };
  }

  const orgs = Math.ceil(tursoTotal / TURSO_ORG_SIZE);
  const seedOrgs: Record<string, { members: Record<string, 'owner' | 'member'> }> = {};
  const expectedTurso: Array<readonly [string, string]> = [];
  if (orgs > 0) {
    yaml.push('turso:', '  organizations:');
    pages += 1; // the token's own user, once per run (GET /v1/user): it is never changed or removed
  }
  for (let o = 0, given = 0; o < orgs; o += 1) {
    const size = Math.ceil((tursoTotal - given) / (orgs - o));
    const members: Record<string, 'owner' | 'member'> = { olga: 'owner' };
    yaml.push(`    org-${o}:`, '      members:');
    for (let j = 0; j < size; j += 1) {
      const username = `u${given + j}`;
      yaml.push(`        ${username}: member`);
      expectedTurso.push([`org-${o}`, username]);
      if ((given + j) % ADDITION_EVERY === 0) additions += 1;
      else members[username] = 'member';
    }
    given += size;
    pages += 2; // the organization, then all its members at once (Turso does not paginate)
    seedOrgs[`org-${o}`] = { members };
  }

  return {
    seed: {
      planetscale: {
        service_token_id: TOKENS.planetscaleId,
        service_token: TOKENS.planetscale,
        token_user: 'olga@acme.example',
        organizations: {
          acme: {
            members: [
              { email: 'olga@acme.example', role: 'admin' },
              ...Array.from({ length: people }, (_, i) => ({ email: email(i) })),
            ],
            teams: seedTeams,
          },
        },
      },
      turso: {
        token: TOKENS.turso,
        token_user: 'olga',
        users: [{ username: 'olga' }, ...Array.from({ length: tursoTotal }, (_, i) => ({ username: `u${i}` }))],
        organizations: seedOrgs,
      },
    },
    yaml: yaml.join('\n') + '\n',
    declared,
    additions,
    pages,
    expectedTurso,
    shape: `PlanetScale: ${psTotal} team memberships, ${teams} teams, ${people} org members; Turso: ${tursoTotal} members in ${orgs} orgs`,
  };
}
