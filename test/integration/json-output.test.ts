/**
 * Real output of the built CLI against the sandbox, validated against the published JSON Schemas
 * (schemas/): a plan provoking every action, drift kind and note, a plan with every problem, the
 * saved plan file, apply results after success, failure and an interrupt (with `status`),
 * `validate --format json`, and the error object of each error a run can end with. No token is
 * ever printed.
 */
import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxSeed } from '../../src/sandbox/index.js';
import { expectMatchesSchema } from '../support/json-schemas.js';
import { TURSO_ALICE_AND_BOB } from '../support/membership-yaml.js';
import { runCli, type CliRun } from '../support/run-cli.js';
import { baseSeed, SECRETS, startTestSandbox, type SandboxEnv } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';
import { fileAdding, people, posts, startSandboxWith, waitFor } from './resilience-fixture.js';

jest.setTimeout(30_000);
const files = tempDir();
afterAll(() => files.remove());
let box: SandboxEnv | undefined;
afterEach(async () => box?.sandbox.close());

const RECENT = new Date().toISOString();

/** Turso acme (pruned), beta (no invite listing), gamma (drift); PlanetScale acme and idp. */
function everythingSeed(): SandboxSeed {
  const base = baseSeed();
  const users = ['olga', 'alice', 'bob', 'carol', 'erin', 'frank', 'gina', 'hank'].map((username) => ({
    username,
    email: `${username}@acme.dev`,
  }));
  return {
    turso: {
      ...base.turso!,
      users,
      organizations: {
        acme: {
          members: { olga: 'owner', alice: 'admin', bob: 'member', carol: 'member' },
          invites: [
            { email: 'gone@ext.dev', role: 'member', created_at: RECENT },
            { email: 'old@ext.dev', role: 'member', created_at: RECENT },
            { email: 'stale@ext.dev', role: 'member', created_at: '2020-01-01T00:00:00Z' },
          ],
        },
        beta: { plan_id: 'hobby', members: { olga: 'admin', frank: 'owner' } },
        gamma: {
          members: { olga: 'owner', hank: 'member', gina: 'member' },
          invites: [
            { email: 'kept@ext.dev', role: 'member', created_at: RECENT },
            { email: 'pending@ext.dev', role: 'viewer', created_at: RECENT },
          ],
        },
      },
    },
    planetscale: {
      ...base.planetscale!,
      organizations: {
        acme: {
          members: [
            { email: 'olga@acme.dev', role: 'admin' },
            ...['alice', 'bob', 'carol', 'zoe', 'yuri'].map((name) => ({ email: `${name}@acme.dev` })),
          ],
          invitations: [
            { email: 'late@acme.dev', role: 'member', created_at: '2020-01-01T00:00:00Z' },
            { email: 'role@acme.dev', role: 'member', created_at: RECENT },
          ],
          teams: {
            backend: { members: ['alice@acme.dev', 'carol@acme.dev'] },
            data: { members: ['zoe@acme.dev'] },
            ops: { managed: true, members: ['carol@acme.dev'] },
          },
        },
        idp: {
          idp_managed_roles: true,
          members: [{ email: 'olga@acme.dev', role: 'admin' }, { email: 'ian@acme.dev' }],
          teams: { core: { members: ['ian@acme.dev'] } },
        },
      },
    },
  };
}

const EVERYTHING = `version: 1
turso:
  organizations:
    acme:
      prune: true
      members:
        alice: admin
        bob: viewer
        erin: member
      invites:
        new@ext.dev: member
        old@ext.dev: admin
        stale@ext.dev: member
        bob@acme.dev: member
    beta:
      prune: true
      members:
        olga: member
        frank: admin
    gamma:
      members:
        hank: member
      invites:
        kept@ext.dev: member
planetscale:
  organizations:
    acme:
      members:
        olga@acme.dev: member
        alice@acme.dev: member
        bob@acme.dev: admin
        carol@acme.dev: member
        zoe@acme.dev: member
        newbie@acme.dev: member
        late@acme.dev: member
        role@acme.dev: admin
      teams:
        backend:
          prune: true
          members:
            - bob@acme.dev
            - newbie@acme.dev
        data:
          members:
            - alice@acme.dev
        ops:
          members:
            - alice@acme.dev
    idp:
      members:
        olga@acme.dev: admin
        ian@acme.dev: admin
      teams:
        core:
          members:
            - ian@acme.dev
`;

