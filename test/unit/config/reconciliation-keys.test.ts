import { describe, expect, it } from '@jest/globals';
import { parseDesiredState } from '../../../src/config/load-desired-state.js';
import type { DesiredState } from '../../../src/model/desired-state.js';
import { configErrorsFor, type IssueRow as Row } from '../../support/config-errors.js';
import { underBackendTeam, underPlanetScaleOrg, underTursoOrg } from '../../support/membership-yaml.js';

const FILE = 'membership.yaml';

/** Everything `prune`, `invites` and organization `members` put in the model; `absent` when a key is not there. */
function reconciliationOf(desired: DesiredState) {
  const mapOrAbsent = (map: ReadonlyMap<string, string> | undefined) => (map === undefined ? 'absent' : [...map]);
  return {
    turso: [...(desired.turso?.organizations ?? [])].map(([org, spec]) => ({
      org,
      prune: spec.prune,
      members: [...spec.members],
      invites: 'invites' in spec ? mapOrAbsent(spec.invites) : 'absent',
    })),
    planetscale: [...(desired.planetscale?.organizations ?? [])].map(([org, spec]) => ({
      org,
      members: 'members' in spec ? mapOrAbsent(spec.members) : 'absent',
      teams: [...spec.teams].map(([team, teamSpec]) => ({ team, prune: teamSpec.prune, members: teamSpec.members })),
    })),
  };
}

const { issuesOf, issue } = configErrorsFor(FILE);

type Expected = ReturnType<typeof reconciliationOf>;
const tursoOnly = (org: Expected['turso'][number]): Expected => ({ turso: [org], planetscale: [] });
const planetscaleOnly = (org: Expected['planetscale'][number]): Expected => ({ turso: [], planetscale: [org] });

describe('prune, invites and organization members: files that are valid', () => {
  it.each<[string, string, Expected]>([
    [
      'a Turso organization with every key, invite emails kept as written',
      underTursoOrg(
        '      prune: true\n      members:\n        alice: admin\n      invites:\n        New.Hire@Acme.dev: member\n        auditor@acme.dev: viewer\n',
      ),
      tursoOnly({
        org: 'acme',
        prune: true,
        members: [['alice', 'admin']],
        invites: [
          ['New.Hire@Acme.dev', 'member'],
          ['auditor@acme.dev', 'viewer'],
        ],
      }),
    ],
    [
      'no prune key: prune is false; no invites key: invites are not managed',
      underTursoOrg('      members:\n        alice: admin\n'),
      tursoOnly({ org: 'acme', prune: false, members: [['alice', 'admin']], invites: 'absent' }),
    ],
    [
      'invites: {} means no pending invite is wanted, unlike leaving the key out',
      underTursoOrg('      members: {}\n      invites: {}\n'),
      tursoOnly({ org: 'acme', prune: false, members: [], invites: [] }),
    ],
    [
      'prune: false written out',
      underTursoOrg('      members: {}\n      prune: false\n'),
      tursoOnly({ org: 'acme', prune: false, members: [], invites: 'absent' }),
    ],
    [
      'True and FALSE are booleans in YAML 1.2',
      `${underTursoOrg('      members: {}\n      prune: True\n')}    beta:\n      members: {}\n      prune: FALSE\n`,
      {
        turso: [
          { org: 'acme', prune: true, members: [], invites: 'absent' },
          { org: 'beta', prune: false, members: [], invites: 'absent' },
        ],
        planetscale: [],
      },
    ],
    [
      'a PlanetScale organization with members only: no teams',
      underPlanetScaleOrg(
        '      members:\n        alice@acme.dev: admin\n        Bob@Acme.dev: analyst\n        carol@acme.dev: custom_role\n',
      ),
      planetscaleOnly({
        org: 'acme',
        members: [
          ['alice@acme.dev', 'admin'],
          ['Bob@Acme.dev', 'analyst'],
          ['carol@acme.dev', 'custom_role'],
        ],
        teams: [],
      }),
    ],
    [
      'a PlanetScale organization with teams only: members are not managed, prune is false',
      underBackendTeam('          members: [alice@acme.dev]\n'),
      planetscaleOnly({
        org: 'acme',
        members: 'absent',
        teams: [{ team: 'backend', prune: false, members: ['alice@acme.dev'] }],
      }),
    ],
    [
      'members: {} on a PlanetScale organization, and a pruned team',
      underPlanetScaleOrg(
        '      members: {}\n      teams:\n        backend:\n          prune: true\n          members: []\n',
      ),
      planetscaleOnly({ org: 'acme', members: [], teams: [{ team: 'backend', prune: true, members: [] }] }),
    ],
    [
      'the same email as an organization member and in a team (no cross-check)',
      underPlanetScaleOrg(
        '      members:\n        alice@acme.dev: admin\n      teams:\n        backend:\n          members: [Alice@acme.dev]\n',
      ),
      planetscaleOnly({
        org: 'acme',
        members: [['alice@acme.dev', 'admin']],
        teams: [{ team: 'backend', prune: false, members: ['Alice@acme.dev'] }],
      }),
    ],
    [
      'the same invite email in two organizations',
      `${underTursoOrg('      members: {}\n      invites: {a@acme.dev: member}\n')}    beta:\n      members: {}\n      invites: {A@acme.dev: admin}\n`,
      {
        turso: [
          { org: 'acme', prune: false, members: [], invites: [['a@acme.dev', 'member']] },
          { org: 'beta', prune: false, members: [], invites: [['A@acme.dev', 'admin']] },
        ],
        planetscale: [],
      },
    ],
  ])('%s', (_name, text, expected) => {
    expect(reconciliationOf(parseDesiredState(text, FILE))).toEqual(expected);
  });

  it('leaves the optional keys out of the model when the file leaves them out', () => {
    const desired = parseDesiredState(
      'version: 1\nturso: {organizations: {acme: {members: {}}}}\nplanetscale: {organizations: {acme: {teams: {}}}}\n',
      FILE,
    );
    expect(desired.turso?.organizations.get('acme')).toEqual({ members: new Map(), prune: false });
    expect(desired.planetscale?.organizations.get('acme')).toEqual({ teams: new Map(), prune: false });
    expect(desired.turso?.organizations.get('acme')).not.toHaveProperty('invites');
    expect(desired.planetscale?.organizations.get('acme')).not.toHaveProperty('members');
  });
});

