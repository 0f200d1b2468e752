import { describe, expect, it } from '@jest/globals';
import { parseDesiredState } from '../../../src/config/load-desired-state.js';
import type { DesiredState } from '../../../src/model/desired-state.js';
import { configErrorsFor, type IssueRow as Row } from '../../support/config-errors.js';
import { BACKEND_MEMBERS, TURSO_MEMBERS } from '../../support/membership-yaml.js';

const FILE = 'membership.yaml';

/** The DesiredState as plain nested entries, keeping Map order so that order is asserted too. */
function entriesOf(desired: DesiredState) {
  return {
    version: desired.version,
    turso: desired.turso && [...desired.turso.organizations].map(([org, spec]) => [org, [...spec.members]]),
    planetscale:
      desired.planetscale &&
      [...desired.planetscale.organizations].map(([org, spec]) => [
        org,
        [...spec.teams].map(([team, teamSpec]) => [team, teamSpec.members]),
      ]),
  };
}

/** What a name that becomes part of an API URL may be (x-allowed in membership.schema.json). */
const NAME_RULE =
  'non-empty text other than "." and "..", without whitespace, control or invisible characters, or any of / \\ ? # %';

const { issuesOf, issue } = configErrorsFor(FILE);

describe('parseDesiredState: files that are valid', () => {
  it.each<[string, string, ReturnType<typeof entriesOf>]>([
    [
      'both providers, in file order',
      `version: 1
turso:
  organizations:
    acme:
      members:
        zed: viewer
        alice: admin
planetscale:
  organizations:
    acme:
      teams:
        backend:
          members:
            - Bob@Example.com
            - alice@example.com
`,
      {
        version: 1,
        turso: [
          [
            'acme',
            [
              ['zed', 'viewer'],
              ['alice', 'admin'],
            ],
          ],
        ],
        planetscale: [['acme', [['backend', ['Bob@Example.com', 'alice@example.com']]]]],
      },
    ],
    ['only version: declares nothing', 'version: 1\n', { version: 1, turso: undefined, planetscale: undefined }],
    [
      'only turso',
      'version: 1\nturso:\n  organizations:\n    acme:\n      members:\n        bob: member\n',
      { version: 1, turso: [['acme', [['bob', 'member']]]], planetscale: undefined },
    ],
    [
      'only planetscale, with an empty team',
      'version: 1\nplanetscale:\n  organizations:\n    acme:\n      teams:\n        ops:\n          members: []\n',
      { version: 1, turso: undefined, planetscale: [['acme', [['ops', []]]]] },
    ],
    [
      'keys that look like numbers, booleans or null are read as written',
      'version: 1\nturso:\n  organizations:\n    acme:\n      members:\n        1: admin\n        1.0: member\n        true: viewer\n        null: admin\n        007: admin\n',
      {
        version: 1,
        turso: [
          [
            'acme',
            [
              ['1', 'admin'],
              ['1.0', 'member'],
              ['true', 'viewer'],
              ['null', 'admin'],
              ['007', 'admin'],
            ],
          ],
        ],
        planetscale: undefined,
      },
    ],
    [
      'flow style, quoting, comments and CRLF line endings',
      'version: 1 # format\r\nturso: {organizations: {"acme": {members: {\'alice\': "admin"}}}}\r\n' +
        'planetscale: {organizations: {acme: {teams: {backend: {members: ["a@example.com"]}}}}}\r\n',
      {
        version: 1,
        turso: [['acme', [['alice', 'admin']]]],
        planetscale: [['acme', [['backend', ['a@example.com']]]]],
      },
    ],
    [
      'a leading byte order mark',
      '\uFEFFversion: 1\nturso:\n  organizations:\n    acme:\n      members: {}\n',
      { version: 1, turso: [['acme', []]], planetscale: undefined },
    ],
    [
      'document markers around the one document',
      '%YAML 1.2\n---\nversion: 1\n...\n',
      { version: 1, turso: undefined, planetscale: undefined },
    ],
  ])('%s', (_name, text, expected) => {
    expect(entriesOf(parseDesiredState(text, FILE))).toEqual(expected);
  });

  it('keeps __proto__ and constructor as ordinary usernames without touching Object.prototype', () => {
    const desired = parseDesiredState(
      'version: 1\nturso:\n  organizations:\n    __proto__:\n      members:\n        __proto__: admin\n        constructor: viewer\n',
      FILE,
    );
    const org = desired.turso?.organizations.get('__proto__');
    expect([...(org?.members ?? [])]).toEqual([
      ['__proto__', 'admin'],
      ['constructor', 'viewer'],
    ]);
    expect(({} as Record<string, unknown>).members).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('accepts bytes as well as text', () => {
    const desired = parseDesiredState(new TextEncoder().encode('version: 1\n'), FILE);
    expect(desired).toEqual({ version: 1 });
  });
});

describe('parseDesiredState: each kind of mistake, placed and explained', () => {
  const alicePath = 'turso.organizations.acme.members.alice';

  it.each<[string, string, Row[]]>([
    ['version missing', 'turso:\n  organizations: {}\n', [[1, 1, '', 'missing required key "version"']]],
    ['version 2', 'version: 2\n', [[1, 10, 'version', '2 is not supported; allowed: 1']]],
    ['version as text', 'version: "1"\n', [[1, 10, 'version', '"1" is not supported; allowed: 1']]],
    [
      'unknown top-level key',
      'version: 1\ntruso: {}\n',
      [[2, 1, 'truso', 'unknown key "truso"; allowed: version, turso, planetscale, people, groups']],
    ],
    [
      'misspelt members',
      'version: 1\nturso:\n  organizations:\n    acme:\n      membrs:\n        alice: admin\n',
      [
        [
          5,
          7,
          'turso.organizations.acme.membrs',
          'unknown key "membrs"; allowed: members, invites, prune; did you mean "members"?',
        ],
      ],
    ],
    [
      'owner role',
      `${TURSO_MEMBERS}        alice: owner\n`,
      [
        [
          6,
          16,
          alicePath,
          'role "owner" is not allowed; allowed: admin, member, viewer (owner cannot be set through the API)',
        ],
      ],
    ],
    [
      'role in the wrong case',
      `${TURSO_MEMBERS}        alice: Admin\n`,
      [[6, 16, alicePath, 'role "Admin" is not allowed; allowed: admin, member, viewer; did you mean "admin"?']],
    ],
    [
      'role given as a number',
      `${TURSO_MEMBERS}        alice: 1\n`,
      [[6, 16, alicePath, 'role must be text, got a number (1); allowed: admin, member, viewer']],
    ],
    [
      'role given as a boolean',
      `${TURSO_MEMBERS}        alice: true\n`,
      [[6, 16, alicePath, 'role must be text, got a boolean (true); allowed: admin, member, viewer']],
    ],
    [
      'role given as a list',
      `${TURSO_MEMBERS}        alice: [admin]\n`,
      [[6, 16, alicePath, 'role must be text, got a list; allowed: admin, member, viewer']],
    ],
    [
      'role left empty',
      `${TURSO_MEMBERS}        alice:\n`,
      [[6, 9, alicePath, 'role is missing; allowed: admin, member, viewer']],
    ],
    [
      'duplicate username',
      `${TURSO_MEMBERS}        alice: admin\n        bob: member\n        alice: viewer\n`,
      [[8, 9, alicePath, 'duplicate key "alice" (first at line 6)']],
    ],
    [
      'duplicate username, once quoted',
      `${TURSO_MEMBERS}        alice: admin\n        "alice": viewer\n`,
      [[7, 9, alicePath, 'duplicate key "alice" (first at line 6)']],
    ],
    [
      'duplicate username in another case (Turso accounts come from GitHub logins)',
      `${TURSO_MEMBERS}        alice: admin\n        bob: member\n        Alice: viewer\n`,
      [
        [
          8,
          9,
          'turso.organizations.acme.members.Alice',
          'duplicate username "Alice" (same as line 6, Turso usernames match case-insensitively)',
        ],
      ],
    ],
    [
      'duplicate username, once exactly and once in another case',
      `${TURSO_MEMBERS}        alice: admin\n        alice: member\n        ALICE: viewer\n`,
      [
        [7, 9, alicePath, 'duplicate key "alice" (first at line 6)'],
        [
          8,
          9,
          'turso.organizations.acme.members.ALICE',
          'duplicate username "ALICE" (same as line 6, Turso usernames match case-insensitively)',
        ],
      ],
    ],
    [
      'duplicate organization',
      'version: 1\nturso:\n  organizations:\n    acme: {members: {}}\n    acme: {members: {}}\n',
      [[5, 5, 'turso.organizations.acme', 'duplicate key "acme" (first at line 4)']],
    ],
    [
      'username with a space',
      `${TURSO_MEMBERS}        "alice smith": admin\n`,
      [
        [
          6,
          9,
          'turso.organizations.acme.members["alice smith"]',
          `Turso username "alice smith" is not allowed; allowed: ${NAME_RULE}`,
        ],
      ],
    ],
    [
      'organization slug with a slash',
      'version: 1\nturso:\n  organizations:\n    acme/prod:\n      members: {}\n',
      [
        [
          4,
          5,
          'turso.organizations.acme/prod',
          `Turso organization slug "acme/prod" is not allowed; allowed: ${NAME_RULE}`,
        ],
      ],
    ],
    [
      'empty username',
      `${TURSO_MEMBERS}        "": admin\n`,
      [[6, 9, 'turso.organizations.acme.members[""]', `Turso username "" is not allowed; allowed: ${NAME_RULE}`]],
    ],
    [
      'members as a list of names',
      `${TURSO_MEMBERS}        - alice\n`,
      [[6, 9, 'turso.organizations.acme.members', 'expected a mapping (key: value), got a list']],
    ],
    [
      'turso section left empty',
      'version: 1\nturso:\nplanetscale:\n  organizations: {}\n',
      [[2, 1, 'turso', 'expected a mapping (key: value), got nothing']],
    ],
    [
      'team members as one string',
      `${BACKEND_MEMBERS.slice(0, -1)} alice@example.com\n`,
      [
        [
          7,
          20,
          'planetscale.organizations.acme.teams.backend.members',
          'expected a list (one "- item" per line), got text "alice@example.com"',
        ],
      ],
    ],
    [
      'team without members',
      'version: 1\nplanetscale:\n  organizations:\n    acme:\n      teams:\n        backend: {}\n',
      [[6, 9, 'planetscale.organizations.acme.teams.backend', 'missing required key "members"']],
    ],
    [
      'not an email',
      `${BACKEND_MEMBERS}            - bob\n`,
      [[8, 15, 'planetscale.organizations.acme.teams.backend.members[0]', '"bob" is not an email address']],
    ],
    [
      'email given as a number',
      `${BACKEND_MEMBERS}            - 42\n`,
      [
        [
          8,
          15,
          'planetscale.organizations.acme.teams.backend.members[0]',
          'expected an email address, got a number (42)',
        ],
      ],
    ],
    [
      'duplicate email in another case',
      `${BACKEND_MEMBERS}            - alice@example.com\n            - bob@example.com\n            - Alice@Example.COM\n`,
      [
        [
          10,
          15,
          'planetscale.organizations.acme.teams.backend.members[2]',
          'duplicate email "Alice@Example.COM" (same as line 8, emails match case-insensitively)',
        ],
      ],
    ],
    ['top level is a list', '- version: 1\n', [[1, 1, '', 'expected a mapping (key: value), got a list']]],
    ['top level is text', 'hello\n', [[1, 1, '', 'expected a mapping (key: value), got text "hello"']]],
  ])('%s', (_name, text, rows) => {
    expect(issuesOf(text)).toEqual(rows.map(issue));
  });

  it('takes one username in another case in another organization', () => {
    const text =
      'version: 1\nturso:\n  organizations:\n    acme:\n      members: {alice: admin}\n    beta:\n      members: {Alice: admin}\n';
    expect([...(parseDesiredState(text, FILE).turso?.organizations.keys() ?? [])]).toEqual(['acme', 'beta']);
  });

  it('names odd keys in the path so that it can be read back', () => {
    const [found] = issuesOf('version: 1\nturso:\n  organizations:\n    acme.io:\n      members: []\n');
    expect(found?.path).toBe('turso.organizations["acme.io"].members');
  });
});

describe('parseDesiredState: names that would not stay one segment of an API URL are refused', () => {
  const turso = (org: string, user: string) =>
    `version: 1\nturso:\n  organizations:\n    ${org}:\n      members:\n        ${user}: admin\n`;
  const planetscale = (org: string, team: string) =>
    `version: 1\nplanetscale:\n  organizations:\n    ${org}:\n      teams:\n        ${team}:\n          members: []\n`;

  it.each<[string, string, Row]>([
    [
      'Turso organization "."',
      turso('"."', 'alice'),
      [4, 5, 'turso.organizations["."]', `Turso organization slug "." is not allowed; allowed: ${NAME_RULE}`],
    ],
    [
      'Turso organization ".."',
      turso('..', 'alice'),
      [4, 5, 'turso.organizations[".."]', `Turso organization slug ".." is not allowed; allowed: ${NAME_RULE}`],
    ],
    [
      'Turso username "."',
      turso('acme', '.'),
      [6, 9, 'turso.organizations.acme.members["."]', `Turso username "." is not allowed; allowed: ${NAME_RULE}`],
    ],
    [
      'Turso username ".."',
      turso('acme', "'..'"),
      [6, 9, 'turso.organizations.acme.members[".."]', `Turso username ".." is not allowed; allowed: ${NAME_RULE}`],
    ],
    [
      'PlanetScale organization ".."',
      planetscale('..', 'backend'),
      [
        4,
        5,
        'planetscale.organizations[".."]',
        `PlanetScale organization name ".." is not allowed; allowed: ${NAME_RULE}`,
      ],
    ],
    [
      'PlanetScale team "."',
      planetscale('acme', '.'),
      [
        6,
        9,
        'planetscale.organizations.acme.teams["."]',
        `PlanetScale team slug "." is not allowed; allowed: ${NAME_RULE}`,
      ],
    ],
    [
      'PlanetScale team ".."',
      planetscale('acme', '..'),
      [
        6,
        9,
        'planetscale.organizations.acme.teams[".."]',
        `PlanetScale team slug ".." is not allowed; allowed: ${NAME_RULE}`,
      ],
    ],
    [
      'a backslash',
      turso('acme', '"a\\\\b"'),
      [6, 9, 'turso.organizations.acme.members.a\\b', `Turso username "a\\\\b" is not allowed; allowed: ${NAME_RULE}`],
    ],
    [
      'a question mark',
      turso('acme', 'a?b'),
      [6, 9, 'turso.organizations.acme.members.a?b', `Turso username "a?b" is not allowed; allowed: ${NAME_RULE}`],
    ],
    [
      'a hash',
      turso('acme', 'a#b'),
      [6, 9, 'turso.organizations.acme.members.a#b', `Turso username "a#b" is not allowed; allowed: ${NAME_RULE}`],
    ],
    [
      'a percent sign',
      turso('acme', '"%2e%2e"'),
      [
        6,
        9,
        'turso.organizations.acme.members.%2e%2e',
        `Turso username "%2e%2e" is not allowed; allowed: ${NAME_RULE}`,
      ],
    ],
    [
      'a tab',
      turso('acme', '"a\\tb"'),
      [
        6,
        9,
        'turso.organizations.acme.members["a\\u{9}b"]',
        `Turso username "a\\u{9}b" is not allowed; allowed: ${NAME_RULE}`,
      ],
    ],
    [
      'a NUL',
      turso('acme', '"a\\0"'),
      [
        6,
        9,
        'turso.organizations.acme.members["a\\u{0}"]',
        `Turso username "a\\u{0}" is not allowed; allowed: ${NAME_RULE}`,
      ],
    ],
    [
      'a C1 control',
      turso('acme', '"a\\x85"'),
      [
        6,
        9,
        'turso.organizations.acme.members["a\\u{85}"]',
        `Turso username "a\\u{85}" is not allowed; allowed: ${NAME_RULE}`,
      ],
    ],
    [
      'a no-break space',
      turso('acme', '"a\\u00A0b"'),
      [
        6,
        9,
        'turso.organizations.acme.members["a\u00a0b"]',
        `Turso username "a\u00a0b" is not allowed; allowed: ${NAME_RULE}`,
      ],
    ],
    [
      'a zero-width space',
      turso('acme', '"al\\u200Bice"'),
      [
        6,
        9,
        'turso.organizations.acme.members["al\\u{200b}ice"]',
        `Turso username "al\\u{200b}ice" is not allowed; allowed: ${NAME_RULE}`,
      ],
    ],
    [
      'a bidirectional override',
      turso('"acme\\u202E"', 'alice'),
      [
        4,
        5,
        'turso.organizations["acme\\u{202e}"]',
        `Turso organization slug "acme\\u{202e}" is not allowed; allowed: ${NAME_RULE}`,
      ],
    ],
    [
      'a lone surrogate, which no URL can encode',
      turso('acme', '"a\\uD800"'),
      [
        6,
        9,
        'turso.organizations.acme.members["a\\u{d800}"]',
        `Turso username "a\\u{d800}" is not allowed; allowed: ${NAME_RULE}`,
      ],
    ],
  ])('%s', (_name, text, row) => {
    expect(issuesOf(text)).toEqual([issue(row)]);
  });

  it('keeps names with dots that are not "." or "..", and letters beyond ASCII', () => {
    const desired = parseDesiredState(
      `${turso('acme.io', '...')}        .alice: member\n        al.ice..: viewer\n        zoë: admin\n`,
      FILE,
    );
    expect([...(desired.turso?.organizations.get('acme.io')?.members.keys() ?? [])]).toEqual([
      '...',
      '.alice',
      'al.ice..',
      'zoë',
    ]);
  });
});