/** Every problem the planner knows, against the same seed (the removal cap with --max-removals 0). */
const PROBLEMS = `version: 1
turso:
  organizations:
    acme:
      prune: true
      members:
        alice: admin
        bob: member
        x@ext.dev: member
    beta:
      members:
        frank: admin
      invites:
        someone@ext.dev: member
    gamma:
      prune: true
      members: {}
    nowhere:
      members:
        alice: admin
    personal:
      members:
        alice: admin
planetscale:
  organizations:
    acme:
      members:
        boss@acme.dev: admin
      teams:
        backend:
          members:
            - stranger@acme.dev
        ghost:
          members:
            - alice@acme.dev
    nowhere:
      teams:
        core:
          members:
            - alice@acme.dev
`;

function problemsSeed(): SandboxSeed {
  const seed = everythingSeed();
  return {
    ...seed,
    turso: {
      ...seed.turso!,
      organizations: { ...seed.turso!.organizations, personal: { type: 'personal', members: { olga: 'owner' } } },
    },
  };
}

function expectNoSecret(...runs: CliRun[]): void {
  for (const run of runs) for (const secret of SECRETS) expect(run.stdout + run.stderr).not.toContain(secret);
}

type Item = {
  readonly kind?: string;
  readonly action?: string;
  readonly provider?: string;
  readonly scope: string | null;
};
const kinds = (items: readonly Item[]) =>
  [...new Set(items.map((item) => `${item.provider ?? '-'} ${item.kind}`))].sort();

describe('plan --format json and the saved plan file match their schemas', () => {
  it('with every action, drift kind and note the sandbox can provoke', async () => {
    box = await startTestSandbox(everythingSeed());
    const file = files.write('everything.yaml', EVERYTHING);
    const out = join(files.dir, 'everything.plan.json');

    const run = await runCli(['plan', '-f', file, '--format', 'json', '--out', out], { env: box.env });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const plan = expectMatchesSchema('plan', run.stdout) as {
      changes: Item[];
      drift: Item[];
      notices: Item[];
      problems: Item[];
    };
    expect([...new Set(plan.changes.map((change) => `${change.provider} ${change.action}`))].sort()).toEqual([
      'planetscale add',
      'planetscale change_role',
      'planetscale invite',
      'planetscale remove',
      'turso add',
      'turso cancel_invite',
      'turso change_role',
      'turso invite',
      'turso remove',
    ]);
    expect(kinds(plan.drift)).toEqual([
      'planetscale undeclared_member',
      'planetscale undeclared_org_member',
      'turso undeclared_invite',
      'turso undeclared_member',
    ]);
    expect(kinds(plan.notices)).toEqual([
      'planetscale awaiting_invitation',
      'planetscale idp_managed_roles',
      'planetscale managed_team',
      'planetscale pending_invitation_role',
      'planetscale stale_invite',
      'planetscale token_user_kept',
      'turso invite_not_needed',
      'turso invites_unlisted',
      'turso owner_kept',
      'turso stale_invite',
      'turso token_user_kept',
    ]);
    expect(plan.problems).toEqual([]);

    const saved = readFileSync(out, 'utf8');
    const planFile = expectMatchesSchema('plan-file', saved) as Record<string, unknown>;
    const { format_version, summary, changes, drift, notices, problems } = planFile;
    expect({ format_version, summary, changes, drift, notices, problems }).toEqual(JSON.parse(run.stdout));

    // Applying that saved plan writes every kind of change; each result matches the schema.
    const apply = await runCli(['apply', out, '-f', file, '--format', 'json'], { env: box.env });
    const results = expectMatchesSchema('apply-results', apply.stdout) as { status: string; results: Item[] };
    expect(results.status).toBe('complete');
    expect(apply.code).toBe(0);
    expect(results.results).toHaveLength(plan.changes.length);
    expectNoSecret(run, apply);
  });

  it('with every problem', async () => {
    box = await startTestSandbox(problemsSeed());
    const file = files.write('problems.yaml', PROBLEMS);

    const run = await runCli(['plan', '-f', file, '--format', 'json', '--max-removals', '0'], { env: box.env });

    expect(run.code).toBe(1);
    const plan = expectMatchesSchema('plan', run.stdout) as { problems: Item[] };
    expect(kinds(plan.problems)).toEqual([
      '- removal_cap',
      'planetscale invitation_role',
      'planetscale not_an_organization_member',
      'planetscale organization_not_found',
      'planetscale team_not_found',
      'turso email_as_username',
      'turso empty_list',
      'turso invites_not_available',
      'turso organization_not_found',
      'turso personal_organization',
    ]);
    expect(plan.problems.find((problem) => problem.kind === 'removal_cap')?.scope).toBeNull();
    expectNoSecret(run);
  });
});

