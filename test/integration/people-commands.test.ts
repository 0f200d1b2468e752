/**
 * `who`, `report` and `export --people`: the built CLI against the sandbox, with a person-form
 * file and a state that has drift (an undeclared member, a role that differs, a grant about to
 * end, a departed person still present, a team membership missing). Read-only: no write reaches
 * the sandbox. The export round trip: export --people, then plan the file back: no changes.
 */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { SandboxSeed } from '../../src/sandbox/index.js';
import { expectMatchesSchema } from '../support/json-schemas.js';
import { runCli } from '../support/run-cli.js';
import { baseSeed, SECRETS, startTestSandbox, type SandboxEnv } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';

const files = tempDir();
afterAll(() => files.remove());
let box: SandboxEnv | undefined;
afterEach(async () => box?.sandbox.close());

const AS_OF = ['--as-of', '2026-12-01'];

/** Turso acme-data and PlanetScale acme; Turso members get their emails from the seed's users. */
function peopleSeed(): SandboxSeed {
  const base = baseSeed();
  return {
    turso: {
      ...base.turso!,
      organizations: {
        'acme-data': {
          members: { olga: 'owner', alice: 'admin', bob: 'member', carol: 'member', mallory: 'member' },
          invites: [{ email: 'new@ext.dev', role: 'member' }],
        },
      },
    },
    planetscale: {
      ...base.planetscale!,
      organizations: {
        acme: {
          members: [
            { email: 'olga@acme.dev', role: 'admin' },
            { email: 'alice@acme.dev', role: 'admin' },
            { email: 'bob@acme.dev' },
            { email: 'carol@acme.dev' },
            { email: 'zoe@acme.dev' },
          ],
          invitations: [{ email: 'late@acme.dev', role: 'member' }],
          teams: { backend: { members: ['alice@acme.dev'] }, data: { members: ['carol@acme.dev'] } },
        },
      },
    },
  };
}

/**
 * Against peopleSeed, as of 2026-12-01: mallory (Turso) and olga (PlanetScale admin) are not in
 * the file; alice is a PlanetScale admin, the file says member; bob is not on backend; carol's
 * grant ends on 2026-12-10 (expiring); dana has no account anywhere; zoe left but is still in
 * PlanetScale.
 */
const PEOPLE = `version: 1
people:
  alice: {email: alice@acme.dev}
  bob: {email: bob@acme.dev}
  carol: {email: carol@acme.dev}
  dana: {email: dana@acme.dev}
  zoe: {email: zoe@acme.dev, departed: true}
groups:
  data-eng:
    members: [alice, bob, {person: carol, until: 2026-12-10}, dana]
    turso: {acme-data: member}
    planetscale:
      acme: {role: member, teams: [backend]}
  db-admins:
    members: [alice]
    turso: {acme-data: admin}
planetscale:
  organizations:
    acme:
      teams:
        data:
          members: [carol@acme.dev]
`;

function writes(sandbox: SandboxEnv['sandbox']) {
  return sandbox.requests.filter((request) => request.method !== 'GET');
}