describe('prune, invites and organization members: each kind of mistake, placed and explained', () => {
  const tursoPrune = 'turso.organizations.acme.prune';
  const teamPrune = 'planetscale.organizations.acme.teams.backend.prune';
  const invites = 'turso.organizations.acme.invites';
  const orgMembers = 'planetscale.organizations.acme.members';
  const yes = 'allowed: true or false (YAML 1.2 reads yes, no, on and off as text)';
  const psRole = 'allowed: a PlanetScale role such as member, admin or analyst';

  it.each<[string, string, Row[]]>([
    [
      'prune: yes',
      underTursoOrg('      members: {}\n      prune: yes\n'),
      [[6, 14, tursoPrune, `prune must be a boolean, got text "yes"; ${yes}`]],
    ],
    [
      'prune: On',
      underTursoOrg('      members: {}\n      prune: On\n'),
      [[6, 14, tursoPrune, `prune must be a boolean, got text "On"; ${yes}`]],
    ],
    [
      'prune: "true" (quoted)',
      underTursoOrg('      members: {}\n      prune: "true"\n'),
      [[6, 14, tursoPrune, 'prune must be a boolean, got text "true"; allowed: true or false']],
    ],
    [
      'prune: 1',
      underTursoOrg('      members: {}\n      prune: 1\n'),
      [[6, 14, tursoPrune, 'prune must be a boolean, got a number (1); allowed: true or false']],
    ],
    [
      'prune left empty',
      underTursoOrg('      members: {}\n      prune:\n'),
      [[6, 7, tursoPrune, 'prune is missing; allowed: true or false']],
    ],
    [
      'team prune: off',
      underBackendTeam('          prune: off\n          members: []\n'),
      [[7, 18, teamPrune, `prune must be a boolean, got text "off"; ${yes}`]],
    ],
    [
      'prune on a PlanetScale organization',
      underPlanetScaleOrg('      prune: true\n      teams: {}\n'),
      [[5, 7, 'planetscale.organizations.acme.prune', '"prune" needs the key "members" beside it']],
    ],
    [
      'a misspelt key on a Turso organization names the new keys',
      underTursoOrg('      members: {}\n      invite: {}\n'),
      [
        [
          6,
          7,
          'turso.organizations.acme.invite',
          'unknown key "invite"; allowed: members, invites, prune; did you mean "invites"?',
        ],
      ],
    ],
    [
      'an invite by username instead of email',
      underTursoOrg('      members: {}\n      invites:\n        bob: member\n'),
      [[7, 9, `${invites}.bob`, '"bob" is not an email address']],
    ],
    [
      'an invite as owner',
      underTursoOrg('      members: {}\n      invites:\n        bob@acme.dev: owner\n'),
      [
        [
          7,
          23,
          `${invites}["bob@acme.dev"]`,
          'role "owner" is not allowed; allowed: admin, member, viewer (owner cannot be set through the API)',
        ],
      ],
    ],
    [
      'an invite with its role left empty',
      underTursoOrg('      members: {}\n      invites:\n        bob@acme.dev:\n'),
      [[7, 9, `${invites}["bob@acme.dev"]`, 'role is missing; allowed: admin, member, viewer']],
    ],
    [
      'invites as a list of emails',
      underTursoOrg('      members: {}\n      invites:\n        - bob@acme.dev\n'),
      [[7, 9, invites, 'expected a mapping (key: value), got a list']],
    ],
    [
      'invites left empty',
      underTursoOrg('      members: {}\n      invites:\n'),
      [[6, 7, invites, 'expected a mapping (key: value), got nothing']],
    ],
    [
      'an organization member by username instead of email',
      underPlanetScaleOrg('      members:\n        alice: admin\n'),
      [[6, 9, `${orgMembers}.alice`, '"alice" is not an email address']],
    ],
    [
      'an organization role in capitals',
      underPlanetScaleOrg('      members:\n        alice@acme.dev: Admin\n'),
      [[6, 25, `${orgMembers}["alice@acme.dev"]`, `role "Admin" is not allowed; ${psRole}; did you mean "admin"?`]],
    ],
    [
      'an organization role with a space',
      underPlanetScaleOrg('      members:\n        alice@acme.dev: org admin\n'),
      [[6, 25, `${orgMembers}["alice@acme.dev"]`, `role "org admin" is not allowed; ${psRole}`]],
    ],
    [
      'an organization role given as a number',
      underPlanetScaleOrg('      members:\n        alice@acme.dev: 1\n'),
      [[6, 25, `${orgMembers}["alice@acme.dev"]`, `role must be text, got a number (1); ${psRole}`]],
    ],
    [
      'an organization role given as a boolean',
      underPlanetScaleOrg('      members:\n        alice@acme.dev: true\n'),
      [[6, 25, `${orgMembers}["alice@acme.dev"]`, `role must be text, got a boolean (true); ${psRole}`]],
    ],
    [
      'an organization role left empty',
      underPlanetScaleOrg('      members:\n        alice@acme.dev:\n'),
      [[6, 9, `${orgMembers}["alice@acme.dev"]`, `role is missing; ${psRole}`]],
    ],
    [
      'an organization role as empty text',
      underPlanetScaleOrg('      members:\n        alice@acme.dev: ""\n'),
      [[6, 25, `${orgMembers}["alice@acme.dev"]`, `role "" is not allowed; ${psRole}`]],
    ],
    [
      'a PlanetScale organization with neither members nor teams',
      'version: 1\nplanetscale:\n  organizations:\n    acme: {}\n',
      [
        [
          4,
          5,
          'planetscale.organizations.acme',
          'missing required key "members" or "teams"; at least one of them is needed',
        ],
      ],
    ],
    [
      'a PlanetScale organization with only a misspelt key',
      underPlanetScaleOrg('      teems: {}\n'),
      [
        [
          5,
          7,
          'planetscale.organizations.acme.teems',
          'unknown key "teems"; allowed: members, teams, prune; did you mean "teams"?',
        ],
      ],
    ],
  ])('%s', (_name, text, rows) => {
    expect(issuesOf(text)).toEqual(rows.map(issue));
  });
});

