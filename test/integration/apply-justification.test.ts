/**
 * Every write justified at the moment it is made: a saved plan is applied only as far as the
 * desired-state file, today's state and the safety rules still call for it; a hand-edited plan can
 * make nothing happen that they do not. Through the built CLI, against the sandbox.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { runCli } from '../support/run-cli.js';
import { baseSeed, startTestSandbox, type SandboxEnv } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';

/** Sandbox: Turso acme = olga (owner, the token's user), alice (admin); PlanetScale acme/backend = alice. */
const FILE = `version: 1
turso:
  organizations:
    acme:
      members:
        alice: admin
        bob: member
      invites:
        new.hire@acme.dev: member
planetscale:
  organizations:
    acme:
      teams:
        backend:
          members:
            - alice@acme.dev
`;

const files = tempDir();
afterAll(() => files.remove());
let box: SandboxEnv;
beforeEach(async () => (box = await startTestSandbox()));
afterEach(async () => box.sandbox.close());
const writes = () =>
  box.sandbox.requests
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.provider} ${r.method} ${decodeURIComponent(r.path)}`);

async function savePlan(name: string, content = FILE): Promise<{ file: string; planFile: string }> {
  const file = files.write(`${name}.yaml`, content);
  const planFile = `${files.dir}/${name}.plan.json`;
  const run = await runCli(['plan', '-f', file, '--out', planFile], { env: box.env });
  expect(run.code).toBe(0);
  box.sandbox.clearRequests();
  return { file, planFile };
}

function editPlan(planFile: string, edit: (changes: Record<string, unknown>[]) => Record<string, unknown>[]): void {
  const saved = JSON.parse(readFileSync(planFile, 'utf8')) as { changes: Record<string, unknown>[] };
  writeFileSync(planFile, JSON.stringify({ ...saved, changes: edit(saved.changes) }, null, 2));
}

describe('a saved plan edited by hand', () => {
  it('can make nothing happen that the file and today’s state do not justify: zero writes and each change named with why', async () => {
    box.sandbox.addTursoMember('acme', 'otto', 'owner');
    box.sandbox.addTursoMember('acme', 'mallory', 'member');
    const { file, planFile } = await savePlan('edited');
    editPlan(planFile, (changes) => [
      // bob's add turned into an admin grant, then removals the file never asked for.
      ...changes.map((change) => (change['member'] === 'bob' ? { ...change, role: 'admin' } : change)),
      { provider: 'turso', action: 'remove', organization: 'acme', member: 'olga', previous_role: 'owner' },
      { provider: 'turso', action: 'remove', organization: 'acme', member: 'otto', previous_role: 'owner' },
      { provider: 'turso', action: 'remove', organization: 'acme', member: 'mallory', previous_role: 'member' },
      { provider: 'turso', action: 'remove', organization: 'other', member: 'alice', previous_role: 'admin' },
    ]);

    const run = await runCli(['apply', planFile, '-f', file], { env: box.env });

    expect(run.code).toBe(1);
    expect(writes()).toEqual([]);
    const lines = run.stderr.split('\n');
    expect(lines[0]).toBe(
      `Error: the plan in ${planFile} cannot be applied: ${file} and today's membership do not justify all of it. Nothing was applied.`,
    );
    expect(lines).toContain(
      '  + turso.acme: add bob as admin  (a plan made now would instead: turso.acme: add bob as member)',
    );
    expect(lines).toContain('  - turso.acme: remove olga  (olga is an owner; owners are never removed)');
    expect(lines).toContain('  - turso.acme: remove otto  (otto is an owner; owners are never removed)');
    expect(lines).toContain(
      '  - turso.acme: remove mallory  (turso.acme is not pruned (prune: true): undeclared members are left alone)',
    );
    expect(lines).toContain('  - turso.other: remove alice  (the file does not declare turso.other)');
    expect(lines.at(-2)).toBe(`Plan again and review the result: membership plan -f ${file} --out ${planFile}`);
  });

  it('cannot remove the token’s own user, even one that is no owner', async () => {
    await box.sandbox.close();
    const seed = baseSeed();
    box = await startTestSandbox({
      ...seed,
      turso: { ...seed.turso!, organizations: { acme: { members: { root: 'owner', olga: 'admin', alice: 'admin' } } } },
    });
    const { file, planFile } = await savePlan('own-user');
    editPlan(planFile, (changes) => [
      ...changes,
      { provider: 'turso', action: 'remove', organization: 'acme', member: 'Olga', previous_role: 'admin' },
    ]);

    const run = await runCli(['apply', planFile, '-f', file], { env: box.env });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("  - turso.acme: remove Olga  (Olga is the token's own user; never removed)");
    expect(writes()).toEqual([]);
  });

  it('holding only changes outside the file, is refused without a single request', async () => {
    const { file, planFile } = await savePlan('outside');
    editPlan(planFile, () => [
      {
        provider: 'planetscale',
        action: 'remove',
        organization: 'elsewhere',
        team: 't',
        member: 'x@acme.dev',
        user_id: 'u1',
        membership_id: 'm1',
      },
    ]);

    const run = await runCli(['apply', planFile, '-f', file], { env: box.env });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      '  - planetscale.elsewhere.t: remove x@acme.dev  (the file does not declare planetscale.elsewhere)',
    );
    expect(box.sandbox.requests).toEqual([]);
  });
});

