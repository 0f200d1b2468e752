import {
  PLANETSCALE_ACCESSES,
  SandboxSeedError,
  type PlanetScaleOrganizationSeed,
  type SandboxSeed,
} from './sandbox-seed.js';
import { arrayOf, boolean, email, nonEmptyString, nullable, object, oneOf, recordOf, timestamp } from './seed-rules.js';

const PLANETSCALE_ROLES = ['admin', 'member', 'analyst'];
/** Names of the passwords and service tokens a user created (docs/api-notes.md §2.3). */
const CREDENTIALS = { passwords: arrayOf(nonEmptyString), service_tokens: arrayOf(nonEmptyString) };

const tursoSeed = object(
  {
    token: nonEmptyString,
    token_user: nonEmptyString,
    users: arrayOf(object({ username: nonEmptyString, email, name: nonEmptyString }, ['username'])),
    organizations: recordOf(
      object({
        name: nonEmptyString,
        type: oneOf(['team', 'personal']),
        plan_id: nonEmptyString,
        members: recordOf(oneOf(['owner', 'admin', 'member', 'viewer'])),
        invites: arrayOf(
          object({ email, role: oneOf(['admin', 'member', 'viewer']), created_at: timestamp }, ['email']),
        ),
      }),
    ),
  },
  ['token', 'token_user'],
);

const planetScaleSeed = object(
  {
    service_token_id: nonEmptyString,
    service_token: nonEmptyString,
    accesses: arrayOf(oneOf(PLANETSCALE_ACCESSES)),
    token_user: email,
    organizations: recordOf(
      object({
        id: nonEmptyString,
        idp_managed_roles: boolean,
        sso_directory: boolean,
        members: arrayOf(
          object(
            {
              id: nonEmptyString,
              email,
              role: oneOf(PLANETSCALE_ROLES),
              name: nullable(nonEmptyString),
              ...CREDENTIALS,
            },
            ['email'],
          ),
        ),
        teams: recordOf(
          object({
            name: nonEmptyString,
            description: nullable(nonEmptyString),
            managed: boolean,
            members: arrayOf(email),
          }),
        ),
        invitations: arrayOf(
          object({ id: nonEmptyString, email, role: oneOf(PLANETSCALE_ROLES), created_at: timestamp }, ['email']),
        ),
        orphaned_credentials: arrayOf(object({ id: nonEmptyString, email, ...CREDENTIALS }, ['email'])),
      }),
    ),
  },
  ['service_token_id', 'service_token'],
);

const sandboxSeed = object({ turso: tursoSeed, planetscale: planetScaleSeed });

/** Checks shape, then the references between parts; throws SandboxSeedError listing every problem. */
export function parseSandboxSeed(value: unknown, source: string): SandboxSeed {
  const issues: string[] = [];
  sandboxSeed(value, 'seed', issues);
  if (issues.length === 0) checkReferences(value as SandboxSeed, issues);
  if (issues.length > 0) throw new SandboxSeedError(source, issues);
  return value as SandboxSeed;
}

function checkReferences(seed: SandboxSeed, issues: string[]): void {
  const usernames = new Set<string>();
  seed.turso?.users?.forEach((user, index) => {
    if (usernames.has(user.username))
      issues.push(`seed.turso.users[${index}].username: duplicate username ${user.username}`);
    usernames.add(user.username);
  });
  if (seed.planetscale?.service_token_id.includes(':') === true) {
    issues.push('seed.planetscale.service_token_id: must not contain ":" (the header is ID:TOKEN)');
  }
  for (const [slug, org] of Object.entries(seed.planetscale?.organizations ?? {})) {
    checkPlanetScaleOrganization(`seed.planetscale.organizations.${slug}`, org, issues);
  }
}

function checkPlanetScaleOrganization(path: string, org: PlanetScaleOrganizationSeed, issues: string[]): void {
  const emails = new Set<string>();
  const ids = new Set<string>();
  org.members?.forEach((member, index) => {
    const key = member.email.toLowerCase();
    if (emails.has(key)) issues.push(`${path}.members[${index}].email: duplicate member ${member.email}`);
    if (member.id !== undefined && ids.has(member.id))
      issues.push(`${path}.members[${index}].id: duplicate user id ${member.id}`);
    emails.add(key);
    if (member.id !== undefined) ids.add(member.id);
  });
  for (const [slug, team] of Object.entries(org.teams ?? {})) {
    team.members?.forEach((member, index) => {
      if (!emails.has(member.toLowerCase())) {
        issues.push(`${path}.teams.${slug}.members[${index}]: ${member} is not in ${path}.members`);
      }
    });
  }
  const orphaned = new Set<string>();
  org.orphaned_credentials?.forEach((entry, index) => {
    const key = entry.email.toLowerCase();
    if (emails.has(key)) {
      issues.push(
        `${path}.orphaned_credentials[${index}].email: ${entry.email} is a member; list their credentials under ${path}.members`,
      );
    } else if (orphaned.has(key)) {
      issues.push(`${path}.orphaned_credentials[${index}].email: duplicate entry for ${entry.email}`);
    }
    if (entry.id !== undefined && ids.has(entry.id))
      issues.push(`${path}.orphaned_credentials[${index}].id: user id ${entry.id} belongs to a member`);
    orphaned.add(key);
  });
}
