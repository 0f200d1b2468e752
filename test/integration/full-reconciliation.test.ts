/**
 * Role changes, removals and invitations through the CLI against the sandbox, and the safety
 * rules that keep a typo or a bad merge from taking access away.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { parsePlanJson, readPlanFileJson } from '../support/cli-json.js';
import { runCli } from '../support/run-cli.js';
import { startTestSandbox, type SandboxEnv } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';

const files = tempDir();
afterAll(() => files.remove());
let box: SandboxEnv;
beforeEach(async () => (box = await startTestSandbox()));
afterEach(async () => box.sandbox.close());
const writes = () =>
  box.sandbox.requests
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.provider} ${r.method} ${decodeURIComponent(r.path)} ${r.status}`);

/** Sandbox today: Turso acme = olga (owner, the token's user), alice (admin); PlanetScale backend = alice. */
const RECONCILE = `version: 1
turso:
  organizations:
    acme:
      prune: true
      members:
        alice: member          # demoted
        bob: viewer            # joins
      invites:
        new.hire@acme.dev: member
planetscale:
  organizations:
    acme:
      members:
        olga@acme.dev: admin
        alice@acme.dev: admin  # promoted
        bob@acme.dev: member
        carol@acme.dev: member
        zoe@acme.dev: member
        fresh@acme.dev: member # invited
      teams:
        backend:
          prune: true
          members: [bob@acme.dev]
`;

async function planJson(file: string, extra: string[] = []) {
  const run = await runCli(['plan', '-f', file, '--format', 'json', ...extra], { env: box.env });
  return { run, plan: run.stdout ? parsePlanJson(run.stdout) : undefined };
}

