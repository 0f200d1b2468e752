/**
 * The person form of the file (`people:` and `groups:`): what the reader builds from it, the
 * organizations and teams it adds to the provider sections, and every mistake it refuses, placed
 * and explained like any other.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { DATE_ALLOWED, PERSON_ID } from '../../../src/config/find-people-issues.js';
import { ISO_DATE } from '../../../src/model/people.js';
import { parseDesiredState } from '../../../src/config/load-desired-state.js';
import { formatConfigIssue } from '../../../src/errors.js';
import { configErrorsFor, type IssueRow as Row } from '../../support/config-errors.js';

const FILE = 'membership.yaml';
const { configErrorOf, issuesOf, issue } = configErrorsFor(FILE);

/** Maps as arrays of entries, all the way down, so that order is asserted too. */
function plain(value: unknown): unknown {
  // Not `instanceof Map`: a Map cloned across threads comes from another realm than the test's.
  if (Object.prototype.toString.call(value) === '[object Map]') {
    return [...(value as Map<unknown, unknown>)].map(([key, entry]) => [key, plain(entry)]);
  }
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, plain(entry)]));
  }
  return value;
}

const parse = (text: string) => parseDesiredState(text, FILE);

const ID_RULE = 'an ASCII letter, then ASCII letters, digits, ".", "_" or "-"';

