/**
 * What a new user runs into, from the command line: every error reads `Error: ...` on one line and
 * says how to fix it; export writes its file safely, and never over the file it reads by accident.
 */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { lstatSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { TURSO_ALICE_AND_BOB, TURSO_MEMBERS } from '../support/membership-yaml.js';
import { CLI, REPO_ROOT, runCli } from '../support/run-cli.js';
import { startTestSandbox, type SandboxEnv } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';

const files = tempDir();
afterAll(() => files.remove());
let box: SandboxEnv | undefined;
afterEach(async () => box?.sandbox.close());

const BOTH = `${TURSO_ALICE_AND_BOB}planetscale:
  organizations:
    acme:
      teams:
        backend:
          members: [alice@acme.dev]
        data-eng:
          members: [carol@acme.dev]
`;

describe("commander's errors read like the tool's", () => {
  it.each<[string, string[], string]>([
    ['an unknown option', ['plan', '--bogus'], "Error: unknown option '--bogus' (see membership plan --help)"],
    [
      'a misspelt option',
      ['plan', '--formt', 'json'],
      "Error: unknown option '--formt'; did you mean --format? (see membership plan --help)",
    ],
    [
      'a --format value not offered',
      ['plan', '--format', 'jsn'],
      "Error: option '--format <format>' argument 'jsn' is invalid. Allowed: text, json, markdown; did you mean json? (see membership plan --help)",
    ],
    [
      'a --provider in capitals',
      ['export', '--provider', 'Turso'],
      "Error: option '--provider <provider>' argument 'Turso' is invalid. Allowed: turso, planetscale; did you mean turso? (see membership export --help)",
    ],
    [
      'a missing option argument',
      ['plan', '--target'],
      "Error: option '--target <scope>' argument missing (see membership plan --help)",
    ],
    [
      'a missing required option',
      ['sandbox'],
      "Error: required option '--seed <file>' not specified (see membership sandbox --help)",
    ],
    ['a misspelt command', ['plna'], "Error: unknown command 'plna'; did you mean plan? (see membership --help)"],
    [
      'a line break in an argument stays on one line',
      ['plan', '--format', 'a\nb'],
      "Error: option '--format <format>' argument 'a\\u{a}b' is invalid. Allowed: text, json, markdown (see membership plan --help)",
    ],
  ])('%s', async (_name, args, line) => {
    const run = await runCli(args);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${line}\n`);
  });

  it('leaves --help and --version as they were: on stdout, exit 0', async () => {
    const help = await runCli(['plan', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: membership plan \[options\]/);
    expect(help.stderr).toBe('');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('did you mean, from the command line', () => {
  it('suggests the declared scope a --target misspells, before any request', async () => {
    box = await startTestSandbox();
    const file = files.write('targets.yaml', BOTH);
    const run = await runCli(['plan', '-f', file, '--target', 'planetscale.acme.data-engg'], { env: box.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'Error: --target planetscale.acme.data-engg: the file declares no team of PlanetScale organization acme named "data-engg"; declared: backend, data-eng; did you mean planetscale.acme.data-eng?\n',
    );
    expect(box.sandbox.requests).toEqual([]);
  });

  it('suggests the provider a --target misspells', async () => {
    const file = files.write('targets2.yaml', BOTH);
    const run = await runCli(['plan', '-f', file, '--target', 'tursso.acme']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: --target tursso\.acme: expected .*; did you mean turso\.acme\?\n$/);
  });

  it('suggests the role a value misspells', async () => {
    const file = files.write('role.yaml', `${TURSO_MEMBERS}        alice: Admin\n        bob: memeber\n`);
    const run = await runCli(['validate', '-f', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `Error: ${file}:6:16 turso.organizations.acme.members.alice: role "Admin" is not allowed; allowed: admin, member, viewer; did you mean "admin"?\n` +
        `${file}:7:14 turso.organizations.acme.members.bob: role "memeber" is not allowed; allowed: admin, member, viewer; did you mean "member"?\n`,
    );
  });

  it('names the line a mis-indented line should align with, once', async () => {
    const file = files.write('indent.yaml', `${TURSO_MEMBERS}        alice: admin\n         bob: member\n`);
    const run = await runCli(['validate', '-f', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `Error: ${file}:7:10: line 7 is indented 9 spaces, inconsistent with line 6 (8 spaces): line 6 already has a value, so nothing can be nested under it; indent line 7 by 8 spaces like line 6\n`,
    );
  });
});

describe('every missing variable in one run', () => {
  it('names the variables of every provider the file declares, before any request', async () => {
    box = await startTestSandbox();
    const file = files.write('novars.yaml', BOTH);
    const env = {
      ...box.env,
      TURSO_API_TOKEN: undefined,
      PLANETSCALE_SERVICE_TOKEN_ID: undefined,
      PLANETSCALE_SERVICE_TOKEN: undefined,
    };
    const run = await runCli(['plan', '-f', file], { env });
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    for (const name of ['TURSO_API_TOKEN', 'PLANETSCALE_SERVICE_TOKEN_ID', 'PLANETSCALE_SERVICE_TOKEN']) {
      expect(lines[0]).toContain(`${name} is not set`);
    }
    expect(box.sandbox.requests).toEqual([]);
  });
});

describe('export --out', () => {
  const SKELETON = 'version: 1\nturso:\n  organizations:\n    acme:\n      members: {}\n';

  it('writes the file in one step, mode 0644, leaving no temporary file, and prints nothing of it', async () => {
    box = await startTestSandbox();
    const dir = join(files.dir, 'out');
    mkdirSync(dir);
    const skeleton = files.write('skeleton.yaml', SKELETON);
    const printed = await runCli(['export', '-f', skeleton], { env: box.env });
    const out = join(dir, 'exported.yaml');
    const run = await runCli(['export', '-f', skeleton, '--out', out], { env: box.env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Wrote the export to ${out}.\n`);
    expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
    expect(statSync(out).mode & 0o777).toBe(0o644);
    expect(readdirSync(dir)).toEqual(['exported.yaml']);
  });

  it('refuses --out naming the file it reads (through a symlink too), before any request', async () => {
    box = await startTestSandbox();
    const file = files.write('keep.yaml', SKELETON);
    const link = join(files.dir, 'keep-link.yaml');
    symlinkSync(file, link);
    const run = await runCli(['export', '-f', file, '--out', link], { env: box.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `Error: --out ${link} is the desired-state file itself; to refresh it from the live APIs, add --replace (it is read first, then replaced in one step)\n`,
    );
    expect(readFileSync(file, 'utf8')).toBe(SKELETON);
    expect(box.sandbox.requests).toEqual([]);
  });

  it('with --replace, reads the file, then replaces it (a symlink stays a link to the new file)', async () => {
    box = await startTestSandbox();
    const file = files.write('refresh.yaml', SKELETON);
    const link = join(files.dir, 'refresh-link.yaml');
    symlinkSync(file, link);
    const run = await runCli(['export', '-f', link, '--out', link, '--replace'], { env: box.env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('      members:\n        alice: admin\n');
    const plan = await runCli(['plan', '-f', file, '--detailed-exitcode'], { env: box.env });
    expect(plan.code).toBe(0);
  });

  it('leaves the old file as it was, and no temporary file, when the export fails', async () => {
    box = await startTestSandbox();
    const dir = join(files.dir, 'failing');
    mkdirSync(dir);
    const file = join(dir, 'membership.yaml');
    const written = files.write('failing/membership.yaml', SKELETON);
    expect(written).toBe(file);
    const run = await runCli(['export', '-f', file, '--out', file, '--replace'], {
      env: { ...box.env, TURSO_API_TOKEN: 'revoked' },
    });
    expect(run.code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(SKELETON);
    expect(readdirSync(dir)).toEqual(['membership.yaml']);
  });

  it('removes its temporary file when the rename fails', async () => {
    box = await startTestSandbox();
    const skeleton = files.write('skeleton2.yaml', SKELETON);
    const dir = join(files.dir, 'a-directory');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    const run = await runCli(['export', '-f', skeleton, '--out', join(dir, 'sub')], { env: box.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: cannot write .*sub: /);
    expect(readdirSync(dir)).toEqual(['sub']);
  });

  it('asks for --provider when --organization is given without it, before reading the file', async () => {
    const run = await runCli(['export', '--organization', 'acme', '-f', join(files.dir, 'absent.yaml')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('Error: --organization needs --provider turso|planetscale\n');
  });

  it('explains `export > FILE` of the file it reads: the shell emptied it first', async () => {
    const file = files.write('redirected.yaml', SKELETON);
    // What `membership export -f FILE > FILE` does: the shell truncates FILE and makes it stdout.
    const fd = openSync(file, 'w');
    const child = spawn(process.execPath, [CLI, 'export', '-f', file], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', fd, 'pipe'],
    });
    closeSync(fd);
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toBe(
      `Error: standard output is ${file} itself (export > ${file}): the shell emptied it before export could read it. ` +
        `Restore the file (e.g. from version control), then run: membership export -f ${file} --out ${file} --replace\n`,
    );
  });
});