describe('full reconciliation', () => {
  it('promotes, demotes, invites and off-boards, removals last, then converges', async () => {
    box.sandbox.addTursoMember('acme', 'mallory', 'member');
    const file = files.write('reconcile.yaml', RECONCILE);
    const text = await runCli(['plan', '-f', file], { env: box.env });
    expect(text.stdout).toContain('  ~ alice (admin -> member)');
    expect(text.stdout).toContain('  - mallory (member)');
    expect(text.stdout).toContain('  + invite new.hire@acme.dev (member)');
    expect(text.stdout).toMatch(/^Plan: 4 to add, 2 to change, 2 to remove\.( \d+ drift items?\.)?$/m);
    expect(text.stdout).not.toMatch(/olga/); // owner and token user: never touched, never drift

    const apply = await runCli(['apply', '-f', file, '--auto-approve'], { env: box.env });
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/^Apply complete: 4 added, 2 changed, 2 removed, 0 already present, 0 failed\.$/m);
    // Grants (adds, invites, the PlanetScale promotion) first; then the Turso demotion and the removals.
    const order = writes();
    const lastGrant = Math.max(...order.map((w, i) => (/POST|planetscale PATCH/.test(w) ? i : -1)));
    const firstRevoke = order.findIndex((w) => /DELETE|turso PATCH/.test(w));
    expect(firstRevoke).toBeGreaterThan(lastGrant);
    expect(order).toContain('turso PATCH /v1/organizations/acme/members/alice 200');
    expect(order).toContain('turso POST /v2/organizations/acme/invites 200');
    expect(order).toContain('planetscale POST /v1/organizations/acme/invitations 200');

    const again = await planJson(file);
    expect(again.plan?.changes).toEqual([]);
    expect(again.plan?.drift).toEqual([]);
  });

  it('without prune, leaves undeclared members alone as drift', async () => {
    box.sandbox.addTursoMember('acme', 'mallory', 'member');
    const file = files.write(
      'noprune.yaml',
      RECONCILE.replace('      prune: true\n      members:\n        alice', '      members:\n        alice'),
    );
    const { plan } = await planJson(file);
    expect(plan?.changes.filter((c) => c.action === 'remove' && c.member === 'mallory')).toEqual([]);
    expect(plan?.drift).toContainEqual({
      scope: 'turso.acme',
      provider: 'turso',
      kind: 'undeclared_member',
      organization: 'acme',
      member: 'mallory',
      role: 'member',
    });
  });

  it('refuses more removals than --max-removals at plan time, with zero writes; a plan saved with a higher cap carries it to apply', async () => {
    for (const name of ['m1', 'm2', 'm3', 'm4', 'm5']) box.sandbox.addTursoMember('acme', name, 'member');
    const file = files.write('cap.yaml', RECONCILE);
    const planText = await runCli(['plan', '-f', file, '--max-removals', '2'], { env: box.env });
    expect(planText.code).toBe(1);
    expect(planText.stdout).toContain(
      'refusing 6 removals, more than --max-removals 2 allows; if that is intended, plan again with --max-removals 6',
    );

    box.sandbox.clearRequests();
    const refused = await runCli(['apply', '-f', file, '--auto-approve', '--max-removals', '2'], { env: box.env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Error: nothing applied: the plan has 1 problem; fix it and plan again');
    expect(writes()).toEqual([]);

    const planFile = `${files.dir}/cap.plan.json`;
    const unsaved = await runCli(['plan', '-f', file, '--out', planFile], { env: box.env }); // the default cap is 5
    expect(unsaved.code).toBe(1);
    expect(existsSync(planFile)).toBe(false);
    expect((await runCli(['plan', '-f', file, '--out', planFile, '--max-removals', '6'], { env: box.env })).code).toBe(
      0,
    );
    expect(readPlanFileJson(planFile).max_removals).toBe(6);
    // The reviewed cap holds at apply; a smaller explicit one cannot undo the review.
    const allowed = await runCli(['apply', planFile, '-f', file, '--max-removals', '2'], { env: box.env });
    expect(allowed.code).toBe(0);
    expect(writes().filter((w) => w.includes('DELETE'))).toHaveLength(6);
  });

  it('refuses to prune a scope whose declared list is empty unless --allow-empty', async () => {
    const file = files.write(
      'empty.yaml',
      `version: 1
planetscale:
  organizations:
    acme:
      teams:
        backend:
          prune: true
          members: []
`,
    );
    const refused = await runCli(['apply', '-f', file, '--auto-approve'], { env: box.env });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('refusing to remove the only member of team "backend"');
    expect(writes()).toEqual([]);
    const allowed = await runCli(['apply', '-f', file, '--auto-approve', '--allow-empty'], { env: box.env });
    expect(allowed.stdout).toMatch(/^Apply complete: 0 added, 1 removed, 0 already present, 0 failed\.$/m);
  });

  it('never touches a team managed by directory sync, and says why', async () => {
    await box.sandbox.close();
    const { baseSeed } = await import('../support/sandbox-fixture.js');
    const seed = baseSeed();
    const org = seed.planetscale!.organizations!.acme!;
    box = await startTestSandbox({
      ...seed,
      planetscale: {
        ...seed.planetscale!,
        organizations: {
          acme: { ...org, teams: { ...org.teams, backend: { ...org.teams!.backend!, managed: true } } },
        },
      },
    });
    const file = files.write('managed.yaml', RECONCILE);
    const { plan } = await planJson(file);
    expect(plan?.changes.filter((c) => 'team' in c && c.team === 'backend')).toEqual([]);
    expect(plan?.notices).toContainEqual(
      expect.objectContaining({ team: 'backend', message: expect.stringContaining('managed by directory sync') }),
    );
  });

  it('hints at an invite when a Turso username does not exist', async () => {
    const file = files.write(
      'ghost.yaml',
      'version: 1\nturso:\n  organizations:\n    acme:\n      members:\n        alice: admin\n        ghost: member\n',
    );
    const run = await runCli(['apply', '-f', file, '--auto-approve'], { env: box.env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/add ghost as member: failed \(404\): could not find user ghost.*invite/);
  });
});