describe('the person form: files that are valid', () => {
  it('reads people and groups in file order, with every default, and adds what groups grant', () => {
    const desired = parse(`version: 1
people:
  zed: {email: zed@acme.dev}
  alice: {email: alice@acme.dev, turso: alice-gh}
  carol: {email: carol@acme.dev, expires: 2027-01-31, revoke_credentials: true}
  zoe: {email: zoe@acme.dev, departed: true}
groups:
  data-eng:
    members: [alice, {person: carol, until: 2026-12-31}, {person: zed}]
    turso: {acme-data: member}
    planetscale:
      acme: {role: admin, teams: [backend, data]}
      beta: {}
  readers:
    members: []
    turso: {acme-data: viewer, acme-ops: viewer}
`);
    expect(plain(desired)).toEqual({
      version: 1,
      turso: {
        organizations: [
          ['acme-data', { members: [], prune: false }],
          ['acme-ops', { members: [], prune: false }],
        ],
      },
      planetscale: {
        organizations: [
          [
            'acme',
            {
              teams: [
                ['backend', { members: [], prune: false }],
                ['data', { members: [], prune: false }],
              ],
              members: [],
              prune: false,
            },
          ],
          ['beta', { teams: [], members: [], prune: false }],
        ],
      },
      people: {
        people: [
          ['zed', { email: 'zed@acme.dev', departed: false, revokeCredentials: false }],
          ['alice', { email: 'alice@acme.dev', turso: 'alice-gh', departed: false, revokeCredentials: false }],
          ['carol', { email: 'carol@acme.dev', expires: '2027-01-31', departed: false, revokeCredentials: true }],
          ['zoe', { email: 'zoe@acme.dev', departed: true, revokeCredentials: false }],
        ],
        groups: [
          [
            'data-eng',
            {
              members: [{ person: 'alice' }, { person: 'carol', until: '2026-12-31' }, { person: 'zed' }],
              turso: [['acme-data', 'member']],
              planetscale: [
                ['acme', { role: 'admin', teams: ['backend', 'data'] }],
                ['beta', { role: 'member', teams: [] }],
              ],
            },
          ],
          [
            'readers',
            {
              members: [],
              turso: [
                ['acme-data', 'viewer'],
                ['acme-ops', 'viewer'],
              ],
              planetscale: [],
            },
          ],
        ],
      },
    });
  });

  it('leaves out what the file leaves out: no turso, expires or until keys', () => {
    const desired = parse('version: 1\npeople:\n  bob: {email: bob@acme.dev}\ngroups:\n  g:\n    members: [bob]\n');
    const bob = desired.people?.people.get('bob');
    expect(bob).toEqual({ email: 'bob@acme.dev', departed: false, revokeCredentials: false });
    expect(Object.keys(bob ?? {})).toEqual(['email', 'departed', 'revokeCredentials']);
    expect(desired.people?.groups.get('g')?.members.map((entry) => Object.keys(entry))).toEqual([['person']]);
  });

  it('people without groups: an empty groups Map, and nothing added to the provider sections', () => {
    const desired = parse('version: 1\npeople:\n  bob: {email: bob@acme.dev}\n');
    expect(plain(desired)).toEqual({
      version: 1,
      people: { people: [['bob', { email: 'bob@acme.dev', departed: false, revokeCredentials: false }]], groups: [] },
    });
  });

  it('`people: {}` declares the person form with no one in it', () => {
    expect(plain(parse('version: 1\npeople: {}\n'))).toEqual({ version: 1, people: { people: [], groups: [] } });
  });

  it('keeps what the provider sections declare as written, and adds only what they lack', () => {
    const desired = parse(`version: 1
turso:
  organizations:
    acme-data:
      prune: true
      members: {bob: admin}
      invites: {new.hire@acme.dev: member}
planetscale:
  organizations:
    acme:
      prune: true
      members: {bob@acme.dev: admin}
      teams:
        backend: {prune: true, members: [bob@acme.dev]}
    beta:
      teams:
        ops: {members: [bob@acme.dev]}
people:
  alice: {email: alice@acme.dev}
groups:
  data-eng:
    members: [alice]
    turso: {acme-data: member}
    planetscale:
      acme: {teams: [backend, data]}
      beta: {teams: [ops]}
`);
    expect(plain(desired.turso)).toEqual({
      organizations: [
        ['acme-data', { prune: true, members: [['bob', 'admin']], invites: [['new.hire@acme.dev', 'member']] }],
      ],
    });
    expect(plain(desired.planetscale)).toEqual({
      organizations: [
        [
          'acme',
          {
            teams: [
              ['backend', { members: ['bob@acme.dev'], prune: true }],
              ['data', { members: [], prune: false }],
            ],
            members: [['bob@acme.dev', 'admin']],
            prune: true,
          },
        ],
        // No `members:` in the file: organization membership becomes managed, declaring no one.
        ['beta', { teams: [['ops', { members: ['bob@acme.dev'], prune: false }]], members: [], prune: false }],
      ],
    });
  });

  it('a version-1 file without people reads exactly as before: no people key, nothing added', () => {
    const desired = parse('version: 1\nturso:\n  organizations:\n    acme:\n      members: {alice: admin}\n');
    expect('people' in desired).toBe(false);
    expect(plain(desired)).toEqual({
      version: 1,
      turso: { organizations: [['acme', { members: [['alice', 'admin']], prune: false }]] },
    });
  });

  it('takes leap days, and ids with digits, dots, underscores and hyphens', () => {
    const desired = parse(
      'version: 1\npeople:\n  j.doe_2-x: {email: j@acme.dev, expires: 2028-02-29}\ngroups:\n  G1.a_b-c:\n    members: [j.doe_2-x]\n',
    );
    expect(desired.people?.people.get('j.doe_2-x')?.expires).toBe('2028-02-29');
    expect([...(desired.people?.groups.keys() ?? [])]).toEqual(['G1.a_b-c']);
  });

  it('a person form file survives the trip to the main thread (structured clone)', () => {
    const desired = parse(
      'version: 1\npeople:\n  a: {email: a@acme.dev}\ngroups:\n  g: {members: [a], turso: {acme: admin}}\n',
    );
    expect(plain(structuredClone(desired))).toEqual(plain(desired));
  });

  it('the shipped examples are valid', () => {
    const dir = new URL('../../../examples/', import.meta.url);
    const files = readdirSync(dir).filter((name) => name.endsWith('.yaml'));
    expect(files).toContain('people.yaml');
    for (const name of files) expect(() => parseDesiredState(readFileSync(new URL(name, dir)), name)).not.toThrow();
  });
});