describe('apply --format json results match their schema, with status', () => {
  it('complete after success, failed after a refused write (exit codes unchanged)', async () => {
    box = await startTestSandbox();
    const file = files.write('apply.yaml', TURSO_ALICE_AND_BOB);
    box.sandbox.setFaults({
      failures: [{ provider: 'turso', method: 'POST', path: '/members', status: 500, times: 10 }],
    });

    const failed = await runCli(['apply', '-f', file, '--format', 'json', '--auto-approve', '--retry-attempts', '1'], {
      env: box.env,
    });

    expect(failed.code).toBe(1);
    const report = expectMatchesSchema('apply-results', failed.stdout) as { status: string; results: unknown[] };
    expect(Object.keys(report)).toEqual(['format_version', 'status', 'results', 'summary']);
    expect(report.status).toBe('failed');
    expect(report.results).toEqual([
      expect.objectContaining({ scope: 'turso.acme', action: 'add', member: 'bob', outcome: 'failed' }),
    ]);

    box.sandbox.setFaults({});
    const done = await runCli(['apply', '-f', file, '--format', 'json', '--auto-approve'], { env: box.env });
    expect(done.code).toBe(0);
    expect((expectMatchesSchema('apply-results', done.stdout) as { status: string }).status).toBe('complete');

    const nothing = await runCli(['apply', '-f', file, '--format', 'json', '--auto-approve'], { env: box.env });
    expect(nothing.code).toBe(0);
    expect(expectMatchesSchema('apply-results', nothing.stdout)).toEqual({
      format_version: 1,
      status: 'complete',
      results: [],
      summary: { applied: 0, already_present: 0, failed: 0, skipped: 0 },
    });
    expectNoSecret(failed, done, nothing);
  });

  it('interrupted after SIGINT (exit 130)', async () => {
    const who = people(8, 0);
    box = await startSandboxWith(who, { faults: { latencyMs: 150 } });
    const sandbox = box.sandbox;
    const file = files.write('interrupted.yaml', fileAdding(who));
    let interrupted: Promise<void> | undefined;
    const onSpawn = (child: ChildProcess) => {
      interrupted = waitFor(() => posts(sandbox.requests).length >= 2).then(() => void child.kill('SIGINT'));
    };

    const run = await runCli(['apply', '-f', file, '--format', 'json', '--auto-approve', '--concurrency', '2'], {
      env: box.env,
      onSpawn,
    });
    await interrupted;

    expect(run.code).toBe(130);
    const report = expectMatchesSchema('apply-results', run.stdout) as { status: string; summary: { skipped: number } };
    expect(report.status).toBe('interrupted');
    expect(report.summary.skipped).toBeGreaterThan(0);
    expectNoSecret(run);
  });
});

