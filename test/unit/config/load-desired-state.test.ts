import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG_LIMITS } from '../../../src/config/config-limits.js';
import { loadDesiredState, readDesiredStateFile } from '../../../src/config/load-desired-state.js';
import { ConfigError, formatConfigIssue } from '../../../src/errors.js';
import { releaseFifoReader } from '../../support/release-fifo-reader.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/config/', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);

async function issueLines(load: Promise<unknown>): Promise<string[]> {
  try {
    await load;
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map(formatConfigIssue);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadDesiredState', () => {
  let scratch = '';
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'membership-config-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('reads the example file into Maps, in file order', async () => {
    const desired = await loadDesiredState(fixture('valid.yaml'));
    expect(desired.version).toBe(1);
    expect([...(desired.turso?.organizations.keys() ?? [])]).toEqual(['acme', 'beta']);
    expect([...(desired.turso?.organizations.get('acme')?.members ?? [])]).toEqual([
      ['alice', 'admin'],
      ['bob', 'member'],
      ['carol', 'viewer'],
    ]);
    expect(desired.turso?.organizations.get('beta')?.members.size).toBe(0);
    const teams = desired.planetscale?.organizations.get('acme')?.teams;
    expect(teams?.get('backend')?.members).toEqual(['alice@example.com', 'Bob@Example.com']);
    expect(teams?.get('frontend')?.members).toEqual([]);
  });

  it('reads prune, invites and organization members, telling absent keys from empty ones', async () => {
    const desired = await loadDesiredState(fixture('full-reconciliation.yaml'));
    const acme = desired.turso?.organizations.get('acme');
    expect(acme?.prune).toBe(true);
    expect([...(acme?.invites ?? [])]).toEqual([['New.Hire@acme.dev', 'member']]);
    const beta = desired.turso?.organizations.get('beta');
    expect(beta?.prune).toBe(false);
    expect(beta?.invites).toBeUndefined();
    const planetscale = desired.planetscale?.organizations;
    expect([...(planetscale?.get('acme')?.members ?? [])]).toEqual([
      ['alice@acme.dev', 'admin'],
      ['bob@acme.dev', 'member'],
      ['carol@acme.dev', 'analyst'],
    ]);
    expect(planetscale?.get('acme')?.teams.get('backend')).toEqual({
      prune: true,
      members: ['alice@acme.dev', 'Bob@acme.dev'],
    });
    expect(planetscale?.get('acme')?.teams.get('frontend')).toEqual({ prune: false, members: ['carol@acme.dev'] });
    expect(planetscale?.get('beta')?.members).toEqual(new Map());
    expect(planetscale?.get('beta')?.teams).toEqual(new Map());
  });

  it('also hands back the exact bytes it read', async () => {
    const { desired, bytes } = await readDesiredStateFile(fixture('with-bom.yaml'));
    expect(Buffer.from(bytes).equals(await readFile(fixture('with-bom.yaml')))).toBe(true);
    expect([...(desired.turso?.organizations.get('acme')?.members ?? [])]).toEqual([['alice', 'admin']]);
  });

  it('reports every problem in the file at once, in file order', async () => {
    const file = fixture('many-errors.yaml');
    expect(await issueLines(loadDesiredState(file))).toEqual([
      `${file}:5:7 turso.organizations.acme.membrs: unknown key "membrs"; allowed: members, invites, prune; did you mean "members"?`,
      `${file}:9:16 turso.organizations.beta.members.alice: role "owner" is not allowed; allowed: admin, member, viewer (owner cannot be set through the API)`,
      `${file}:10:14 turso.organizations.beta.members.bob: role "Member" is not allowed; allowed: admin, member, viewer; did you mean "member"?`,
      `${file}:11:9 turso.organizations.beta.members.carol: role is missing; allowed: admin, member, viewer`,
      `${file}:12:15 turso.organizations.beta.members.dave: role must be text, got a number (1); allowed: admin, member, viewer`,
      `${file}:13:9 turso.organizations.beta.members.alice: duplicate key "alice" (first at line 9)`,
      `${file}:14:9 turso.organizations.beta.members["eve smith"]: Turso username "eve smith" is not allowed; allowed: non-empty text other than "." and "..", without whitespace, control or invisible characters, or any of / \\ ? # %`,
      `${file}:16:9 turso.organizations.beta.invites.frank: "frank" is not an email address`,
      `${file}:18:9 turso.organizations.beta.invites["Grace@Example.com"]: duplicate email "Grace@Example.com" (same as line 17, emails match case-insensitively)`,
      `${file}:19:14 turso.organizations.beta.prune: prune must be a boolean, got text "yes"; allowed: true or false (YAML 1.2 reads yes, no, on and off as text)`,
      `${file}:27:15 planetscale.organizations.acme.teams.backend.members[1]: "bob" is not an email address`,
      `${file}:28:15 planetscale.organizations.acme.teams.backend.members[2]: duplicate email "ALICE@example.com" (same as line 26, emails match case-insensitively)`,
      `${file}:30:20 planetscale.organizations.acme.teams.frontend.members: expected a list (one "- item" per line), got text "carol@example.com"`,
      `${file}:31:9 planetscale.organizations.acme.teams.ops: missing required key "members"`,
      `${file}:33:18 planetscale.organizations.acme.teams.web.prune: prune must be a boolean, got text "true"; allowed: true or false`,
      `${file}:37:28 planetscale.organizations.beta.members["alice@example.com"]: role "Admin" is not allowed; allowed: a PlanetScale role such as member, admin or analyst; did you mean "admin"?`,
      `${file}:38:9 planetscale.organizations.beta.members["ALICE@EXAMPLE.COM"]: duplicate email "ALICE@EXAMPLE.COM" (same as line 37, emails match case-insensitively)`,
      `${file}:39:5 planetscale.organizations.gamma: missing required key "members" or "teams"; at least one of them is needed`,
      `${file}:40:3 planetscale.org: unknown key "org"; allowed: organizations`,
    ]);
  });

  it('refuses the billion laughs file without expanding it', async () => {
    const file = fixture('billion-laughs.yaml');
    const lines = await issueLines(loadDesiredState(file));
    expect(lines).toHaveLength(91);
    expect(lines.at(-1)).toBe(
      `${file}:14:16 turso.organizations.acme.members: aliases (*lol9) are not supported; write the value out in full`,
    );
  });

  it('points at the first byte that is not UTF-8', async () => {
    const file = fixture('latin1.yaml');
    expect(await issueLines(loadDesiredState(file))).toEqual([
      `${file}:6:12: not valid UTF-8 (byte 0xE9); save the file as UTF-8`,
    ]);
  });

  it.each<[string, () => string, string]>([
    [
      'a missing file',
      () => join(scratch, 'nope.yaml'),
      'cannot read the file: no such file (pass -f FILE to name another one)',
    ],
    ['a directory', () => scratch, 'is a directory, not a regular file; expected a YAML file'],
  ])('says so plainly for %s', async (_name, file, message) => {
    expect(await issueLines(loadDesiredState(file()))).toEqual([`${file()}: ${message}`]);
  });

  it.each(['a regular file', 'a link to one'])(
    'quotes 60 characters at most of NUL-separated variables in %s',
    async (kind) => {
      const secret = 'secret-0123456789'.repeat(5).slice(0, 80);
      const blob = join(scratch, 'environ');
      await writeFile(blob, `SHELL=/bin/bash\0TOKEN=${secret}\0HOME=/root\0`);
      const file = kind === 'a regular file' ? blob : join(scratch, 'environ-link.yaml');
      if (file !== blob) await symlink(blob, file);
      expect(await issueLines(loadDesiredState(file))).toEqual([
        `${file}:1:1: expected a mapping (key: value), got text "SHELL=/bin/bash\\u{0}TOKEN=${secret.slice(0, 38)}…"`,
      ]);
    },
  );

  it('refuses a file over the size limit from its size, before reading it', async () => {
    const file = join(scratch, 'huge.yaml');
    await writeFile(file, '');
    await truncate(file, DEFAULT_CONFIG_LIMITS.maxFileBytes + 1); // sparse: nothing is written
    expect(await issueLines(loadDesiredState(file))).toEqual([
      `${file}: file is too large (16,777,217 bytes); the limit is 16 MiB (100,000 memberships take about 3 MiB)`,
    ]);
  });

  const withProc = existsSync('/proc/self/maps') ? it : it.skip;
  withProc('stops reading at the size limit a file that says it is empty, as /proc files do', async () => {
    const limits = { ...DEFAULT_CONFIG_LIMITS, maxFileBytes: 1024 };
    expect(await issueLines(loadDesiredState('/proc/self/maps', limits))).toEqual([
      '/proc/self/maps: file is too large (over the limit); the limit is 1,024 bytes (100,000 memberships take about 3 MiB)',
    ]);
  });
});