describe('membership who', () => {
  it('shows a person in every scope: declared access and why, until when, and what is observed', async () => {
    box = await startTestSandbox(peopleSeed());
    const file = files.write('people.yaml', PEOPLE);
    const run = await runCli(['who', 'alice', '-f', file, ...AS_OF], { env: box.env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'alice: alice@acme.dev, Turso alice; declared under people:',
        'As of 2026-12-01.',
        '',
        'turso.acme-data: ok',
        '  declared: admin (db-admins); also member (data-eng)',
        '  observed: member with role admin',
        'planetscale.acme: mismatch',
        '  declared: member (data-eng)',
        '  observed: member with role admin',
        'planetscale.acme.backend: ok',
        '  declared: member (data-eng)',
        '  observed: member of the team',
        'planetscale.acme.data: ok',
        '  declared: none',
        '  observed: not present',
        '',
        '4 scopes: 1 mismatch, 3 ok.',
        '',
      ].join('\n'),
    );
    // Found by email and by Turso username too, case-insensitively.
    for (const query of ['ALICE@acme.dev', 'Alice']) {
      const again = await runCli(['who', query, '-f', file, ...AS_OF], { env: box.env });
      expect(again.stdout).toBe(run.stdout);
    }
    expect(writes(box.sandbox)).toEqual([]);
  });

  it('says when a grant ends, and that a departed person still has access', async () => {
    box = await startTestSandbox(peopleSeed());
    const file = files.write('people.yaml', PEOPLE);
    const carol = await runCli(['who', 'carol@acme.dev', '-f', file, ...AS_OF], { env: box.env });
    expect(carol.stdout).toContain(
      'turso.acme-data: expiring on 2026-12-10\n  declared: member (data-eng), until 2026-12-10\n',
    );
    expect(carol.stdout).toContain('planetscale.acme.data: ok\n  declared: member (file)\n');
    // Outside --expiry-warning-days it is simply ok; from the day itself, the grant is gone.
    const later = await runCli(['who', 'carol', '-f', file, ...AS_OF, '--expiry-warning-days', '3'], { env: box.env });
    expect(later.stdout).toContain('turso.acme-data: ok\n');
    const ended = await runCli(['who', 'carol', '-f', file, '--as-of', '2026-12-10'], { env: box.env });
    expect(ended.stdout).toContain('turso.acme-data: undeclared\n  declared: none (expired)\n');

    const zoe = await runCli(['who', 'zoe', '-f', file, ...AS_OF], { env: box.env });
    expect(zoe.stdout).toMatch(/^zoe: zoe@acme\.dev; departed; declared under people:\n/);
    expect(zoe.stdout).toContain('planetscale.acme: departed, still has access\n  declared: none (departed)\n');
  });

  it('shows someone the file does not declare but an organization knows, in JSON and Markdown too', async () => {
    box = await startTestSandbox(peopleSeed());
    const file = files.write('people.yaml', PEOPLE);
    const text = await runCli(['who', 'mallory', '-f', file, ...AS_OF], { env: box.env });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'not declared: the file does not name them, an organization it declares knows the account',
    );
    expect(text.stdout).toContain(
      'turso.acme-data: undeclared\n  declared: none\n  observed: member with role member\n',
    );

    const json = await runCli(['who', 'mallory@acme.dev', '-f', file, ...AS_OF, '--format', 'json'], { env: box.env });
    expect(json.code).toBe(0);
    const document = expectMatchesSchema('who', json.stdout) as {
      person: { name: string; known: string };
      access: { scope: string; status: string }[];
    };
    expect(document.person).toMatchObject({ name: 'mallory', known: 'unknown' });
    expect(document.access.map((access) => `${access.scope} ${access.status}`)).toEqual([
      'turso.acme-data undeclared',
      'planetscale.acme ok',
      'planetscale.acme.backend ok',
      'planetscale.acme.data ok',
    ]);

    const alice = await runCli(['who', 'alice', '-f', file, ...AS_OF, '--format', 'json'], { env: box.env });
    expectMatchesSchema('who', alice.stdout);

    const markdown = await runCli(['who', 'alice', '-f', file, ...AS_OF, '--format', 'markdown'], { env: box.env });
    expect(markdown.stdout).toContain('### Access of `alice`\n');
    expect(markdown.stdout).toContain('| `planetscale.acme` | **mismatch** | member | `data-eng` |  | admin |  |\n');
  });

  it('is an error, one line and exit 1, for someone neither the file nor any organization knows', async () => {
    box = await startTestSandbox(peopleSeed());
    const file = files.write('people.yaml', PEOPLE);
    const run = await runCli(['who', 'nobody@acme.dev', '-f', file], { env: box.env });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Error: nobody@acme\.dev: .* declares no such person .*\n$/);
    expect(run.stderr.split('\n')).toHaveLength(2);

    const json = await runCli(['who', 'nobody', '-f', file, '--format', 'json'], { env: box.env });
    expect(json.code).toBe(1);
    const error = expectMatchesSchema('error', json.stdout) as { error: { kind: string; message: string } };
    expect(error.error.kind).toBe('error');
    expect(error.error.message).toMatch(/^nobody: /);
  });
});

