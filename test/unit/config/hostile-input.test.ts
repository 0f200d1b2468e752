import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CONFIG_LIMITS } from '../../../src/config/config-limits.js';
import { parseDesiredState } from '../../../src/config/load-desired-state.js';
import { formatConfigIssue, type ConfigError } from '../../../src/errors.js';
import { configErrorsFor, type IssueRow as Row } from '../../support/config-errors.js';
import { BACKEND_MEMBERS, TURSO_MEMBERS } from '../../support/membership-yaml.js';

const FILE = 'pr-1234/membership.yaml';

const { configErrorOf, issue } = configErrorsFor(FILE);
const lines = (error: ConfigError): string[] => error.issues.map(formatConfigIssue);

describe('YAML features a membership file does not need are refused, with where they are', () => {
  it.each<[string, string, Row[]]>([
    [
      'an alias',
      `${TURSO_MEMBERS}        alice: &role admin\n        bob: *role\n`,
      [
        [
          6,
          16,
          'turso.organizations.acme.members.alice',
          'anchors (&role) are not supported; write the value out in full',
        ],
        [
          7,
          14,
          'turso.organizations.acme.members.bob',
          'aliases (*role) are not supported; write the value out in full',
        ],
      ],
    ],
    [
      'an anchor on a block mapping, written on the line above its content',
      'version: 1\nturso: &t\n  organizations: {}\n',
      [[2, 8, 'turso', 'anchors (&t) are not supported; write the value out in full']],
    ],
    [
      'an alias used as a key',
      `${TURSO_MEMBERS}        &name alice: admin\n        *name : viewer\n`,
      [
        [
          6,
          9,
          'turso.organizations.acme.members.alice',
          'anchors (&name) are not supported; write the key out in full',
        ],
        [
          7,
          9,
          'turso.organizations.acme.members',
          'aliases (*name) are not supported, not even as keys; write the key out in full',
        ],
      ],
    ],
    [
      'a whole section given by alias',
      'version: 1\nbase: &m {alice: admin}\nturso:\n  organizations:\n    acme:\n      members: *m\n',
      [
        [2, 1, 'base', 'unknown key "base"; allowed: version, turso, planetscale, people, groups'],
        [2, 7, 'base', 'anchors (&m) are not supported; write the value out in full'],
        [6, 16, 'turso.organizations.acme.members', 'aliases (*m) are not supported; write the value out in full'],
      ],
    ],
    [
      'a merge key',
      `${TURSO_MEMBERS}        <<: {alice: admin}\n`,
      [[6, 9, 'turso.organizations.acme.members.<<', 'merge keys (<<) are not supported; write the keys out in full']],
    ],
    [
      'a custom tag',
      `${TURSO_MEMBERS}        alice: !role admin\n`,
      [[6, 16, 'turso.organizations.acme.members.alice', 'tags (!role) are not supported; remove the tag']],
    ],
    [
      'a language-specific tag',
      `${TURSO_MEMBERS}        alice: !!js/function "function () {}"\n`,
      [[6, 16, 'turso.organizations.acme.members.alice', 'tags (!!js/function) are not supported; remove the tag']],
    ],
    [
      'even a standard tag',
      'version: !!int 1\n',
      [[1, 10, 'version', 'tags (!!int) are not supported; remove the tag']],
    ],
    [
      'a tag on a key',
      `${TURSO_MEMBERS}        !!str alice: admin\n`,
      [[6, 9, 'turso.organizations.acme.members.alice', 'tags (!!str) are not supported; remove the tag']],
    ],
    [
      'a list as a key',
      `${TURSO_MEMBERS}        ? [alice, bob]\n        : admin\n`,
      [
        [
          6,
          11,
          'turso.organizations.acme.members',
          'a list cannot be a key; keys must be plain text such as a username',
        ],
      ],
    ],
    [
      'a mapping as a key',
      `${TURSO_MEMBERS}        {alice: 1}: admin\n`,
      [
        [
          6,
          9,
          'turso.organizations.acme.members',
          'a mapping cannot be a key; keys must be plain text such as a username',
        ],
      ],
    ],
    [
      'a second document',
      'version: 1\n---\nversion: 1\n',
      [[2, 1, '', 'a second YAML document starts here; the file must hold exactly one']],
    ],
    [
      'a syntax error',
      'version: 1\nturso: [\n',
      [
        [
          3,
          1,
          '',
          'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
        ],
      ],
    ],
    [
      'tabs as indentation',
      'version: 1\nturso:\n\torganizations: {}\n',
      [[3, 1, '', 'line 3 is indented with a tab; YAML indentation must be spaces: replace the tab with spaces']],
    ],
    ['nothing at all', '', [[0, 0, '', 'file is empty; it must at least hold "version: 1"']]],
    ['only comments', '# membership\n\n', [[0, 0, '', 'file is empty; it must at least hold "version: 1"']]],
    ['a null document', '--- ~\n', [[0, 0, '', 'file is empty; it must at least hold "version: 1"']]],
  ])('%s', (_name, text, rows) => {
    expect(configErrorOf(text).issues).toEqual(rows.map(issue));
  });
});