describe('the same email twice, in any letter case', () => {
  const same = (line: number, email: string) =>
    `duplicate email ${JSON.stringify(email)} (same as line ${line}, emails match case-insensitively)`;

  it.each<[string, string, Row[]]>([
    [
      'in Turso invites',
      underTursoOrg(
        '      members: {}\n      invites:\n        bob@acme.dev: member\n        carol@acme.dev: member\n        Bob@ACME.dev: admin\n',
      ),
      [[9, 9, 'turso.organizations.acme.invites["Bob@ACME.dev"]', same(7, 'Bob@ACME.dev')]],
    ],
    [
      'in PlanetScale organization members',
      underPlanetScaleOrg('      members:\n        alice@acme.dev: admin\n        ALICE@acme.dev: member\n'),
      [[7, 9, 'planetscale.organizations.acme.members["ALICE@acme.dev"]', same(6, 'ALICE@acme.dev')]],
    ],
    [
      'three times: each repeat points at the first',
      underPlanetScaleOrg(
        '      members:\n        a@acme.dev: admin\n        A@acme.dev: admin\n        a@ACME.dev: admin\n',
      ),
      [
        [7, 9, 'planetscale.organizations.acme.members["A@acme.dev"]', same(6, 'A@acme.dev')],
        [8, 9, 'planetscale.organizations.acme.members["a@ACME.dev"]', same(6, 'a@ACME.dev')],
      ],
    ],
    [
      'written identically: reported once, as a duplicate key',
      underTursoOrg('      members: {}\n      invites:\n        bob@acme.dev: member\n        bob@acme.dev: admin\n'),
      [[8, 9, 'turso.organizations.acme.invites["bob@acme.dev"]', 'duplicate key "bob@acme.dev" (first at line 7)']],
    ],
  ])('%s', (_name, text, rows) => {
    expect(issuesOf(text)).toEqual(rows.map(issue));
  });
});