describe('the person form: each kind of mistake, placed and explained', () => {
  const PEOPLE =
    'version: 1\npeople:\n  alice: {email: alice@acme.dev}\n  zoe: {email: zoe@acme.dev, departed: true}\n';
  /** PEOPLE, then group g whose members are `members` (a flow list's items). */
  const groupOf = (members: string) => `${PEOPLE}groups:\n  g:\n    members: [${members}]\n`;
  const member = (index: number) => `groups.g.members[${index}]`;

  it.each<[string, string, Row[]]>([
    [
      'groups without people',
      'version: 1\ngroups:\n  g: {members: []}\n',
      [[2, 1, 'groups', '"groups" needs the key "people" beside it']],
    ],
    [
      'a group member who is not a declared person, near a declared one',
      groupOf('alicee'),
      [
        [
          7,
          15,
          member(0),
          'unknown person "alicee"; allowed: a person id declared under people; did you mean "alice"?',
        ],
      ],
    ],
    [
      'a group member in another letter case',
      groupOf('Alice'),
      [[7, 15, member(0), 'unknown person "Alice"; allowed: a person id declared under people; did you mean "alice"?']],
    ],
    [
      'a group member nothing is close to',
      groupOf('{person: bob}'),
      [[7, 24, `${member(0)}.person`, 'unknown person "bob"; allowed: a person id declared under people']],
    ],
    [
      'a departed person in a group',
      groupOf('alice, zoe'),
      [
        [
          7,
          22,
          member(1),
          'person "zoe" has departed: true (line 4), so no group can grant them access; remove them from this group',
        ],
      ],
    ],
    [
      'a departed person in a group, with until',
      groupOf('{person: zoe, until: 2026-12-31}'),
      [
        [
          7,
          24,
          `${member(0)}.person`,
          'person "zoe" has departed: true (line 4), so no group can grant them access; remove them from this group',
        ],
      ],
    ],
    [
      'a person listed twice in one group, once with until',
      groupOf('alice, {person: alice, until: 2026-12-31}'),
      [[7, 31, `${member(1)}.person`, 'duplicate person "alice" (first at line 7); a group lists each person once']],
    ],
    [
      'a date that does not exist',
      groupOf('{person: alice, until: 2026-02-30}'),
      [
        [
          7,
          38,
          `${member(0)}.until`,
          'until "2026-02-30" is not a real day (February 2026 has 28 days); allowed: a day written YYYY-MM-DD that exists, such as 2026-12-31',
        ],
      ],
    ],
    [
      'a 31st in a month of 30 days, and 29 February out of a leap year',
      `${PEOPLE}  carol: {email: carol@acme.dev, expires: 2100-02-29}\ngroups:\n  g:\n    members: [{person: alice, until: 2026-04-31}]\n`,
      [
        [
          5,
          43,
          'people.carol.expires',
          'expires "2100-02-29" is not a real day (February 2100 has 28 days); allowed: a day written YYYY-MM-DD that exists, such as 2026-12-31',
        ],
        [
          8,
          38,
          `${member(0)}.until`,
          'until "2026-04-31" is not a real day (April 2026 has 30 days); allowed: a day written YYYY-MM-DD that exists, such as 2026-12-31',
        ],
      ],
    ],
    [
      'a date not written YYYY-MM-DD',
      `${PEOPLE}  carol: {email: carol@acme.dev, expires: 2027-1-31}\n`,
      [
        [
          5,
          43,
          'people.carol.expires',
          'expires "2027-1-31" is not allowed; allowed: a day written YYYY-MM-DD that exists, such as 2026-12-31',
        ],
      ],
    ],
    [
      'a date with a time',
      groupOf('{person: alice, until: 2026-12-31T12:00:00Z}'),
      [
        [
          7,
          38,
          `${member(0)}.until`,
          'until "2026-12-31T12:00:00Z" is not allowed; allowed: a day written YYYY-MM-DD that exists, such as 2026-12-31',
        ],
      ],
    ],
    [
      'a date as a number',
      `${PEOPLE}  carol: {email: carol@acme.dev, expires: 20271231}\n`,
      [
        [
          5,
          43,
          'people.carol.expires',
          'expires must be text, got a number (20271231); allowed: a day written YYYY-MM-DD that exists, such as 2026-12-31',
        ],
      ],
    ],
    [
      'two people with one email, in another case',
      `${PEOPLE}  alice2: {email: Alice@Acme.dev}\n`,
      [
        [
          5,
          19,
          'people.alice2.email',
          'duplicate email "Alice@Acme.dev" (same as line 3, emails match case-insensitively)',
        ],
      ],
    ],
    [
      'two people with one Turso username, in another case',
      'version: 1\npeople:\n  a: {email: a@acme.dev, turso: al}\n  b: {email: b@acme.dev, turso: AL}\n',
      [[4, 33, 'people.b.turso', 'duplicate username "AL" (same as line 3, Turso usernames match case-insensitively)']],
    ],
    [
      "a departed person's email among PlanetScale organization members",
      `${PEOPLE}planetscale:\n  organizations:\n    acme:\n      members: {Zoe@Acme.dev: member}\n`,
      [
        [
          8,
          17,
          'planetscale.organizations.acme.members["Zoe@Acme.dev"]',
          '"Zoe@Acme.dev" is the email of person "zoe", who has departed: true (line 4); remove this entry (the departure removes their access)',
        ],
      ],
    ],
    [
      "a departed person's email in a PlanetScale team",
      `${PEOPLE}planetscale:\n  organizations:\n    acme:\n      teams:\n        ops: {members: [bob@acme.dev, zoe@acme.dev]}\n`,
      [
        [
          9,
          39,
          'planetscale.organizations.acme.teams.ops.members[1]',
          '"zoe@acme.dev" is the email of person "zoe", who has departed: true (line 4); remove this entry (the departure removes their access)',
        ],
      ],
    ],
    [
      "a departed person's email among Turso invites, and their username among Turso members",
      'version: 1\npeople:\n  zoe: {email: zoe@acme.dev, turso: zoe-gh, departed: true}\n' +
        'turso:\n  organizations:\n    acme:\n      members: {Zoe-GH: admin}\n      invites: {zoe@acme.dev: member}\n',
      [
        [
          7,
          17,
          'turso.organizations.acme.members.Zoe-GH',
          '"Zoe-GH" is the Turso username of person "zoe", who has departed: true (line 3); remove this entry (the departure removes their access)',
        ],
        [
          8,
          17,
          'turso.organizations.acme.invites["zoe@acme.dev"]',
          '"zoe@acme.dev" is the email of person "zoe", who has departed: true (line 3); remove this entry (the departure removes their access)',
        ],
      ],
    ],
    [
      'a team twice in one grant',
      `${PEOPLE}groups:\n  g:\n    members: []\n    planetscale:\n      acme: {teams: [backend, ops, backend]}\n`,
      [[9, 36, 'groups.g.planetscale.acme.teams[2]', 'duplicate team "backend" (first at line 9)']],
    ],
    [
      'a person id that is not a slug',
      'version: 1\npeople:\n  "alice smith": {email: alice@acme.dev}\n',
      [[3, 3, 'people["alice smith"]', `Person id "alice smith" is not allowed; allowed: ${ID_RULE}`]],
    ],
    [
      'a person id starting with a digit',
      'version: 1\npeople:\n  007: {email: bond@acme.dev}\n',
      [[3, 3, 'people.007', `Person id "007" is not allowed; allowed: ${ID_RULE}`]],
    ],
    [
      'a group name that is not a slug, and a member id that is not one either',
      `${PEOPLE}groups:\n  "data eng":\n    members: ["a/b"]\n`,
      [
        [6, 3, 'groups["data eng"]', `Group name "data eng" is not allowed; allowed: ${ID_RULE}`],
        [7, 15, 'groups["data eng"].members[0]', `person id "a/b" is not allowed; allowed: ${ID_RULE}`],
      ],
    ],
    [
      'a group member that is neither an id nor a mapping',
      groupOf('42, [alice], '),
      [
        [7, 15, member(0), 'expected a person id, or a mapping with person: and optionally until:, got a number (42)'],
        [7, 19, member(1), 'expected a person id, or a mapping with person: and optionally until:, got a list'],
      ],
    ],
    [
      'a group member mapping without person, and with a misspelt key',
      groupOf('{until: 2026-12-31}, {person: alice, untill: 2026-12-31}'),
      [
        [7, 15, member(0), 'missing required key "person"'],
        [7, 52, `${member(1)}.untill`, 'unknown key "untill"; allowed: person, until; did you mean "until"?'],
      ],
    ],
    [
      'a misspelt email key (not also said to be missing), and an email that is not one',
      'version: 1\npeople:\n  a: {emal: a@acme.dev}\n  b: {email: b}\n',
      [
        [
          3,
          7,
          'people.a.emal',
          'unknown key "emal"; allowed: email, turso, departed, expires, revoke_credentials; did you mean "email"?',
        ],
        [4, 14, 'people.b.email', '"b" is not an email address'],
      ],
    ],
    [
      'departed: yes',
      'version: 1\npeople:\n  a: {email: a@acme.dev, departed: yes}\n',
      [
        [
          3,
          36,
          'people.a.departed',
          'departed must be a boolean, got text "yes"; allowed: true or false (YAML 1.2 reads yes, no, on and off as text)',
        ],
      ],
    ],
    [
      'a group without members, and a Turso role in the wrong case',
      `${PEOPLE}groups:\n  g:\n    turso: {acme: Admin}\n`,
      [
        [6, 3, 'groups.g', 'missing required key "members"'],
        [
          7,
          19,
          'groups.g.turso.acme',
          'role "Admin" is not allowed; allowed: admin, member, viewer; did you mean "admin"?',
        ],
      ],
    ],
    [
      'a PlanetScale grant with a misspelt key and a role in capitals',
      `${PEOPLE}groups:\n  g:\n    members: []\n    planetscale:\n      acme: {role: Admin, team: [backend]}\n`,
      [
        [
          9,
          20,
          'groups.g.planetscale.acme.role',
          'role "Admin" is not allowed; allowed: a PlanetScale role such as member, admin or analyst; did you mean "admin"?',
        ],
        [9, 27, 'groups.g.planetscale.acme.team', 'unknown key "team"; allowed: role, teams; did you mean "teams"?'],
      ],
    ],
    [
      'a misspelt top-level key',
      'version: 1\npeeple: {}\n',
      [
        [
          2,
          1,
          'peeple',
          'unknown key "peeple"; allowed: version, turso, planetscale, people, groups; did you mean "people"?',
        ],
      ],
    ],
  ])('%s', (_name, text, rows) => {
    expect(issuesOf(text)).toEqual(rows.map(issue));
  });

  it('reports every mistake of the person form in one error, in file order', () => {
    const text = `version: 1
people:
  alice: {email: alice@acme.dev}
  bob: {email: ALICE@acme.dev, expires: 2027-02-30}
  zoe: {email: zoe@acme.dev, departed: true}
groups:
  g:
    members: [alicee, zoe, bob, bob]
planetscale:
  organizations:
    acme:
      members: {zoe@acme.dev: member}
`;
    expect(configErrorOf(text).issues.map(formatConfigIssue)).toEqual([
      `${FILE}:4:16 people.bob.email: duplicate email "ALICE@acme.dev" (same as line 3, emails match case-insensitively)`,
      `${FILE}:4:41 people.bob.expires: expires "2027-02-30" is not a real day (February 2027 has 28 days); allowed: a day written YYYY-MM-DD that exists, such as 2026-12-31`,
      `${FILE}:8:15 groups.g.members[0]: unknown person "alicee"; allowed: a person id declared under people; did you mean "alice"?`,
      `${FILE}:8:23 groups.g.members[1]: person "zoe" has departed: true (line 5), so no group can grant them access; remove them from this group`,
      `${FILE}:8:33 groups.g.members[3]: duplicate person "bob" (first at line 8); a group lists each person once`,
      `${FILE}:12:17 planetscale.organizations.acme.members["zoe@acme.dev"]: "zoe@acme.dev" is the email of person "zoe", who has departed: true (line 5); remove this entry (the departure removes their access)`,
    ]);
  });

  it('groups without people: only that is said, not that every member is unknown', () => {
    expect(issuesOf('version: 1\ngroups:\n  g: {members: [alice, bob]}\n').map((found) => found.message)).toEqual([
      '"groups" needs the key "people" beside it',
    ]);
  });

  it('quotes at most 60 characters of an unknown id, and suggests nothing for a long one', () => {
    const id = `a${'b'.repeat(200)}`;
    const [found] = issuesOf(`${PEOPLE.replace('alice:', `${id}x:`)}groups:\n  g: {members: [${id}]}\n`);
    expect(found?.message).toBe(`unknown person "${id.slice(0, 60)}…"; allowed: a person id declared under people`);
  });

  it('with many unknown ids, suggests for the first 100 only (the most an error shows)', () => {
    const people = Array.from({ length: 200 }, (_, index) => `  person${index}: {email: p${index}@acme.dev}\n`);
    const members = Array.from({ length: 150 }, (_, index) => `person${index}x`).join(', ');
    const text = `version: 1\npeople:\n${people.join('')}groups:\n  g: {members: [${members}]}\n`;
    const messages = configErrorOf(text, {
      maxFileBytes: 1 << 20,
      maxYamlTokens: 100_000,
      maxNestingDepth: 32,
      maxReportedIssues: 200,
    }).issues.map((found) => found.message);
    expect(messages).toHaveLength(150);
    expect(messages.filter((message) => message.includes('did you mean'))).toHaveLength(100);
  });
});

describe('the checks in code follow membership.schema.json', () => {
  const schema = JSON.parse(readFileSync(new URL('../../../membership.schema.json', import.meta.url), 'utf8')) as {
    definitions: Record<string, { pattern?: string; properties?: Record<string, Record<string, unknown>> }>;
  };
  const { definitions } = schema;

  it('person ids and group names', () => {
    expect(definitions.personId?.pattern).toBe(PERSON_ID.source);
    expect(definitions.groupName?.pattern).toBe(PERSON_ID.source);
  });

  it('dates, and what messages say they may be', () => {
    for (const date of [definitions.person?.properties?.expires, definitions.groupMembership?.properties?.until]) {
      expect(date?.pattern).toBe(ISO_DATE.source);
      expect(date?.['x-allowed']).toBe(DATE_ALLOWED);
    }
  });
});
