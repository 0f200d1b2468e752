/** `membership schema` and `membership init`: how a team gets its first file, and editors the schema. */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, REPO_ROOT } from '../support/run-cli.js';
import { startTestSandbox, type SandboxEnv } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';

const files = tempDir();
afterAll(() => files.remove());
let box: SandboxEnv | undefined;
afterEach(async () => {
  await box?.sandbox.close();
  box = undefined;
});

const SCHEMA_LINE = '# yaml-language-server: $schema=./membership.schema.json';
const schemaInRepo = () => JSON.parse(readFileSync(join(REPO_ROOT, 'membership.schema.json'), 'utf8')) as unknown;

/** A fresh folder per test, so `init` finds no file (nor schema) there. */
let folders = 0;
function folder(): string {
  const dir = join(files.dir, `case-${++folders}`);
  mkdirSync(dir);
  return dir;
}

describe('schema', () => {
  it('prints the JSON Schema the file is checked against, newline-terminated, offline', async () => {
    const run = await runCli(['schema'], { cwd: folder() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith('}\n')).toBe(true);
    expect(JSON.parse(run.stdout)).toEqual(schemaInRepo());
  });
});

describe('init', () => {
  it('writes a commented starter that validates, and the schema beside it, then names the next command', async () => {
    const dir = folder();
    const run = await runCli(['init'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n').slice(-2)).toEqual([
      'Next, replace the example names with yours, then run:',
      '  membership plan',
    ]);

    const starter = readFileSync(join(dir, 'membership.yaml'), 'utf8');
    expect(starter.split('\n')[0]).toBe(SCHEMA_LINE);
    // It teaches every key of the format, with a comment saying what it means.
    for (const key of ['version:', 'turso:', 'planetscale:', 'prune:', 'invites:', 'teams:', 'members:']) {
      expect(starter).toMatch(new RegExp(`^ *${key}.*# `, 'm'));
    }
    expect(statSync(join(dir, 'membership.yaml')).mode & 0o777).toBe(0o644);
    expect(JSON.parse(readFileSync(join(dir, 'membership.schema.json'), 'utf8'))).toEqual(schemaInRepo());

    const validate = await runCli(['validate'], { cwd: dir });
    expect(validate.stdout).toBe(
      'membership.yaml is valid: 2 Turso members in 1 organization, 2 PlanetScale team memberships in 1 team.\n',
    );
    expect(validate.code).toBe(0);
  });

  it('refuses to overwrite an existing file, which stays untouched, and keeps an existing schema', async () => {
    const dir = folder();
    const file = join(dir, 'team.yaml');
    writeFileSync(file, 'version: 1\n# ours\n');
    writeFileSync(join(dir, 'membership.schema.json'), '{}\n');
    const run = await runCli(['init', '-f', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `Error: ${file} already exists; init never overwrites a file (to refresh it from the live APIs: ` +
        `membership export -f ${file} --out ${file} --replace)\n`,
    );
    expect(readFileSync(file, 'utf8')).toBe('version: 1\n# ours\n');

    // A link, even one pointing nowhere, is not followed and replaced either.
    const link = join(dir, 'link.yaml');
    symlinkSync(join(dir, 'nowhere.yaml'), link);
    expect((await runCli(['init', '-f', link])).code).toBe(1);
    expect(existsSync(join(dir, 'nowhere.yaml'))).toBe(false);

    // Another name beside an existing schema: the schema is kept, and -f is in the next command.
    const other = join(dir, 'other.yaml');
    const second = await runCli(['init', '-f', other]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Kept the existing');
    expect(second.stdout.trimEnd().split('\n').pop()).toBe(`  membership plan -f ${other}`);
    expect(readFileSync(join(dir, 'membership.schema.json'), 'utf8')).toBe('{}\n');
  });

  it('--from-current writes what export prints, which plans back to no changes', async () => {
    box = await startTestSandbox();
    box.sandbox.addTursoMember('acme', 'bob', 'viewer');
    const dir = folder();
    const run = await runCli(['init', '--from-current', 'turso.acme', 'planetscale.acme'], { cwd: dir, env: box.env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(
      "Wrote membership.yaml: today's membership of turso.acme, planetscale.acme.",
    );
    expect(run.stdout.trimEnd().split('\n').slice(-2)).toEqual([
      'Next, review it, then run (it shows no changes):',
      '  membership plan',
    ]);
    expect(box.sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);

    const written = readFileSync(join(dir, 'membership.yaml'), 'utf8');
    expect(written.split('\n')[0]).toBe(SCHEMA_LINE);
    expect(existsSync(join(dir, 'membership.schema.json'))).toBe(true);
    const skeleton = files.write(
      'both.yaml',
      'version: 1\nturso:\n  organizations:\n    acme:\n      members: {}\n' +
        'planetscale:\n  organizations:\n    acme:\n      teams: {}\n',
    );
    const exported = await runCli(['export', '-f', skeleton], { env: box.env });
    expect(written).toBe(exported.stdout);

    const plan = await runCli(['plan', '--detailed-exitcode'], { cwd: dir, env: box.env });
    expect(plan.stdout).toContain('No changes. Membership matches the file.');
    expect(plan.code).toBe(0);
  });

  it('--from-current takes --provider and --organization like export, and checks them before any request', async () => {
    box = await startTestSandbox();
    const dir = folder();
    const file = join(dir, 'turso.yaml');
    const run = await runCli(['init', '--from-current', '--provider', 'turso', '--organization', 'acme', '-f', file], {
      env: { ...box.env, PLANETSCALE_SERVICE_TOKEN: undefined },
    });
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n').pop()).toBe(`  membership plan -f ${file}`);
    expect(readFileSync(file, 'utf8')).toContain('turso:\n  organizations:\n    acme:');
    expect(readFileSync(file, 'utf8')).not.toContain('planetscale:');

    const requests = box.sandbox.requests.length;
    for (const [args, message] of [
      [['--from-current'], '--from-current needs the organizations to export'],
      [['--from-current', 'planetscale.acme.backend'], 'init exports whole organizations; name planetscale.acme'],
      [['--from-current', '--provider', 'turso'], '--provider turso needs --organization ORG'],
      [['turso.acme'], 'organizations are named only with --from-current'],
      [['--from-current', 'turso.acme', '-f', file], `${file} already exists`],
    ] as const) {
      const refused = await runCli(['init', ...args], { cwd: dir, env: box.env });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(message);
      expect(refused.stderr.split('\n')).toHaveLength(2);
    }
    expect(box.sandbox.requests).toHaveLength(requests);
    expect(existsSync(join(dir, 'membership.yaml'))).toBe(false);
  });

  it('--from-current naming an organization the token cannot see writes nothing', async () => {
    box = await startTestSandbox();
    const dir = folder();
    const run = await runCli(['init', '--from-current', 'turso.nope'], { cwd: dir, env: box.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('Error: not found (or the token cannot see it): turso nope\n');
    expect(existsSync(join(dir, 'membership.yaml'))).toBe(false);
    expect(existsSync(join(dir, 'membership.schema.json'))).toBe(false);
  });
});

describe('--help', () => {
  it('lists init and schema', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}init \[options\] \[organizations\.\.\.\] +write a starter/m);
    expect(help.stdout).toMatch(/^ {2}schema +print the JSON Schema/m);
  });
});
