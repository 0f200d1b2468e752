/**
 * The person form through the built CLI against the sandbox: groups granting both providers, the
 * highest grant and its reasons, a person found on Turso by email, departed people removed
 * everywhere with the guards and the cap, grants that end (on the day, the day before, --as-of),
 * and the expiring note.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { parsePlanJson } from '../support/cli-json.js';
import { runCli } from '../support/run-cli.js';
import { baseSeed, SECRETS, startTestSandbox, type SandboxEnv } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';
import type { SandboxSeed } from '../../src/sandbox/sandbox-seed.js';

/**
 * Turso: zoe is the member `zoe-gh` of `acme` and has a pending invite to `ops` by her email.
 * PlanetScale: zoe is a member of `acme` on two teams, with a password and a service token, and
 * has a pending invitation to `labs`.
 */
function seed(): SandboxSeed {
  const base = baseSeed();
  const turso = base.turso!;
  const planetscale = base.planetscale!;
  const acme = planetscale.organizations!['acme']!;
  return {
    turso: {
      ...turso,
      users: [
        ...turso.users!,
        { username: 'zoe-gh', email: 'zoe@acme.dev' },
        { username: 'dana', email: 'dana@acme.dev' },
      ],
      organizations: {
        acme: { members: { olga: 'owner', alice: 'admin', 'zoe-gh': 'member', carol: 'admin' } },
        ops: {
          members: { olga: 'owner', alice: 'admin', bob: 'member' },
          invites: [{ email: 'zoe@acme.dev', role: 'member', created_at: '2026-11-20T00:00:00Z' }],
        },
      },
    },
    planetscale: {
      ...planetscale,
      organizations: {
        acme: {
          ...acme,
          members: acme.members!.map((member) =>
            member.email === 'zoe@acme.dev' ? { ...member, passwords: ['zoe-db'], service_tokens: ['zoe-ci'] } : member,
          ),
          teams: {
            backend: { name: 'Backend', members: ['alice@acme.dev', 'zoe@acme.dev'] },
            data: { name: 'Data', members: ['zoe@acme.dev'] },
          },
        },
        labs: {
          members: [{ email: 'olga@acme.dev', role: 'admin' }],
          invitations: [{ id: 'inv-zoe', email: 'zoe@acme.dev', role: 'member', created_at: '2026-11-20T00:00:00Z' }],
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

const writes = () => box.sandbox.requests.filter((r) => r.method !== 'GET');

async function planJson(yaml: string, args: string[] = []) {
  const file = files.write(`p-${Math.random().toString(36).slice(2)}.yaml`, yaml);
  const run = await runCli(['plan', '-f', file, '--format', 'json', ...args], { env: box.env });
  expect(run.stderr).toBe('');
  return { run, plan: parsePlanJson(run.stdout), file };
}

const PEOPLE = `version: 1
people:
  alice: {email: alice@acme.dev}
  bob: {email: bob@acme.dev, turso: bob}
  carol: {email: carol@acme.dev}
  zoe: {email: zoe@acme.dev}
`;

describe('groups', () => {
  it('grant both providers; apply makes the grants and a second plan has nothing to do', async () => {
    const yaml = `${PEOPLE}groups:
  data-eng:
    members: [bob, carol]
    turso: {ops: member}
    planetscale:
      acme: {teams: [data]}
`;
    const file = files.write('groups.yaml', yaml);
    const plan = await runCli(['plan', '-f', file], { env: box.env });
    expect(plan.code).toBe(0);
    // carol has no account in ops that Turso reports: invited by email. bob is already a member there.
    expect(plan.stdout).toContain('turso.ops\n  + invite carol@acme.dev (member) via data-eng');
    expect(plan.stdout).toContain(
      'planetscale.acme.data\n  + bob@acme.dev via data-eng\n  + carol@acme.dev via data-eng',
    );
    expect(writes()).toEqual([]);

    const apply = await runCli(['apply', '-f', file, '--auto-approve'], { env: box.env });
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Apply complete');
    const state = box.sandbox.snapshot();
    expect(state.turso?.organizations['ops']?.invites.map((invite) => invite.email)).toContain('carol@acme.dev');
    expect(state.planetscale?.organizations['acme']?.teams['data']?.members).toEqual(
      expect.arrayContaining(['bob@acme.dev', 'carol@acme.dev']),
    );
    const again = await runCli(['plan', '-f', file, '--detailed-exitcode'], { env: box.env });
    expect(again.stdout).toContain('Plan: 0 to add, 0 to change, 0 to remove.');
  });

  it('the highest grant wins, and the JSON change lists every source of it', async () => {
    const { plan } = await planJson(`${PEOPLE}groups:
  readers:
    members: [bob]
    turso: {ops: viewer}
  admins:
    members: [bob]
    turso: {ops: admin}
  ops-admins:
    members: [bob]
    turso: {ops: admin}
turso:
  organizations:
    ops:
      members: {bob: member, alice: admin}
`);
    expect(plan.changes).toEqual([
      {
        scope: 'turso.ops',
        provider: 'turso',
        action: 'change_role',
        organization: 'ops',
        member: 'bob',
        role: 'admin',
        previous_role: 'member',
        because: ['group:admins', 'group:ops-admins'],
      },
    ]);
  });

  it('finds a person on Turso by the email Turso reports, whatever the username', async () => {
    const { plan } = await planJson(`${PEOPLE}groups:
  leads:
    members: [zoe]
    turso: {acme: admin}
`);
    expect(plan.changes.map((c) => [c.action, c.member, c.because])).toEqual([
      ['change_role', 'zoe-gh', ['group:leads']],
    ]);
  });
});

describe('departed: true', () => {
  const DEPARTED = `version: 1
people:
  alice: {email: alice@acme.dev}
  zoe: {email: zoe@acme.dev, departed: true, revoke_credentials: true}
groups:
  leads:
    members: [alice]
    turso: {acme: admin, ops: admin}
    planetscale:
      acme: {role: member, teams: [backend]}
turso:
  organizations:
    ops: {prune: true, members: {bob: member}}
planetscale:
  organizations:
    labs: {members: {olga@acme.dev: admin}}
`;

  it('removes them from a pruned and a non-pruned Turso organization, the PlanetScale organization and its teams, and cancels pending invites on both', async () => {
    const { plan, file } = await planJson(DEPARTED);
    expect(plan.problems).toEqual([]);
    // Organizations in the file's order: the provider sections', then those only groups name.
    expect(plan.changes.map((c) => [c.scope, c.action, c.member, c.because])).toEqual([
      ['turso.ops', 'cancel_invite', 'zoe@acme.dev', ['departed']],
      ['turso.acme', 'remove', 'zoe-gh', ['departed']],
      ['planetscale.labs', 'cancel_invite', 'zoe@acme.dev', ['departed']],
      // One organization removal: it takes zoe off backend and data too.
      ['planetscale.acme', 'remove', 'zoe@acme.dev', ['departed']],
    ]);
    expect(plan.changes[3]).toMatchObject({ revoke_credentials: true });

    const apply = await runCli(['apply', '-f', file, '--auto-approve'], { env: box.env });
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('remove zoe@acme.dev, deleting their passwords and service tokens: removed');
    const state = box.sandbox.snapshot();
    expect(Object.keys(state.turso?.organizations['acme']?.members ?? {})).not.toContain('zoe-gh');
    expect(state.turso?.organizations['ops']?.invites ?? []).toEqual([]);
    const acme = state.planetscale?.organizations['acme'];
    expect(acme?.members.map((member) => member.email)).not.toContain('zoe@acme.dev');
    expect(acme?.teams['backend']?.members).toEqual(['alice@acme.dev']);
    expect(acme?.teams['data']?.members).toEqual([]);
    expect(acme?.orphaned_credentials ?? []).toEqual([]);
    expect(state.planetscale?.organizations['labs']?.invitations ?? []).toEqual([]);
    for (const secret of SECRETS) expect(apply.stdout + apply.stderr).not.toContain(secret);
  });

  it('never removes a Turso owner or the token user, and counts against --max-removals', async () => {
    const guarded = `version: 1
people:
  olga: {email: olga@acme.dev, departed: true}
groups: {}
turso:
  organizations:
    acme: {members: {alice: admin}}
planetscale:
  organizations:
    acme: {teams: {backend: {members: [alice@acme.dev]}}}
`;
    const { plan } = await planJson(guarded);
    expect(plan.changes).toEqual([]);
    expect(plan.notices.map((n) => [n.scope, n.kind])).toEqual([
      ['turso.acme', 'owner_kept'],
      ['planetscale.acme', 'token_user_kept'],
    ]);

    const capped = await planJson(DEPARTED, ['--max-removals', '3']);
    expect(capped.run.code).toBe(1);
    expect(capped.plan.problems.map((p) => p.kind)).toEqual(['removal_cap']);
    const apply = await runCli(['apply', '-f', capped.file, '--auto-approve', '--max-removals', '3'], {
      env: box.env,
    });
    expect(apply.code).toBe(1);
    expect(writes()).toEqual([]);
  });
});

describe('until: and expires:', () => {
  const UNTIL = (date: string) => `version: 1
people:
  bob: {email: bob@acme.dev, turso: bob}
  carol: {email: carol@acme.dev}
groups:
  ops-admins:
    members: [{person: bob, until: ${date}}, {person: carol, until: ${date}}]
    turso: {ops: admin}
  ops:
    members: [bob]
    turso: {ops: member}
turso:
  organizations:
    ops: {members: {alice: admin}}
`;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  it('holds through the day before with an expiring note, and --as-of the day revokes it', async () => {
    const before = await planJson(UNTIL('2027-01-15'), ['--as-of', '2027-01-14']);
    // bob (member now) is raised to admin until the 15th; carol, with no account in ops, is invited.
    expect(before.plan.changes.map((c) => [c.action, c.member, 'role' in c ? c.role : ''])).toEqual([
      ['change_role', 'bob', 'admin'],
      ['invite', 'carol@acme.dev', 'admin'],
    ]);
    expect(before.plan.notices.filter((n) => n.kind === 'expiring').map((n) => n.message)).toEqual([
      'bob: admin on turso.ops through ops-admins ends on 2027-01-15, in 1 day; then member through ops',
      'carol: admin on turso.ops through ops-admins ends on 2027-01-15, in 1 day; then it is removed unless the provider sections grant it',
    ]);
    const quiet = await planJson(UNTIL('2027-01-15'), ['--as-of', '2027-01-14', '--expiry-warning-days', '0']);
    expect(quiet.plan.notices.filter((n) => n.kind === 'expiring')).toEqual([]);

    const on = await planJson(UNTIL('2027-01-15'), ['--as-of', '2027-01-15']);
    expect(on.plan.changes).toEqual([]);
    expect(on.plan.notices.filter((n) => n.kind === 'expiring')).toEqual([]);
  });

  it('on the day, apply lowers the role to the next grant and removes access nothing else grants', async () => {
    const raised = files.write('raise.yaml', UNTIL(day(30)));
    expect((await runCli(['apply', '-f', raised, '--auto-approve'], { env: box.env })).code).toBe(0);
    expect(box.sandbox.snapshot().turso?.organizations['ops']?.members['bob']).toBe('admin');

    const ended = files.write('ended.yaml', UNTIL(day(0)));
    const plan = await runCli(['plan', '-f', ended, '--format', 'json'], { env: box.env });
    expect(parsePlanJson(plan.stdout).changes.map((c) => [c.action, c.member, c.because])).toEqual([
      ['change_role', 'bob', ['expired', 'group:ops']],
      ['cancel_invite', 'carol@acme.dev', ['expired']],
    ]);
    const apply = await runCli(['apply', '-f', ended, '--auto-approve'], { env: box.env });
    expect(apply.code).toBe(0);
    const ops = box.sandbox.snapshot().turso?.organizations['ops'];
    expect(ops?.members['bob']).toBe('member');
    expect(ops?.invites.map((invite) => invite.email)).not.toContain('carol@acme.dev');
  });

  it('--as-of is a preview: it cannot be saved with --out, and a bad date names the format', async () => {
    const file = files.write('as-of.yaml', UNTIL('2027-01-15'));
    const saved = await runCli(['plan', '-f', file, '--as-of', '2027-01-15', '--out', `${files.dir}/x.json`], {
      env: box.env,
    });
    expect(saved.code).toBe(1);
    expect(saved.stderr).toContain('--as-of previews another day and cannot be saved with --out');
    const bad = await runCli(['plan', '-f', file, '--as-of', '2027-02-30'], { env: box.env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--as-of must be a date written YYYY-MM-DD (UTC), e.g. 2026-12-31');
    expect(box.sandbox.requests).toEqual([]);
  });
});
