/**
 * `prune: true` on a PlanetScale organization through the built CLI against the sandbox: undeclared
 * organization members are removed (by user id), undeclared pending invitations cancelled (by the
 * id apply lists again), the token's user is kept, and a second plan finds nothing to do.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { runCli } from '../support/run-cli.js';
import { baseSeed, startTestSandbox, type SandboxEnv } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';
import type { SandboxSeed } from '../../src/sandbox/sandbox-seed.js';

const FILE = `version: 1
planetscale:
  organizations:
    acme:
      prune: true
      members:
        alice@acme.dev: member
        bob@acme.dev: member
      teams:
        backend:
          members:
            - alice@acme.dev
`;

function seed(): SandboxSeed {
  const base = baseSeed();
  const planetscale = base.planetscale!;
  const acme = planetscale.organizations!['acme']!;
  return {
    ...base,
    planetscale: {
      ...planetscale,
      organizations: {
        acme: {
          ...acme,
          // zoe created a database password and a service token: a prune removal leaves them working.
          members: acme.members!.map((member) =>
            member.email === 'zoe@acme.dev' ? { ...member, passwords: ['zoe-db'], service_tokens: ['zoe-ci'] } : member,
          ),
          invitations: [{ id: 'inv-1', email: 'pending@acme.dev', created_at: '2026-01-01T00:00:00Z' }],
        },
      },
    },
  };
}

const files = tempDir();
afterAll(() => files.remove());

let box: SandboxEnv;
beforeEach(async () => (box = await startTestSandbox(seed())));
afterEach(async () => box.sandbox.close());

const deletes = () =>
  box.sandbox.requests.filter((r) => r.method === 'DELETE').map((r) => `${r.provider} ${r.method} ${r.path}`);

describe('prune: true on a PlanetScale organization', () => {
  it('plans the removals and the cancellation, keeps the token user, and writes nothing', async () => {
    const file = files.write('plan.yaml', FILE);
    const run = await runCli(['plan', '-f', file], { env: box.env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('carol@acme.dev');
    expect(run.stdout).toContain('zoe@acme.dev');
    expect(run.stdout).toContain('cancel the invite of pending@acme.dev');
    expect(run.stdout).toContain("olga@acme.dev is the token's own user; never removed");
    expect(run.stdout).toContain('0 to add, 0 to change, 3 to remove');
    expect(deletes()).toEqual([]);
  });

  it('applies a saved plan: removes the members by user id, cancels the invitation, and a second plan is empty', async () => {
    const file = files.write('apply.yaml', FILE);
    const planFile = `${files.dir}/prune.plan.json`;
    expect((await runCli(['plan', '-f', file, '--out', planFile], { env: box.env })).code).toBe(0);
    const before = box.sandbox.snapshot().planetscale?.organizations['acme']?.members ?? [];
    const idOf = Object.fromEntries(before.map((member) => [member.email, member.id]));
    const run = await runCli(['apply', planFile, '-f', file], { env: box.env });
    expect(run.stdout).toContain('✓ planetscale.acme: remove carol@acme.dev: removed');
    expect(run.stdout).toContain('✓ planetscale.acme: remove zoe@acme.dev: removed');
    expect(run.stdout).toContain('✓ planetscale.acme: cancel the invite of pending@acme.dev: cancelled');
    expect(run.code).toBe(0);

    const acme = box.sandbox.snapshot().planetscale?.organizations['acme'];
    expect(acme?.members.map((member) => member.email).toSorted()).toEqual([
      'alice@acme.dev',
      'bob@acme.dev',
      'olga@acme.dev',
    ]);
    expect(acme?.invitations).toEqual([]);
    expect(deletes().toSorted()).toEqual(
      [
        'planetscale DELETE /v1/organizations/acme/invitations/inv-1',
        `planetscale DELETE /v1/organizations/acme/members/${idOf['carol@acme.dev']}`,
        `planetscale DELETE /v1/organizations/acme/members/${idOf['zoe@acme.dev']}`,
      ].toSorted(),
    );
    // No query flags: passwords and service tokens the person created are left alone.
    expect(box.sandbox.requests.filter((r) => r.method === 'DELETE' && Object.keys(r.query).length > 0)).toEqual([]);
    expect(acme?.orphaned_credentials).toEqual([
      { id: idOf['zoe@acme.dev'], email: 'zoe@acme.dev', passwords: ['zoe-db'], service_tokens: ['zoe-ci'] },
    ]);

    const again = await runCli(['plan', '-f', file, '--detailed-exitcode'], { env: box.env });
    expect(again.stdout).toContain('No changes.');
    expect(again.code).toBe(0);
  });

  it('without prune, the same members and invitation are drift', async () => {
    const file = files.write('drift.yaml', FILE.replace('      prune: true\n', ''));
    const run = await runCli(['plan', '-f', file, '--detailed-exitcode'], { env: box.env });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('organization member carol@acme.dev (member) is not declared');
    expect(run.stdout).toContain('pending invite for pending@acme.dev (member) is not declared');
    expect(run.stdout).toContain('0 to add, 0 to change, 0 to remove');
  });
});
