/**
 * `export --people`: people by email, one group per distinct set of grants, what cannot be a
 * person's grant left in the provider sections; and the round trip: the YAML, read the way the
 * config reader reads the person form, plans back to no changes and no drift.
 */
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import type {
  DesiredState,
  PlanetScaleOrganizationSpec,
  TursoOrganizationSpec,
  TursoRole,
} from '../../../src/model/desired-state.js';
import type { Observed, ObservedTursoOrganization } from '../../../src/model/observed.js';
import type { Group, Person } from '../../../src/model/people.js';
import { DEFAULT_PLAN_OPTIONS } from '../../../src/model/plan.js';
import { createPlan } from '../../../src/planner/create-plan.js';
import { exportPeople, renderExportPeopleYaml } from '../../../src/render/render-export-people.js';
import { observed, planetscaleOrg } from '../../support/builders.js';

function tursoOrg(
  members: Record<string, [role: string, email?: string]>,
  invites: Record<string, string> = {},
): ObservedTursoOrganization {
  return {
    type: 'team',
    tokenUser: 'olga',
    members: new Map(
      Object.entries(members).map(([username, [role, email]]) => [
        username.toLowerCase(),
        { username, role, ...(email === undefined ? {} : { email }) },
      ]),
    ),
    invites: new Map(
      Object.entries(invites).map(([email, role]) => [
        email.toLowerCase(),
        { email, role, createdAt: '2026-11-20T00:00:00Z' },
      ]),
    ),
  };
}

function state(): Observed {
  return observed({
    turso: {
      'acme-data': tursoOrg(
        {
          olga: ['owner', 'olga@acme.dev'],
          'alice-gh': ['admin', 'Alice@acme.dev'],
          bob: ['member', 'bob@acme.dev'],
          carol: ['member', 'carol@acme.dev'],
          erin: ['viewer'],
        },
        { 'new@ext.dev': 'member' },
      ),
      beta: tursoOrg({
        olga: ['owner', 'olga@acme.dev'],
        'alice-gh': ['member', 'Alice@acme.dev'],
        dup1: ['member', 'dup@acme.dev'],
        dup2: ['viewer', 'dup@acme.dev'],
      }),
    },
    planetscale: {
      acme: planetscaleOrg(
        {
          'olga@acme.dev': 'u-olga',
          'alice@acme.dev': 'u-alice',
          'alice@other.dev': 'u-alice2',
          'bob@acme.dev': 'u-bob',
          'carol@acme.dev': 'u-carol',
          '1337@acme.dev': 'u-1337',
        },
        { backend: ['alice@acme.dev', 'bob@acme.dev'], data: ['carol@acme.dev'], ops: [] },
        [],
        {
          roles: { 'olga@acme.dev': 'admin', 'alice@acme.dev': 'admin' },
          invitations: { 'late@acme.dev': { role: 'member', createdAt: '2026-11-01T00:00:00Z' } },
        },
      ),
    },
  });
}

const SCOPES = { turso: ['acme-data', 'beta'], planetscale: ['acme'] };

describe('exportPeople', () => {
  const exported = exportPeople(state(), SCOPES);

  it('makes one person per email, ids from the local part (slug-safe, unique, starting with a letter)', () => {
    expect([...exported.people]).toEqual([
      ['alice-acme', 'alice@acme.dev'],
      ['alice-other', 'alice@other.dev'],
      ['bob', 'bob@acme.dev'],
      ['carol', 'carol@acme.dev'],
      ['olga', 'olga@acme.dev'],
      ['person-1337', '1337@acme.dev'],
    ]);
  });

  it('makes one group per distinct set of grants, named after what it grants', () => {
    expect(
      [...exported.groups].map(([name, group]) => [
        name,
        group.members,
        [...group.turso],
        [...group.planetscale].map(([org, grant]) => [org, grant.role, grant.teams]),
      ]),
    ).toEqual([
      // 69 characters: too long to keep, so numbered.
      [
        'group-1',
        ['alice-acme'],
        [
          ['acme-data', 'admin'],
          ['beta', 'member'],
        ],
        [['acme', 'admin', ['backend']]],
      ],
      ['planetscale-acme-admin', ['olga'], [], [['acme', 'admin', []]]],
      ['planetscale-acme-member', ['alice-other', 'person-1337'], [], [['acme', 'member', []]]],
      [
        'turso-acme-data-member-planetscale-acme-member-backend',
        ['bob'],
        [['acme-data', 'member']],
        [['acme', 'member', ['backend']]],
      ],
      [
        'turso-acme-data-member-planetscale-acme-member-data',
        ['carol'],
        [['acme-data', 'member']],
        [['acme', 'member', ['data']]],
      ],
    ]);
  });

  it('keeps in the provider sections: members without an email (or sharing one), owners as a comment, invites, empty teams', () => {
    expect(exported.turso.get('acme-data')).toEqual({
      members: new Map([['erin', 'viewer']]),
      invites: new Map([['new@ext.dev', 'member']]),
      owners: ['olga'],
    });
    expect(exported.turso.get('beta')).toEqual({
      members: new Map([
        ['dup1', 'member'],
        ['dup2', 'viewer'],
      ]),
      invites: new Map(),
      owners: ['olga'],
    });
    expect(exported.planetscale.get('acme')).toEqual({
      invitations: new Map([['late@acme.dev', 'member']]),
      teams: new Map([['ops', []]]),
    });
  });

  it('names a group `group-N` when its name would be too long', () => {
    const many = observed({
      turso: Object.fromEntries(
        ['one-long-organization', 'two-long-organization', 'three-long-organization'].map((org) => [
          org,
          tursoOrg({ zed: ['member', 'zed@acme.dev'] }),
        ]),
      ),
    });
    const result = exportPeople(many, {
      turso: ['one-long-organization', 'two-long-organization', 'three-long-organization'],
      planetscale: [],
    });
    expect([...result.groups.keys()]).toEqual(['group-1']);
  });
});