describe('loadDesiredState refuses anything but a regular file, at once and by what it is', () => {
  let scratch = '';
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'membership-special-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  /** The one issue loading `file` ends in, failing the test if that takes a second or more. */
  async function refusalOf(file: string): Promise<string[]> {
    let timer: NodeJS.Timeout | undefined;
    const tooSlow = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`still reading ${file} after 1 s`)), 1000);
    });
    try {
      return await Promise.race([issueLines(loadDesiredState(file)), tooSlow]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function viaLink(target: string, link: boolean): Promise<string> {
    if (!link) return target;
    const path = join(scratch, `link-to-${basename(target)}.yaml`);
    await symlink(target, path);
    return path;
  }

  const onPosix = process.platform === 'win32' ? it.skip : it;
  const withDevZero = existsSync('/dev/zero') ? it : it.skip;

  onPosix.each([
    ['', false],
    [', through a link', true],
  ])('a FIFO with no writer%s', async (_how, link) => {
    const fifo = join(scratch, link ? 'linked-fifo' : 'fifo');
    execFileSync('mkfifo', [fifo]);
    const file = await viaLink(fifo, link);
    try {
      expect(await refusalOf(file)).toEqual([
        `${file}: is a FIFO (named pipe), not a regular file; expected a YAML file`,
      ]);
    } finally {
      releaseFifoReader(fifo);
    }
  });

  withDevZero.each([
    ['', false],
    [', through a link', true],
  ])('/dev/zero, a character device%s', async (_how, link) => {
    const file = await viaLink('/dev/zero', link);
    expect(await refusalOf(file)).toEqual([`${file}: is a character device, not a regular file; expected a YAML file`]);
  });
});
