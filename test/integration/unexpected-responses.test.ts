/**
 * A vendor answering 200 with a body that lacks a field the tool reads stops the run with one plain
 * line naming the provider, the endpoint and the field: exit 1, no stack trace, no value from the
 * body and no token. Every endpoint plan reads, through the built CLI, against one sandbox.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { ProviderName } from '../../src/model/desired-state.js';
import { runCli } from '../support/run-cli.js';
import {
  PS_TOKEN,
  PS_TOKEN_ID,
  SECRETS,
  startTestSandbox,
  TURSO_TOKEN,
  type SandboxEnv,
} from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';

jest.setTimeout(30_000);

/** Declares invites and PlanetScale organization members, so that plan reads every endpoint. */
const FILE = `version: 1
turso:
  organizations:
    acme:
      members:
        alice: admin
      invites:
        new.hire@acme.dev: member
planetscale:
  organizations:
    acme:
      members:
        olga@acme.dev: admin
      teams:
        backend:
          members:
            - alice@acme.dev
`;

/** A value from the body that must not be printed. */
const CANARY = 'canary.person@leak.example';

const TURSO_DOCS = 'https://docs.turso.tech/api-reference';
const PS_DOCS = 'https://planetscale.com/docs/api/reference';

interface Case {
  readonly provider: ProviderName;
  readonly path: string;
  readonly docs: string;
  readonly body: unknown;
  readonly problem: string;
}

const CASES: Case[] = [
  {
    provider: 'turso',
    path: '/v1/user',
    docs: `${TURSO_DOCS}/user/get-current`,
    body: { user: { name: CANARY, email: TURSO_TOKEN } },
    problem: 'user.username is missing',
  },
  {
    provider: 'turso',
    path: '/v1/organizations/acme',
    docs: `${TURSO_DOCS}/organizations/retrieve`,
    body: { organization: { name: CANARY, type: 7 } },
    problem: 'organization.type is an integer, expected a string',
  },
  {
    provider: 'turso',
    path: '/v1/organizations/acme/members',
    docs: `${TURSO_DOCS}/organizations/members/list`,
    body: {
      members: [
        { username: 'olga', role: 'owner' },
        { username: TURSO_TOKEN, email: CANARY },
      ],
    },
    problem: 'members[1].role is missing',
  },
  {
    provider: 'turso',
    path: '/v2/organizations/acme/invites',
    docs: `${TURSO_DOCS}/organizations/invites/list-v2`,
    body: { invites: [{ email: CANARY, role: 'member' }] },
    problem: 'invites[0].created_at is missing',
  },
  {
    provider: 'planetscale',
    path: '/v1/user',
    docs: `${PS_DOCS}/get_current_user`,
    body: { id: PS_TOKEN_ID, name: CANARY },
    problem: 'email is missing',
  },
  {
    provider: 'planetscale',
    path: '/v1/organizations/acme',
    docs: `${PS_DOCS}/get_organization`,
    body: { name: CANARY, idp_managed_roles: PS_TOKEN },
    problem: 'idp_managed_roles is a string, expected a boolean',
  },
  {
    provider: 'planetscale',
    path: '/v1/organizations/acme/members',
    docs: `${PS_DOCS}/list_organization_members`,
    body: { data: [{ id: PS_TOKEN_ID, role: 'admin', email: CANARY }], next_page: null },
    problem: 'data[0].user is missing',
  },
  {
    provider: 'planetscale',
    path: '/v1/organizations/acme/teams',
    docs: `${PS_DOCS}/list_organization_teams`,
    body: { data: [{ name: CANARY, managed: false }], next_page: null },
    problem: 'data[0].slug is missing',
  },
  {
    provider: 'planetscale',
    path: '/v1/organizations/acme/teams/backend/members',
    docs: `${PS_DOCS}/list_organization_team_members`,
    body: { data: [{ id: 'm1', user: { id: 'u1', name: CANARY } }], next_page: null },
    problem: 'data[0].user.email is missing',
  },
  {
    provider: 'planetscale',
    path: '/v1/organizations/acme/invitations',
    docs: `${PS_DOCS}/list_organization_invitations`,
    body: { data: [{ id: 'i1', email: CANARY, created_at: '2026-04-01T00:00:00Z' }] },
    problem: 'next_page is missing',
  },
];

const files = tempDir();
let box: SandboxEnv;
let file: string;
beforeAll(async () => {
  box = await startTestSandbox();
  file = files.write('unexpected.yaml', FILE);
});
afterAll(async () => {
  await box.sandbox.close();
  files.remove();
});
beforeEach(() => {
  box.sandbox.setFaults({});
  box.sandbox.clearRequests();
});

describe('plan against an API whose answer changed shape', () => {
  it('reads every endpoint of the table when the answers have their documented shape', async () => {
    const run = await runCli(['plan', '-f', file], { env: box.env });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const asked = new Set(box.sandbox.requests.map((r) => `${r.provider} ${r.method} ${r.path}`));
    expect(CASES.map((c) => `${c.provider} GET ${c.path}`).filter((line) => !asked.has(line))).toEqual([]);
  });

  it.each(CASES)('$provider GET $path: $problem', async ({ provider, path, docs, body, problem }) => {
    const target = new RegExp(`^${path}(\\?|$)`);
    box.sandbox.setFaults({ failures: [{ provider, method: 'GET', path: target, status: 200, times: 1, body }] });

    const run = await runCli(['plan', '-f', file], { env: box.env });

    expect(run.stderr).toBe(
      `Error: ${provider}: GET ${path} answered 200 with an unexpected body: ${problem} ` +
        `(the API may have changed; see ${docs})\n`,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('    at ');
    expect(box.sandbox.requests.some((r) => r.provider === provider && r.path === path && r.status === 200)).toBe(true);
    const output = run.stdout + run.stderr;
    for (const leak of [...SECRETS, CANARY]) expect(output).not.toContain(leak);
  });
});