describe('hostile files end in one ConfigError that names the file', () => {
  const nested = (open: string, depth: number) => `version: 1\nx: ${open.repeat(depth)}\n`;

  it.each<[string, () => string | Uint8Array, string]>([
    [
      '10,000 nested [',
      () => nested('[', 10_000),
      `${FILE}:2:35: nesting is deeper than 32 levels; a membership file needs at most 7`,
    ],
    ['10,000 nested {a:', () => nested('{a: ', 10_000), `${FILE}:2:128: nesting is deeper than 32 levels`],
    [
      '10,000 nested block lists',
      () => `version: 1\nx:\n${'- '.repeat(10_000)}a\n`,
      `${FILE}:3:63: nesting is deeper than 32 levels`,
    ],
    [
      'a file over the size limit',
      () => `version: 1\n#${'x'.repeat(16 * 1024 * 1024)}\n`,
      `${FILE}: file is too large (16,777,229 bytes); the limit is 16 MiB`,
    ],
    [
      'Latin-1 bytes',
      () =>
        Uint8Array.from([
          ...Buffer.from(TURSO_MEMBERS),
          ...Buffer.from('        Ren'),
          0xe9,
          ...Buffer.from('e: admin\n'),
        ]),
      `${FILE}:6:12: not valid UTF-8 (byte 0xE9); save the file as UTF-8`,
    ],
    [
      'a UTF-16 file',
      () => Uint8Array.from([0xff, 0xfe, 0x76, 0x00]),
      `${FILE}:1:1: not valid UTF-8 (byte 0xFF); save the file as UTF-8`,
    ],
    [
      'a truncated UTF-8 sequence after a BOM',
      () => Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0xe2, 0x82]),
      `${FILE}:1:2: not valid UTF-8 (byte 0xE2)`,
    ],
    [
      'an overlong encoding',
      () => Uint8Array.from([0x61, 0x0a, 0xc0, 0xaf]),
      `${FILE}:2:1: not valid UTF-8 (byte 0xC0)`,
    ],
    [
      'an encoded surrogate',
      () => Uint8Array.from([0x61, 0xed, 0xa0, 0x80]),
      `${FILE}:1:2: not valid UTF-8 (byte 0xED)`,
    ],
  ])('%s', (_name, input, expected) => {
    const error = configErrorOf(input());
    expect(error.issues).toHaveLength(1);
    expect(error.message.slice(0, expected.length)).toBe(expected);
    expect(error.message).not.toContain('    at ');
  });

  it('refuses aliases without expanding them (billion laughs)', () => {
    let text = 'version: 1\nlol1: &lol1 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
    for (let level = 2; level <= 30; level++) {
      text += `lol${level}: &lol${level} [${Array(9)
        .fill(`*lol${level - 1}`)
        .join(', ')}]\n`;
    }
    const error = configErrorOf(`${text}turso: {organizations: {acme: {members: *lol30}}}\n`);
    expect(error.issues).toHaveLength(101);
    expect(lines(error).slice(0, 3)).toEqual([
      `${FILE}:2:1 lol1: unknown key "lol1"; allowed: version, turso, planetscale, people, groups`,
      `${FILE}:2:7 lol1: anchors (&lol1) are not supported; write the value out in full`,
      `${FILE}:3:1 lol2: unknown key "lol2"; allowed: version, turso, planetscale, people, groups`,
    ]);
    expect(lines(error)).toContain(
      `${FILE}:3:14 lol2[0]: aliases (*lol1) are not supported; write the value out in full`,
    );
  });

  it('counts tokens before building anything, and stops at the limit', () => {
    const limits = { ...DEFAULT_CONFIG_LIMITS, maxYamlTokens: 1000 };
    const error = configErrorOf(`version: 1\nx: [${'a,'.repeat(300)}a]\n`, limits);
    expect(lines(error)).toEqual([
      `${FILE}: file has more than 1,000 YAML tokens; that is the limit (100,000 Turso memberships take about 1,300,000)`,
    ]);
    expect(() => parseDesiredState(`version: 1\nx: [${'a,'.repeat(100)}a]\n`, FILE, limits)).toThrow('unknown key "x"');
  });

  it('counts blank lines and comments too', () => {
    const limits = { ...DEFAULT_CONFIG_LIMITS, maxYamlTokens: 1000 };
    expect(lines(configErrorOf(`version: 1\n${'#\n'.repeat(600)}`, limits))[0]).toContain(
      'more than 1,000 YAML tokens',
    );
  });

  it('reports the first 100 issues by position and how many more there are', () => {
    const emails = Array.from({ length: 150 }, (_, i) => `            - user${i}\n`).join('');
    const error = configErrorOf(`${BACKEND_MEMBERS}${emails}oops: 1\n`);
    expect(error.issues).toHaveLength(101);
    expect(lines(error)[0]).toBe(
      `${FILE}:8:15 planetscale.organizations.acme.teams.backend.members[0]: "user0" is not an email address`,
    );
    expect(lines(error)[99]).toBe(
      `${FILE}:107:15 planetscale.organizations.acme.teams.backend.members[99]: "user99" is not an email address`,
    );
    expect(lines(error)[100]).toBe(`${FILE}: ... and 51 more issues (only the first 100 are shown)`);
  });

  it("finds duplicates among many keys without the yaml package's quadratic check", () => {
    const members = Array.from({ length: 20_000 }, (_, i) => `        user${i % 10_000}: member\n`).join('');
    const error = configErrorOf(`${TURSO_MEMBERS}${members}`);
    expect(lines(error)[0]).toBe(
      `${FILE}:10006:9 turso.organizations.acme.members.user0: duplicate key "user0" (first at line 6)`,
    );
    expect(lines(error)[100]).toBe(`${FILE}: ... and 9900 more issues (only the first 100 are shown)`);
  });
});