describe('renderExportPeopleYaml', () => {
  const yaml = renderExportPeopleYaml(exportPeople(state(), SCOPES), ['Exported for a test.']);

  it('writes the schema line first, people, groups, then the provider sections', () => {
    expect(yaml.split('\n').slice(0, 6)).toEqual([
      '# yaml-language-server: $schema=./membership.schema.json',
      '#',
      '# Exported for a test.',
      '',
      'version: 1',
      'people:',
    ]);
    expect(yaml).toContain('  alice-acme: { email: alice@acme.dev }\n');
    expect(yaml).toContain(
      '  turso-acme-data-member-planetscale-acme-member-backend:\n' +
        '    members: [ bob ]\n' +
        '    turso: { acme-data: member }\n' +
        '    planetscale:\n' +
        '      acme: { role: member, teams: [ backend ] }\n',
    );
    expect(yaml).toContain(
      'turso:\n  organizations:\n    acme-data:\n' +
        '      # owners (cannot be declared; no API can grant the role): olga\n' +
        '      members:\n        erin: viewer\n' +
        '      invites:\n        # pending invites: people once they accept\n        new@ext.dev: member\n',
    );
    expect(yaml).toContain(
      'planetscale:\n  organizations:\n    acme:\n      members:\n' +
        '        # pending invitations: people once they accept\n        late@acme.dev: member\n' +
        '      teams:\n        ops:\n          members: []\n',
    );
  });

  it('plans back to no changes and no drift, read as the config reader reads the person form', () => {
    const desired = readPersonForm(parse(yaml) as PersonFormFile);
    const plan = createPlan(desired, state(), { ...DEFAULT_PLAN_OPTIONS, now: Date.parse('2026-12-01T00:00:00Z') });
    expect(plan.changes).toEqual([]);
    expect(plan.drift).toEqual([]);
    expect(plan.problems).toEqual([]);
  });

  it('is the same for the same state, whatever order the APIs listed it in', () => {
    const reordered = state();
    const turso = new Map([...reordered.turso].reverse());
    expect(renderExportPeopleYaml(exportPeople({ ...reordered, turso }, SCOPES), ['Exported for a test.'])).toBe(yaml);
  });
});

interface PersonFormFile {
  people?: Record<string, { email: string; turso?: string }>;
  groups?: Record<
    string,
    {
      members: string[];
      turso?: Record<string, TursoRole>;
      planetscale?: Record<string, { role?: string; teams?: string[] }>;
    }
  >;
  turso?: {
    organizations: Record<string, { members: Record<string, TursoRole>; invites?: Record<string, TursoRole> }>;
  };
  planetscale?: {
    organizations: Record<string, { members?: Record<string, string>; teams?: Record<string, { members: string[] }> }>;
  };
}

/**
 * The person form as design (notes/people-design.md) says the config reader reads it: every
 * organization and team a group grants is added to the provider sections, declaring no one
 * (a PlanetScale organization a group grants gets `members: {}` when the file has none).
 */
function readPersonForm(file: PersonFormFile): DesiredState {
  const people = new Map<string, Person>(
    Object.entries(file.people ?? {}).map(([id, person]) => [
      id,
      {
        email: person.email,
        ...(person.turso ? { turso: person.turso } : {}),
        departed: false,
        revokeCredentials: false,
      },
    ]),
  );
  const groups = new Map<string, Group>(
    Object.entries(file.groups ?? {}).map(([name, group]) => [
      name,
      {
        members: group.members.map((person) => ({ person })),
        turso: new Map(Object.entries(group.turso ?? {})),
        planetscale: new Map(
          Object.entries(group.planetscale ?? {}).map(([org, grant]) => [
            org,
            { role: grant.role ?? 'member', teams: grant.teams ?? [] },
          ]),
        ),
      },
    ]),
  );
  const turso = new Map<string, TursoOrganizationSpec>(
    Object.entries(file.turso?.organizations ?? {}).map(([org, spec]) => [
      org,
      {
        members: new Map(Object.entries(spec.members)),
        ...(spec.invites ? { invites: new Map(Object.entries(spec.invites)) } : {}),
        prune: false,
      },
    ]),
  );
  const planetscale = new Map<string, PlanetScaleOrganizationSpec>(
    Object.entries(file.planetscale?.organizations ?? {}).map(([org, spec]) => [
      org,
      {
        teams: new Map(
          Object.entries(spec.teams ?? {}).map(([team, { members }]) => [team, { members, prune: false }]),
        ),
        ...(spec.members ? { members: new Map(Object.entries(spec.members)) } : {}),
        prune: false,
      },
    ]),
  );
  for (const group of groups.values()) {
    for (const org of group.turso.keys()) if (!turso.has(org)) turso.set(org, { members: new Map(), prune: false });
    for (const [org, grant] of group.planetscale) {
      const spec: PlanetScaleOrganizationSpec = planetscale.get(org) ?? { teams: new Map(), prune: false };
      const teams = new Map(spec.teams);
      for (const team of grant.teams) if (!teams.has(team)) teams.set(team, { members: [], prune: false });
      planetscale.set(org, { ...spec, teams, members: spec.members ?? new Map() });
    }
  }
  return {
    version: 1,
    people: { people, groups },
    turso: { organizations: turso },
    planetscale: { organizations: planetscale },
  };
}