describe('validate --format json', () => {
  it('prints format_version, valid and file for a valid file', async () => {
    const file = files.write('valid.yaml', TURSO_ALICE_AND_BOB);

    const run = await runCli(['validate', '-f', file, '--format', 'json']);

    expect(run.code).toBe(0);
    expect(expectMatchesSchema('validate', run.stdout)).toEqual({ format_version: 1, valid: true, file });
  });

  it('prints the config error object with every issue, exit 1, and the text error on stderr', async () => {
    const file = files.write(
      'invalid.yaml',
      'version: 1\nturso:\n  organizations:\n    acme:\n      members:\n        carol: owner\n        dan: boss\n',
    );

    const run = await runCli(['validate', '-f', file, '--format', 'json']);

    expect(run.code).toBe(1);
    const { error } = expectMatchesSchema('error', run.stdout) as {
      error: { kind: string; message: string; issues: Array<{ file: string; line: number; path: string }> };
    };
    expect(error.kind).toBe('config');
    expect(error.issues.map(({ file, line, path }) => ({ file, line, path }))).toEqual([
      { file, line: 6, path: 'turso.organizations.acme.members.carol' },
      { file, line: 7, path: 'turso.organizations.acme.members.dan' },
    ]);
    expect(run.stderr).toMatch(/^Error: /);
  });
});

describe('an error that ends a --format json run prints the error object on stdout', () => {
  /** Runs the CLI, expects exit 1, a schema-valid error object of `kind` on stdout and `Error: ` on stderr. */
  async function expectError(kind: string, args: string[], env: Record<string, string | undefined> = {}) {
    const run = await runCli(args, { env });
    expect(run.code).toBe(1);
    const { error } = expectMatchesSchema('error', run.stdout) as { error: Record<string, unknown> };
    expect(error['kind']).toBe(kind);
    expect(run.stderr).toContain('Error: ');
    expectNoSecret(run);
    return error;
  }

  it('config, settings, auth, api and unexpected_response from plan; plan_file, stale_plan and unjustified_plan from apply', async () => {
    box = await startTestSandbox();
    const env = box.env;
    const file = files.write('errors.yaml', TURSO_ALICE_AND_BOB);
    const plan = ['plan', '-f', file, '--format', 'json', '--retry-attempts', '1'];

    const config = await expectError(
      'config',
      ['plan', '-f', files.write('bad.yaml', 'version: 2\n'), '--format', 'json'],
      env,
    );
    expect(config['issues']).toEqual([expect.objectContaining({ path: 'version' })]);
    await expectError('settings', plan, { ...env, TURSO_API_TOKEN: undefined });
    expect(await expectError('auth', plan, { ...env, TURSO_API_TOKEN: 'tt-wrong-token' })).toMatchObject({
      provider: 'turso',
      status: 401,
    });
    box.sandbox.setFaults({
      failures: [{ provider: 'turso', method: 'GET', path: '/members', status: 500, times: 1 }],
    });
    expect(await expectError('api', plan, env)).toMatchObject({ provider: 'turso', status: 500 });
    box.sandbox.setFaults({
      failures: [
        { provider: 'turso', method: 'GET', path: '/members', status: 200, times: 1, body: { members: 'no' } },
      ],
    });
    expect(await expectError('unexpected_response', plan, env)).toMatchObject({ provider: 'turso', status: 200 });
    box.sandbox.setFaults({});

    const apply = (planFile: string) => ['apply', planFile, '-f', file, '--format', 'json'];
    await expectError('plan_file', apply(files.write('not-a-plan.json', '{"format_version": 1}')), env);
    const out = join(files.dir, 'errors.plan.json');
    expect((await runCli(['plan', '-f', file, '--out', out], { env })).code).toBe(0);
    const saved = JSON.parse(readFileSync(out, 'utf8')) as { changes: Array<Record<string, unknown>> };
    saved.changes[0]!['role'] = 'admin';
    writeFileSync(out + '.edited', JSON.stringify(saved));
    await expectError('unjustified_plan', apply(out + '.edited'), env);
    writeFileSync(file, TURSO_ALICE_AND_BOB + '        carol: member\n');
    await expectError('stale_plan', apply(out), env);
    expect(posts(box.sandbox.requests)).toEqual([]);
  });

  it('but a text run prints no JSON', async () => {
    const run = await runCli(['validate', '-f', files.write('text.yaml', 'version: 2\n')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Error: /);
  });
});