describe('an error quotes at most 60 characters of what the file holds, invisible ones escaped', () => {
  const long = 'Z'.repeat(10_000);

  it.each<[string, string]>([
    ['the whole file one long line', `${long}\n`],
    ['an unknown key', `version: 1\n? ${long}\n: 1\n`],
    ['the version', `version: ${long}\n`],
    ['a role', `${TURSO_MEMBERS}        alice: ${long}\n`],
    ['a role that is not text', `${TURSO_MEMBERS}        alice: ${'9'.repeat(10_000)}\n`],
    ['a Turso username', `${TURSO_MEMBERS}        ? ${long} x\n        : admin\n`],
    ['a duplicate key', `${TURSO_MEMBERS}        ? ${long}\n        : admin\n        ? ${long}\n        : admin\n`],
    ['a team member that is not an email', `${BACKEND_MEMBERS}            - ${long}\n`],
    ['team members as text', `${BACKEND_MEMBERS.slice(0, -1)} ${long}\n`],
    [
      'a duplicate email',
      `${BACKEND_MEMBERS}            - ${long}@example.com\n            - ${long.toLowerCase()}@example.com\n`,
    ],
    ['a prune that is not a boolean', `${TURSO_MEMBERS}        alice: admin\n      prune: ${long}\n`],
    ['a tag', `version: !<${long}> 1\n`],
    ['a tag the parser cannot resolve', `version: !a!${long} 1\n`],
    ['a tag without a suffix', `version: !${long}! 1\n`],
    ['an anchor', `version: &${long} 1\n`],
    ['an alias', `version: *${long}\n`],
    ['text after the document', `version: 1\n]${long}\n`],
    ['text after a flow collection', `version: [1] ${long}\n`],
    ['a %YAML directive', `%YAML ${long}\n---\nversion: 1\n`],
    ['a block scalar header', `version: |${long}\n  1\n`],
    ['an escape sequence', `version: "\\${long}"\n`],
  ])('%s', (_name, text) => {
    const message = configErrorOf(text).message;
    expect(message).not.toMatch(/[Z9z]{61}/);
    expect(message).not.toContain('    at ');
  });

  it('cuts a long key in the path and in the message alike', () => {
    const key = 'k'.repeat(100);
    expect(lines(configErrorOf(`version: 1\n? ${key}\n: 1\n`))).toEqual([
      `${FILE}:2:3 ["${'k'.repeat(60)}…"]: unknown key "${'k'.repeat(60)}…"; allowed: version, turso, planetscale, people, groups`,
    ]);
  });

  it('shows what the yaml package would quote in full, cut like the rest', () => {
    expect(lines(configErrorOf(`version: 1\n]${long}\n`))).toEqual([
      `${FILE}:2:1: YAML syntax error: Unexpected flow-seq-end token in YAML stream: "]"`,
      `${FILE}:2:2: YAML syntax error: Unexpected scalar token in YAML stream: "${'Z'.repeat(60)}…"`,
    ]);
    expect(lines(configErrorOf(`version: !a!${long} 1\n`))).toEqual([
      `${FILE}:1:10: YAML syntax error: Could not resolve tag: !a!${'Z'.repeat(57)}…`,
    ]);
  });

  it('escapes invisible characters in keys, in the path and in the message', () => {
    expect(lines(configErrorOf('version: 1\n"ver\\u202Esion\\u0000": 1\n'))).toEqual([
      `${FILE}:2:1 ["ver\\u{202e}sion\\u{0}"]: unknown key "ver\\u{202e}sion\\u{0}"; allowed: version, turso, planetscale, people, groups; did you mean "version"?`,
    ]);
  });

  it('quotes 60 characters of a file of NUL-separated variables such as /proc/self/environ', () => {
    const secret = 's3cr3t'.repeat(14).slice(0, 80);
    const environ = `SHELL=/bin/bash\0TOKEN=${secret}\0HOME=/root\0`;
    expect(lines(configErrorOf(environ))).toEqual([
      `${FILE}:1:1: expected a mapping (key: value), got text "SHELL=/bin/bash\\u{0}TOKEN=${secret.slice(0, 38)}…"`,
    ]);
  });
});