describe('a saved plan against a world that moved', () => {
  it('refuses a role change for someone made an owner since the review, with zero writes', async () => {
    box.sandbox.addTursoMember('acme', 'bob', 'viewer');
    const { file, planFile } = await savePlan('owner-since');
    box.sandbox.addTursoMember('acme', 'bob', 'owner');

    const run = await runCli(['apply', planFile, '-f', file], { env: box.env });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      '  ~ turso.acme: change bob from viewer to member  (bob is an owner; owners are never changed (the file says member))',
    );
    expect(writes()).toEqual([]);
  });

  it('applied twice, the second time sends nothing: no invite again, no role change reported as made', async () => {
    box.sandbox.addTursoMember('acme', 'bob', 'viewer');
    const { file, planFile } = await savePlan('twice');
    const first = await runCli(['apply', planFile, '-f', file], { env: box.env });
    expect(first.code).toBe(0);
    expect(writes()).toEqual([
      'turso PATCH /v1/organizations/acme/members/bob',
      'turso POST /v2/organizations/acme/invites',
    ]);
    box.sandbox.clearRequests();

    const second = await runCli(['apply', planFile, '-f', file], { env: box.env });

    expect(second.code).toBe(0);
    expect(writes()).toEqual([]);
    expect(second.stdout).toContain('✓ turso.acme: change bob from viewer to member: already so');
    expect(second.stdout).toContain('✓ turso.acme: invite new.hire@acme.dev as member: already invited');
    expect(second.stdout).toMatch(/^Apply complete: 0 added, 2 already present, 0 failed\.$/m);
  });
});

describe('PlanetScale: a member the team declares', () => {
  it('is never removed when the organization member list comes back without them', async () => {
    const file = files.write(
      'shifted.yaml',
      `version: 1
planetscale:
  organizations:
    acme:
      members:
        olga@acme.dev: admin
        alice@acme.dev: member
      teams:
        backend:
          prune: true
          members: [alice@acme.dev]
`,
    );
    // Offset pagination that shifted under a concurrent change: the organization's list reads empty.
    box.sandbox.setFaults({
      failures: [
        {
          provider: 'planetscale',
          method: 'GET',
          path: '/acme/members?',
          status: 200,
          times: 1,
          body: { data: [], next_page: null },
        },
      ],
    });

    const run = await runCli(['apply', '-f', file, '--auto-approve'], { env: box.env });

    expect(writes().filter((write) => write.includes('DELETE'))).toEqual([]);
    expect(box.sandbox.snapshot().planetscale?.organizations['acme']?.teams['backend']?.members).toEqual([
      'alice@acme.dev',
    ]);
    expect(run.stdout).toContain('alice@acme.dev joins the team once they accept the organization invitation');
  });
});

describe('Turso usernames', () => {
  it('match whatever their case: Alice declared and alice present in a pruned organization is no change at all', async () => {
    const file = files.write(
      'case.yaml',
      'version: 1\nturso:\n  organizations:\n    acme:\n      prune: true\n      members:\n        Alice: admin\n',
    );

    const plan = await runCli(['plan', '-f', file, '--detailed-exitcode'], { env: box.env });
    const apply = await runCli(['apply', '-f', file, '--auto-approve'], { env: box.env });

    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
    expect(apply.code).toBe(0);
    expect(writes()).toEqual([]);
    expect(box.sandbox.snapshot().turso?.organizations['acme']?.members).toEqual({ olga: 'owner', alice: 'admin' });
  });
});

describe('Turso invites with prune: true', () => {
  it('are cancelled when the file does not declare them, even with no invites: key', async () => {
    box.sandbox.addTursoInvite('acme', 'leaver@acme.dev', 'member');
    const file = files.write(
      'prune-invites.yaml',
      'version: 1\nturso:\n  organizations:\n    acme:\n      prune: true\n      members:\n        alice: admin\n',
    );

    const run = await runCli(['apply', '-f', file, '--auto-approve'], { env: box.env });

    expect(run.code).toBe(0);
    expect(writes()).toEqual(['turso DELETE /v2/organizations/acme/invites/leaver@acme.dev']);
  });

  it('on a plan that cannot list invites, plan goes on and says pending invites are not checked', async () => {
    await box.sandbox.close();
    const seed = baseSeed();
    box = await startTestSandbox({
      ...seed,
      turso: {
        ...seed.turso!,
        organizations: { acme: { plan_id: 'developer', members: { olga: 'owner', alice: 'admin' } } },
      },
    });
    const file = files.write(
      'no-invites.yaml',
      'version: 1\nturso:\n  organizations:\n    acme:\n      prune: true\n      members:\n        alice: admin\n        bob: member\n',
    );

    const run = await runCli(['plan', '-f', file], { env: box.env });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('+ bob (member)');
    expect(run.stdout).toContain(
      "turso.acme: invites cannot be listed on this organization's plan (invites are limited to scaler plan and above); pending invites are not checked",
    );
    expect(run.stderr).toBe('');
  });
});