describe('membership report', () => {
  it('prints the access review in Markdown (the default), unknown people and mismatches first', async () => {
    box = await startTestSandbox(peopleSeed());
    const file = files.write('people.yaml', PEOPLE);
    const run = await runCli(['report', '-f', file, ...AS_OF], { env: box.env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      `### Access review of \`${file}\``,
      '',
      'As of 2026-12-01: 9 people, 4 scopes. **13 rows need attention**: 1 departed, 4 undeclared, 1 mismatch, 5 missing, 2 expiring, 23 ok.',
      '',
      '| person | email | scope | observed | declared | reason | expiry | status |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ]);
    const table = lines.filter((line) => line.startsWith('| `'));
    // Pending invites are listed for every organization of a file with people: (a person may need one).
    expect(table.slice(0, 14)).toEqual([
      '| `late@acme.dev` | `late@acme.dev` | `planetscale.acme` | invited (member) | none | none |  | **undeclared** |',
      '| `mallory` | `mallory@acme.dev` | `turso.acme-data` | member | none | none |  | **undeclared** |',
      '| `new@ext.dev` | `new@ext.dev` | `turso.acme-data` | invited (member) | none | none |  | **undeclared** |',
      '| `olga` | `olga@acme.dev` | `planetscale.acme` | admin | none | none |  | **undeclared** |',
      '| `alice` | `alice@acme.dev` | `planetscale.acme` | admin | member | `data-eng` |  | **mismatch** |',
      '| `bob` | `bob@acme.dev` | `planetscale.acme.backend` | none | member | `data-eng` |  | **missing** |',
      '| `carol` | `carol@acme.dev` | `turso.acme-data` | member | member | `data-eng` | 2026-12-10 | **expiring** |',
      '| `carol` | `carol@acme.dev` | `planetscale.acme` | member | member | `data-eng` | 2026-12-10 | **expiring** |',
      '| `carol` | `carol@acme.dev` | `planetscale.acme.backend` | none | member | `data-eng` | 2026-12-10 | **missing** |',
      '| `dana` | `dana@acme.dev` | `turso.acme-data` | none | member | `data-eng` |  | **missing** |',
      '| `dana` | `dana@acme.dev` | `planetscale.acme` | none | member | `data-eng` |  | **missing** |',
      '| `dana` | `dana@acme.dev` | `planetscale.acme.backend` | none | member | `data-eng` |  | **missing** |',
      '| `zoe` | `zoe@acme.dev` | `planetscale.acme` | member | none | `departed` |  | **departed** |',
      '| `alice` | `alice@acme.dev` | `turso.acme-data` | admin | admin | `db-admins` |  | ok |',
    ]);
    expect(table).toHaveLength(36);
    expect(writes(box.sandbox)).toEqual([]);
  });

  it('prints CSV (RFC 4180) and JSON (its published schema), the same rows in the same order', async () => {
    box = await startTestSandbox(peopleSeed());
    const file = files.write('people.yaml', PEOPLE);
    const csv = await runCli(['report', '-f', file, ...AS_OF, '--format', 'csv'], { env: box.env });
    expect(csv.code).toBe(0);
    const records = csv.stdout.split('\r\n');
    expect(records[0]).toBe('person,email,scope,observed_role,declared_role,reason,expiry,status');
    expect(records[1]).toBe('late@acme.dev,late@acme.dev,planetscale.acme,invited (member),none,none,,undeclared');
    expect(records[2]).toBe('mallory,mallory@acme.dev,turso.acme-data,member,none,none,,undeclared');
    expect(records).toContain('carol,carol@acme.dev,turso.acme-data,member,member,data-eng,2026-12-10,expiring');
    expect(records).toContain('alice,alice@acme.dev,turso.acme-data,admin,admin,db-admins,,ok');

    const json = await runCli(['report', '-f', file, ...AS_OF, '--format', 'json'], { env: box.env });
    expect(json.code).toBe(0);
    const document = expectMatchesSchema('report', json.stdout) as {
      as_of: string;
      rows: { person: string; scope: string; status: string }[];
    };
    expect(document.as_of).toBe('2026-12-01');
    expect(document.rows.map((row) => `${row.person},${row.scope},${row.status}`)).toEqual(
      records.slice(1, -1).map((record) => {
        const fields = record.split(',');
        return `${fields[0]},${fields[2]},${fields[7]}`;
      }),
    );
    for (const run of [csv, json]) for (const secret of SECRETS) expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('reviews a file without people: too, its provider sections being the reason', async () => {
    box = await startTestSandbox();
    const file = files.write(
      'accounts.yaml',
      'version: 1\nturso:\n  organizations:\n    acme:\n      members:\n        alice: member\n',
    );
    const run = await runCli(['report', '-f', file, '--format', 'csv', ...AS_OF], { env: box.env });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\r\n')).toEqual([
      'person,email,scope,observed_role,declared_role,reason,expiry,status',
      'alice,alice@acme.dev,turso.acme,admin,member,file,,mismatch',
      'olga,olga@acme.dev,turso.acme,owner,none,owner,,ok',
      '',
    ]);
    const nobody = await runCli(['who', 'bob', '-f', file], { env: box.env });
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/^Error: bob: /);
  });
});

describe('membership export --people', () => {
  it('writes the person form, which plans back to no changes', async () => {
    box = await startTestSandbox(peopleSeed());
    const skeleton = files.write(
      'skeleton.yaml',
      'version: 1\nturso:\n  organizations:\n    acme-data:\n      members: {}\nplanetscale:\n  organizations:\n    acme:\n      teams: {}\n',
    );
    const out = `${files.dir}/people-export.yaml`;
    const run = await runCli(['export', '--people', '-f', skeleton, '--out', out], { env: box.env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Wrote the export to ${out}.\n`);
    const yaml = readFileSync(out, 'utf8');
    expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=./membership.schema.json');
    expect(yaml).toContain(
      'people:\n  alice: { email: alice@acme.dev }\n  bob: { email: bob@acme.dev }\n  carol: { email: carol@acme.dev }\n' +
        '  mallory: { email: mallory@acme.dev }\n  olga: { email: olga@acme.dev }\n  zoe: { email: zoe@acme.dev }\n',
    );
    expect(yaml).toContain(
      '  turso-acme-data-member-planetscale-acme-member:\n    members: [ bob ]\n    turso: { acme-data: member }\n',
    );
    // Pending invites stay in the provider sections; owners are a comment.
    expect(yaml).toContain('      # owners (cannot be declared; no API can grant the role): olga\n');
    expect(yaml).toContain('        new@ext.dev: member\n');
    expect(yaml).toContain('        late@acme.dev: member\n');

    expect((await runCli(['validate', '-f', out])).code).toBe(0);
    const plan = await runCli(['plan', '-f', out, '--detailed-exitcode'], { env: box.env });
    expect(plan.stdout).toContain('No changes. Membership matches the file.');
    expect(plan.code).toBe(0);
    const report = await runCli(['report', '-f', out, '--format', 'json'], { env: box.env });
    const document = expectMatchesSchema('report', report.stdout) as { rows: { status: string }[] };
    expect(document.rows.every((row) => row.status === 'ok')).toBe(true);

    // The same state exports to the same bytes; and --replace refreshes the file itself.
    const again = await runCli(['export', '--people', '-f', out], { env: box.env });
    expect(again.stdout).toBe(yaml);
    expect((await runCli(['export', '--people', '-f', out, '--out', out, '--replace'], { env: box.env })).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(yaml);
    expect(writes(box.sandbox)).toEqual([]);
  });
});
