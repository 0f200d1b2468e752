/**
 * Mistakes a new user makes, each answered by one message that says how to fix it: a mis-indented
 * line names the line to align with; a near miss of a key or a role says "did you mean".
 */
import { describe, expect, it } from '@jest/globals';
import { configErrorsFor, type IssueRow } from '../../support/config-errors.js';

const { issuesOf, issue } = configErrorsFor('membership.yaml');

const HEAD = 'version: 1\nturso:\n  organizations:\n    acme:\n      members:\n';
const TEAM =
  'version: 1\nplanetscale:\n  organizations:\n    acme:\n      teams:\n        backend:\n          members:\n';

describe('a mis-indented line: one message naming the line it should align with', () => {
  it.each<[string, string, IssueRow]>([
    [
      'a key one space further in than the key above it',
      `${HEAD}        alice: admin\n         bob: member\n`,
      [
        7,
        10,
        '',
        'line 7 is indented 9 spaces, inconsistent with line 6 (8 spaces): line 6 already has a value, so nothing can be nested under it; indent line 7 by 8 spaces like line 6',
      ],
    ],
    [
      'a key one space further out than its siblings',
      `${HEAD}        alice: admin\n       bob: member\n`,
      [
        7,
        8,
        '',
        'line 7 is indented 7 spaces, inconsistent with line 6 (8 spaces): the keys of one mapping must start in the same column; indent line 7 by 8 spaces like line 6',
      ],
    ],
    [
      'a key halfway back to its parent, nearer the parent',
      `${HEAD}            alice: admin\n          bob: member\n        carol: viewer\n`,
      [
        7,
        11,
        '',
        'line 7 is indented 10 spaces, inconsistent with line 6 (12 spaces): the keys of one mapping must start in the same column; indent line 7 by 12 spaces like line 6',
      ],
    ],
    [
      'a list item one space further out than the item above',
      `${TEAM}            - alice@acme.dev\n           - bob@acme.dev\n`,
      [
        9,
        12,
        '',
        'line 9 is indented 11 spaces, inconsistent with line 8 (12 spaces): the items of one list must start in the same column; indent line 9 by 12 spaces like line 8',
      ],
    ],
    [
      'a list item one space further in, which YAML reads as more of the item above',
      `${TEAM}            - alice@acme.dev\n             - bob@acme.dev\n`,
      [
        9,
        14,
        'planetscale.organizations.acme.teams.backend.members[0]',
        "line 9 is indented 13 spaces, inconsistent with line 8 (12 spaces): line 8 already has a value, so nothing can be nested under it; indent line 9 by 12 spaces like line 8 (YAML reads it as more of line 8's value)",
      ],
    ],
    [
      'a top-level key indented',
      'version: 1\n turso:\n  organizations: {}\n',
      [
        2,
        2,
        '',
        'line 2 is indented 1 space, inconsistent with line 1 (0 spaces): line 1 already has a value, so nothing can be nested under it; start line 2 in the first column like line 1',
      ],
    ],
    [
      'an organization indented one space less than the one above',
      `${HEAD}        alice: admin\n   beta:\n      members: {}\n`,
      [
        7,
        4,
        '',
        'line 7 is indented 3 spaces, inconsistent with line 4 (4 spaces): the keys of one mapping must start in the same column; indent line 7 by 4 spaces like line 4',
      ],
    ],
    [
      'a list item under its key, one space out of line',
      `${TEAM}          - alice@acme.dev\n         - bob@acme.dev\n`,
      [
        9,
        10,
        '',
        'line 9 is indented 9 spaces, inconsistent with line 8 (10 spaces): the items of one list must start in the same column; indent line 9 by 10 spaces like line 8',
      ],
    ],
    [
      'comments and blank lines in between are not lines to align with',
      `${HEAD}        alice: admin # the lead\n\n   # a comment anywhere\n       bob: member\n`,
      [
        9,
        8,
        '',
        'line 9 is indented 7 spaces, inconsistent with line 6 (8 spaces): the keys of one mapping must start in the same column; indent line 9 by 8 spaces like line 6',
      ],
    ],
    [
      'a tab in the indentation',
      `${HEAD}        alice: admin\n\t\tbob: member\n`,
      [7, 1, '', 'line 7 is indented with a tab; YAML indentation must be spaces: replace the tab with spaces'],
    ],
  ])('%s', (_name, text, row) => {
    expect(issuesOf(text)).toEqual([issue(row)]);
  });

  it('leaves the parser to explain what is not about indentation', () => {
    expect(issuesOf(`${HEAD}        alice: [admin\n`).map((found) => found.message)).toEqual([
      'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('quotes none of the file in the message, however long the line', () => {
    const [found] = issuesOf(`${HEAD}        alice: admin\n         ${'x'.repeat(10_000)}: member\n`);
    expect(found?.message.length).toBeLessThan(200);
  });
});

describe('did you mean: a near miss of a key or a role', () => {
  it.each<[string, string, IssueRow[]]>([
    [
      'a role in capitals',
      `${HEAD}        alice: Admin\n`,
      [
        [
          6,
          16,
          'turso.organizations.acme.members.alice',
          'role "Admin" is not allowed; allowed: admin, member, viewer; did you mean "admin"?',
        ],
      ],
    ],
    [
      'a misspelt role',
      `${HEAD}        bob: memeber\n`,
      [
        [
          6,
          14,
          'turso.organizations.acme.members.bob',
          'role "memeber" is not allowed; allowed: admin, member, viewer; did you mean "member"?',
        ],
      ],
    ],
    [
      'a role nothing is close to',
      `${HEAD}        bob: boss\n`,
      [[6, 14, 'turso.organizations.acme.members.bob', 'role "boss" is not allowed; allowed: admin, member, viewer']],
    ],
    [
      '`member:` for `members:`, without also saying that members is missing',
      'version: 1\nturso:\n  organizations:\n    acme:\n      member:\n        alice: admin\n',
      [
        [
          5,
          7,
          'turso.organizations.acme.member',
          'unknown key "member"; allowed: members, invites, prune; did you mean "members"?',
        ],
      ],
    ],
    [
      'British spelling of organizations',
      'version: 1\nturso:\n  organisations: {}\n',
      [
        [
          3,
          3,
          'turso.organisations',
          'unknown key "organisations"; allowed: organizations; did you mean "organizations"?',
        ],
      ],
    ],
    [
      'prunee',
      `${HEAD}        alice: admin\n      prunee: true\n`,
      [
        [
          7,
          7,
          'turso.organizations.acme.prunee',
          'unknown key "prunee"; allowed: members, invites, prune; did you mean "prune"?',
        ],
      ],
    ],
    [
      'a misspelt provider section',
      'version: 1\ntursso:\n  organizations: {}\n',
      [
        [
          2,
          1,
          'tursso',
          'unknown key "tursso"; allowed: version, turso, planetscale, people, groups; did you mean "turso"?',
        ],
      ],
    ],
    [
      'a key nothing is close to',
      'version: 1\ngithub:\n  organizations: {}\n',
      [[2, 1, 'github', 'unknown key "github"; allowed: version, turso, planetscale, people, groups']],
    ],
  ])('%s', (_name, text, rows) => {
    expect(issuesOf(text)).toEqual(rows.map(issue));
  });
});
