/**
 * The whole loop through the built CLI as a subprocess, against the sandbox over real sockets:
 * file -> plan -> apply -> converged, for both providers.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parsePlanJson } from '../support/cli-json.js';
import { runCli } from '../support/run-cli.js';
import { SECRETS, startTestSandbox, type SandboxEnv } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';

const FILE = `version: 1
turso:
  organizations:
    acme:
      members:
        alice: admin
        bob: member
        carol: viewer
planetscale:
  organizations:
    acme:
      teams:
        backend:
          members:
            - alice@acme.dev
            - BOB@acme.dev
        data:
          members:
            - carol@acme.dev
`;

const files = tempDir();
afterAll(() => files.remove());

let box: SandboxEnv;
beforeEach(async () => (box = await startTestSandbox()));
afterEach(async () => box.sandbox.close());

const writes = () => box.sandbox.requests.filter((r) => r.method !== 'GET');

describe('plan', () => {
  it('prints additions grouped by scope, as --target takes it, with the legend and the summary line', async () => {
    const file = files.write('plan.yaml', FILE);
    const run = await runCli(['plan', '-f', file], { env: box.env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      [
        'Membership will change as follows:',
        '',
        'turso.acme',
        '  + bob (member)',
        '  + carol (viewer)',
        '',
        'planetscale.acme.backend',
        '  + BOB@acme.dev',
        '',
        'planetscale.acme.data',
        '  + carol@acme.dev',
        '',
        'Legend: + add or invite',
        '',
        'Plan: 4 to add, 0 to change, 0 to remove.',
        '',
      ].join('\n'),
    );
    expect(writes()).toEqual([]);
  });

  it('prints a machine-readable JSON plan with the documented fields', async () => {
    const file = files.write('json.yaml', FILE);
    const run = await runCli(['plan', '-f', file, '--format', 'json'], { env: box.env });
    expect(run.code).toBe(0);
    const plan = parsePlanJson(run.stdout);
    expect(plan.format_version).toBe(1);
    expect(plan.changes).toEqual([
      { scope: 'turso.acme', provider: 'turso', action: 'add', organization: 'acme', member: 'bob', role: 'member' },
      { scope: 'turso.acme', provider: 'turso', action: 'add', organization: 'acme', member: 'carol', role: 'viewer' },
      expect.objectContaining({
        scope: 'planetscale.acme.backend',
        provider: 'planetscale',
        action: 'add',
        organization: 'acme',
        team: 'backend',
        member: 'BOB@acme.dev',
      }),
      expect.objectContaining({
        scope: 'planetscale.acme.data',
        provider: 'planetscale',
        action: 'add',
        organization: 'acme',
        team: 'data',
        member: 'carol@acme.dev',
      }),
    ]);
  });

  it('observes with one request per page, not one per member', async () => {
    const file = files.write('count.yaml', FILE);
    await runCli(['plan', '-f', file], { env: box.env });
    const paths = box.sandbox.requests.map((r) => `${r.provider} ${r.method} ${r.path}`).sort();
    expect(paths).toEqual(
      [
        'planetscale GET /v1/organizations/acme/members',
        'planetscale GET /v1/organizations/acme/teams',
        'planetscale GET /v1/organizations/acme/teams/backend/members',
        'planetscale GET /v1/organizations/acme/teams/data/members',
        'planetscale GET /v1/user',
        'turso GET /v1/organizations/acme',
        'turso GET /v1/organizations/acme/members',
        'turso GET /v1/user',
      ].sort(),
    );
  });

  it('lists undeclared members as drift, and --detailed-exitcode says 2 for changes or drift and 0 once converged', async () => {
    box.sandbox.addTursoMember('acme', 'mallory', 'member');
    const file = files.write('drift.yaml', FILE);
    const before = await runCli(['plan', '-f', file, '--detailed-exitcode'], { env: box.env });
    expect(before.code).toBe(2);
    expect(before.stdout).toContain('! turso.acme: mallory (member) is not declared');

    const converged = files.write(
      'converged.yaml',
      FILE.replace('        carol: viewer\n', '        carol: viewer\n        mallory: member\n'),
    );
    expect((await runCli(['apply', '-f', converged, '--auto-approve'], { env: box.env })).code).toBe(0);
    const after = await runCli(['plan', '-f', converged, '--detailed-exitcode'], { env: box.env });
    expect(after.stdout).toContain('No changes. Membership matches the file.');
    expect(after.code).toBe(0);
  });
});

describe('apply', () => {
  it('applies the plan for both providers, and a second plan finds nothing to add', async () => {
    const file = files.write('apply.yaml', FILE);
    const run = await runCli(['apply', '-f', file, '--auto-approve'], { env: box.env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✓ turso.acme: add bob as member: added');
    expect(run.stdout).toContain('✓ planetscale.acme.data: add carol@acme.dev: added');
    expect(run.stdout).toMatch(/^Apply complete: 4 added, 0 already present, 0 failed\.$/m);

    // The vendors' side now holds every declared member, added by this apply (the seed had only olga and alice).
    const { turso, planetscale } = box.sandbox.snapshot();
    expect(turso?.organizations['acme']?.members).toEqual({
      olga: 'owner',
      alice: 'admin',
      bob: 'member',
      carol: 'viewer',
    });
    const teams = planetscale?.organizations['acme']?.teams;
    expect(teams?.['backend']?.members.toSorted()).toEqual(['alice@acme.dev', 'bob@acme.dev']);
    expect(teams?.['data']?.members).toEqual(['carol@acme.dev']);
    const again = await runCli(['plan', '-f', file, '--detailed-exitcode'], { env: box.env });
    expect(again.stdout).toContain('No changes.');
    expect(again.code).toBe(0);
  });

  it('sends Turso {username, role} and PlanetScale {user_id} resolved from the email', async () => {
    const file = files.write('bodies.yaml', FILE);
    await runCli(['apply', '-f', file, '--auto-approve'], { env: box.env });
    const bodies = writes().map((r) => `${r.provider} ${r.path} ${JSON.stringify(r.body)}`);
    expect(bodies).toContain('turso /v1/organizations/acme/members {"username":"bob","role":"member"}');
    const psAdd = writes().find((r) => r.provider === 'planetscale' && r.path.endsWith('/teams/backend/members'));
    expect(psAdd?.body).toEqual({ user_id: expect.any(String) });
    expect(Object.keys(psAdd?.body as object)).toEqual(['user_id']);
  });

  it('applies a saved plan exactly, and reports changes that converged since the review as already present, without a request', async () => {
    const file = files.write('saved.yaml', FILE);
    const planFile = `${files.dir}/saved.plan.json`;
    expect((await runCli(['plan', '-f', file, '--out', planFile], { env: box.env })).code).toBe(0);
    box.sandbox.addTursoMember('acme', 'bob', 'member');
    box.sandbox.addPlanetScaleTeamMember('acme', 'data', 'carol@acme.dev');

    box.sandbox.clearRequests();
    const run = await runCli(['apply', planFile, '-f', file], { env: box.env });
    expect(run.stdout).toContain('✓ turso.acme: add bob as member: already present');
    expect(run.stdout).toContain('✓ planetscale.acme.data: add carol@acme.dev: already present');
    expect(run.stdout).toMatch(/^Apply complete: 2 added, 2 already present, 0 failed\.$/m);
    expect(run.code).toBe(0);
    // Seen converged when apply planned again: no request is sent for them at all.
    expect(writes().map((r) => JSON.stringify(r.body))).not.toContain('{"username":"bob","role":"member"}');
    expect(writes()).toHaveLength(2);
  });

  it('keeps going when one change fails, exits 1, and names the failure with the API message', async () => {
    const file = files.write(
      'ghost.yaml',
      FILE.replace('        carol: viewer\n', '        carol: viewer\n        ghost: member\n'),
    );
    const run = await runCli(['apply', '-f', file, '--auto-approve'], { env: box.env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Apply finished with errors: 4 added, 0 already present, 1 failed\.$/m);
    expect(run.stdout).toContain(
      'Not applied (1 failed, 0 skipped):\n  ✗ turso.acme: add ghost as member: failed (404): could not find user ghost (no Turso user',
    );
  });

  it('refuses at once without --auto-approve when stdin is not a terminal, making no request', async () => {
    const file = files.write('noapprove.yaml', FILE);
    const run = await runCli(['apply', '-f', file], { env: box.env, input: 'yes\n' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/stdin is not a terminal: pass --auto-approve/);
    expect(box.sandbox.requests).toEqual([]);
  });

  it('accepts global options after the subcommand, and they take effect', async () => {
    // One 503 for the first Turso add: the default --retry-attempts (5) would retry it and succeed.
    box.sandbox.setFaults({ failures: [{ provider: 'turso', method: 'POST', status: 503, times: 1 }] });
    const file = files.write('opts.yaml', FILE);
    const run = await runCli(
      ['apply', '--auto-approve', '--retry-attempts', '1', '--log-level', 'info', '--max-rps', '50', '-f', file],
      { env: box.env },
    );
    expect(run.stdout).toMatch(/^Apply finished with errors: 3 added, 0 already present, 1 failed\.$/m);
    expect(run.code).toBe(1);
    // --retry-attempts 1: the add that drew the 503 was sent once and never again.
    const tursoAdds = writes().filter((r) => r.provider === 'turso');
    expect(tursoAdds.map((r) => r.status)).toEqual([503, 200]);
    // --log-level info: the audit trail of each change is on stderr (the default level, warn, hides it).
    expect(run.stderr).toMatch(/"msg":"change finished"/);
  });
});

describe('problems and errors', () => {
  it('makes an unknown PlanetScale email a problem: the rest of the plan is shown, exit 1', async () => {
    const file = files.write(
      'stranger.yaml',
      FILE.replace(
        '            - carol@acme.dev\n',
        '            - carol@acme.dev\n            - stranger@elsewhere.dev\n',
      ),
    );
    const run = await runCli(['plan', '-f', file], { env: box.env });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '✗ planetscale.acme.data: stranger@elsewhere.dev is not a member of organization "acme"',
    );
    expect(run.stdout).toMatch(/^Plan: 4 to add, 0 to change, 0 to remove\. 1 problem\.$/m);
    expect(run.stdout).toMatch(/^Error: fix the problems above and plan again\.$/m);
  });

  it('names a missing token variable before making any request', async () => {
    const file = files.write('notoken.yaml', FILE);
    const run = await runCli(['plan', '-f', file], { env: { ...box.env, PLANETSCALE_SERVICE_TOKEN: undefined } });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^Error: PLANETSCALE_SERVICE_TOKEN is not set/);
    expect(box.sandbox.requests).toEqual([]);
  });

  it('needs only the tokens of providers the file declares', async () => {
    const file = files.write('turso-only.yaml', FILE.slice(0, FILE.indexOf('planetscale:')));
    const run = await runCli(['plan', '-f', file], {
      env: { ...box.env, PLANETSCALE_SERVICE_TOKEN_ID: undefined, PLANETSCALE_SERVICE_TOKEN: undefined },
    });
    expect(run.code).toBe(0);
    expect(box.sandbox.requests.every((r) => r.provider === 'turso')).toBe(true);
  });

  it('says an authentication failure is one, with the provider, status and variable to check', async () => {
    const file = files.write('badtoken.yaml', FILE);
    const run = await runCli(['plan', '-f', file], { env: { ...box.env, TURSO_API_TOKEN: 'not-the-token' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/turso: authentication failed \(401\).*Check TURSO_API_TOKEN/);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('makes zero requests for an invalid file and names file, line, column and path', async () => {
    const file = files.write('invalid.yaml', FILE.replace('carol: viewer', 'carol: owner'));
    const run = await runCli(['plan', '-f', file], { env: box.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}:8:16 turso.organizations.acme.members.carol`);
    expect(box.sandbox.requests).toEqual([]);
  });

  it('refuses a clear-text URL off loopback so the token is never sent unencrypted', async () => {
    const file = files.write('http.yaml', FILE);
    const run = await runCli(['plan', '-f', file], { env: { ...box.env, TURSO_API_URL: 'http://api.turso.example' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/TURSO_API_URL uses http:\/\/ for api\.turso\.example/);
  });

  it('never prints a token: not in output, trace logs, errors or plan files', async () => {
    const file = files.write('secrets.yaml', FILE);
    const planFile = `${files.dir}/secrets.plan.json`;
    const runs = [
      await runCli(['--log-level', 'trace', 'plan', '-f', file, '--out', planFile], { env: box.env }),
      await runCli(['apply', planFile, '-f', file, '--log-level', 'trace', '--format', 'json'], { env: box.env }),
      await runCli(['plan', '-f', file, '--log-level', 'trace'], {
        env: { ...box.env, PLANETSCALE_SERVICE_TOKEN: `${SECRETS[1]}-wrong` },
      }),
    ];
    expect(runs[0]?.stderr).toContain('"level":'); // the trace logs really were produced
    expect(runs[1]?.stderr).toMatch(/"member":"bob".*"outcome":"applied".*"msg":"change finished"/); // the audit trail too
    const everything = runs.map((r) => r.stdout + r.stderr).join('\n') + readFileSync(planFile, 'utf8');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });
});
