/** The person form in the planner: groups, highest grant, departed people, ended and ending grants. */
import { describe, expect, it } from '@jest/globals';
import type { DesiredState } from '../../../src/model/desired-state.js';
import type { Group, Person } from '../../../src/model/people.js';
import { DEFAULT_PLAN_OPTIONS } from '../../../src/model/plan.js';
import { createPlan } from '../../../src/planner/create-plan.js';
import { selectTargets } from '../../../src/planner/select-targets.js';
import { formatScope } from '../../../src/model/scope.js';
import {
  desiredOf,
  observed,
  planetscaleOrg,
  planetscaleSpec,
  teamSpec,
  tursoOrg,
  tursoSpec,
} from '../../support/builders.js';

const DAY = 24 * 60 * 60 * 1000;
const on = (date: string) => Date.parse(`${date}T12:00:00Z`);

function person(email: string, extra: Partial<Person> = {}): Person {
  return { email, departed: false, revokeCredentials: false, ...extra };
}

function group(
  members: Group['members'],
  turso: Record<string, 'admin' | 'member' | 'viewer'> = {},
  planetscale: Record<string, { role: string; teams: string[] }> = {},
): Group {
  return { members, turso: new Map(Object.entries(turso)), planetscale: new Map(Object.entries(planetscale)) };
}

/** The file as the reader builds it: the organizations groups grant are in the provider sections. */
function withPeople(base: DesiredState, people: Record<string, Person>, groups: Record<string, Group>): DesiredState {
  return { ...base, people: { people: new Map(Object.entries(people)), groups: new Map(Object.entries(groups)) } };
}

const PEOPLE = {
  alice: person('alice@acme.dev'),
  bob: person('bob@acme.dev'),
  carol: person('carol@acme.dev'),
  zoe: person('zoe@acme.dev', { departed: true }),
};

function plan(want: DesiredState, have = observed({}), now = on('2026-12-01'), days = 14) {
  return createPlan(want, have, { ...DEFAULT_PLAN_OPTIONS, maxRemovals: 10, now, expiryWarningDays: days });
}

describe('groups', () => {
  it('grant every member each scope they list, on both providers, and every change says which group', () => {
    const want = withPeople(
      desiredOf({
        turso: { 'acme-data': tursoSpec({}) },
        planetscale: { acme: planetscaleSpec({ backend: teamSpec([]) }, {}) },
      }),
      PEOPLE,
      {
        'data-eng': group(
          [{ person: 'alice' }],
          { 'acme-data': 'member' },
          { acme: { role: 'member', teams: ['backend'] } },
        ),
      },
    );
    const have = observed({
      // Turso reports alice@acme.dev for the account `alice`: matched by email.
      turso: { 'acme-data': tursoOrg({ alice: 'viewer' }, 'team', { invites: {} }) },
      planetscale: { acme: planetscaleOrg({ 'alice@acme.dev': 'u-alice' }, { backend: [] }, [], { invitations: {} }) },
    });
    expect(plan(want, have).changes).toEqual([
      {
        provider: 'turso',
        action: 'change_role',
        organization: 'acme-data',
        member: 'alice',
        role: 'member',
        previous_role: 'viewer',
        because: ['group:data-eng'],
      },
      {
        provider: 'planetscale',
        action: 'add',
        organization: 'acme',
        team: 'backend',
        member: 'alice@acme.dev',
        user_id: 'u-alice',
        because: ['group:data-eng'],
      },
    ]);
  });

  it('invite a person Turso does not know by email, and one PlanetScale does not know to the organization', () => {
    const want = withPeople(
      desiredOf({
        turso: { 'acme-data': tursoSpec({}) },
        planetscale: { acme: planetscaleSpec({ backend: teamSpec([]) }, {}) },
      }),
      PEOPLE,
      {
        'data-eng': group(
          [{ person: 'bob' }],
          { 'acme-data': 'viewer' },
          { acme: { role: 'member', teams: ['backend'] } },
        ),
      },
    );
    const have = observed({
      turso: { 'acme-data': tursoOrg({}, 'team', { invites: {} }) },
      planetscale: { acme: planetscaleOrg({}, { backend: [] }, [], { invitations: {} }) },
    });
    const result = plan(want, have);
    expect(result.changes.map((c) => [c.provider, c.action, c.member, c.because])).toEqual([
      ['turso', 'invite', 'bob@acme.dev', ['group:data-eng']],
      ['planetscale', 'invite', 'bob@acme.dev', ['group:data-eng']],
    ]);
    expect(result.notices.map((n) => n.kind)).toContain('awaiting_invitation');
  });

  it('the highest grant wins, with the reasons that grant it; equal grants list every source', () => {
    const people = { ...PEOPLE, bob: person('bob@acme.dev', { turso: 'bob' }) };
    const want = withPeople(desiredOf({ turso: { 'acme-data': tursoSpec({ bob: 'member' }) } }), people, {
      readers: group([{ person: 'alice' }, { person: 'bob' }], { 'acme-data': 'viewer' }),
      'data-eng': group([{ person: 'alice' }, { person: 'bob' }], { 'acme-data': 'member' }),
      'db-admins': group([{ person: 'alice' }], { 'acme-data': 'admin' }),
    });
    const have = observed({ turso: { 'acme-data': tursoOrg({}, 'team', { invites: {} }) } });
    // bob's `turso: bob` joins him to the file's `bob`; alice has no account Turso reports: an invite.
    expect(plan(want, have).changes.map((c) => [c.member, 'role' in c ? c.role : '', c.because])).toEqual([
      ['bob', 'member', ['file', 'group:data-eng']],
      ['alice@acme.dev', 'admin', ['group:db-admins']],
    ]);
  });
});

describe('departed: true', () => {
  const want = (prune: boolean) =>
    withPeople(
      desiredOf({
        turso: { 'acme-data': tursoSpec({ alice: 'admin' }, { prune }) },
        planetscale: { acme: planetscaleSpec({ backend: teamSpec(['alice@acme.dev']) }) },
      }),
      PEOPLE,
      {},
    );
  const have = observed({
    turso: {
      'acme-data': tursoOrg({ alice: 'admin', zoe: 'member' }, 'team', {
        invites: { 'ZOE@acme.dev': { role: 'member', createdAt: '2026-11-30T00:00:00Z' } },
      }),
    },
    planetscale: {
      acme: planetscaleOrg(
        { 'alice@acme.dev': 'u-alice', 'zoe@acme.dev': 'u-zoe' },
        { backend: ['alice@acme.dev', 'zoe@acme.dev'] },
        [],
        { invitations: {} },
      ),
    },
  });

  it.each([false, true])('removes them everywhere, prune: %s, once per organization, and says so', (prune) => {
    const result = plan(want(prune), have);
    expect(result.changes.map((c) => [c.provider, c.action, c.member, c.because])).toEqual([
      ['turso', 'remove', 'zoe', ['departed']],
      ['turso', 'cancel_invite', 'ZOE@acme.dev', ['departed']],
      ['planetscale', 'remove', 'zoe@acme.dev', ['departed']],
    ]);
    expect(result.drift).toEqual([]);
    expect(result.notices.map((n) => [n.kind, n.member])).toEqual([['credentials_kept', 'zoe@acme.dev']]);
  });

  it('with revoke_credentials, the organization removal deletes their passwords and service tokens', () => {
    const desired = want(false);
    const people = { ...PEOPLE, zoe: person('zoe@acme.dev', { departed: true, revokeCredentials: true }) };
    const result = plan(withPeople(desired, people, {}), have);
    expect(result.changes.find((c) => c.provider === 'planetscale')).toMatchObject({ revoke_credentials: true });
    expect(result.notices).toEqual([]);
  });

  it('never removes a Turso owner or either token user, and counts against --max-removals', () => {
    const guarded = observed({
      turso: { 'acme-data': tursoOrg({ alice: 'admin', zoe: 'owner' }, 'team', { invites: {} }) },
      planetscale: {
        acme: {
          ...planetscaleOrg({ 'zoe@acme.dev': 'u-zoe' }, { backend: [] }, [], { invitations: {} }),
          tokenUserEmail: 'zoe@acme.dev',
        },
      },
    });
    const result = plan(want(false), guarded);
    expect(result.changes).toEqual([]);
    expect(result.notices.map((n) => n.kind)).toEqual(['owner_kept', 'token_user_kept']);

    const capped = createPlan(want(false), have, { ...DEFAULT_PLAN_OPTIONS, maxRemovals: 2, now: on('2026-12-01') });
    expect(capped.problems.map((p) => p.kind)).toEqual(['removal_cap']);
  });
});

describe('until: and expires:', () => {
  const groups = {
    'data-eng': group([{ person: 'carol' }], { 'acme-data': 'member' }),
    'db-admins': group(
      [
        { person: 'carol', until: '2026-12-31' },
        { person: 'bob', until: '2026-12-31' },
      ],
      {
        'acme-data': 'admin',
      },
    ),
  };
  const want = withPeople(desiredOf({ turso: { 'acme-data': tursoSpec({}) } }), PEOPLE, groups);
  const have = observed({
    turso: { 'acme-data': tursoOrg({ carol: 'admin', bob: 'admin' }, 'team', { invites: {} }) },
  });

  it('holds through the day before, with an expiring notice inside the warning window', () => {
    const result = plan(want, have, on('2026-12-30'));
    expect(result.changes).toEqual([]);
    expect(result.notices.map((n) => [n.kind, n.member, n.message])).toEqual([
      [
        'expiring',
        'bob',
        'bob: admin on turso.acme-data through db-admins ends on 2026-12-31, in 1 day; then it is removed unless the provider sections grant it',
      ],
      [
        'expiring',
        'carol',
        'carol: admin on turso.acme-data through db-admins ends on 2026-12-31, in 1 day; then member through data-eng',
      ],
    ]);
    expect(plan(want, have, on('2026-12-30') - 14 * DAY).notices).toEqual([]);
    expect(plan(want, have, on('2026-12-30'), 0).notices).toEqual([]);
  });

  it('on the day, drops to the next grant or removes when nothing else grants the scope, prune or not', () => {
    const result = plan(want, have, on('2026-12-31'));
    expect(result.changes.map((c) => [c.action, c.member, 'role' in c ? c.role : '', c.because])).toEqual([
      ['change_role', 'carol', 'member', ['expired', 'group:data-eng']],
      ['remove', 'bob', '', ['expired']],
    ]);
  });

  it("a person's expires: ends every grant they hold", () => {
    const people = { ...PEOPLE, carol: person('carol@acme.dev', { expires: '2026-12-15' }) };
    const result = plan(withPeople(want, people, groups), have, on('2026-12-15'));
    // bob's grant still holds: only carol's end on her date, the one without `until:` too.
    expect(result.changes.map((c) => [c.action, c.member, c.because])).toEqual([['remove', 'carol', ['expired']]]);
  });

  it('an ended PlanetScale grant removes the organization member; an ended team grant alone, the team member', () => {
    const ps = withPeople(
      desiredOf({ planetscale: { acme: planetscaleSpec({ backend: teamSpec([]), ops: teamSpec([]) }, {}) } }),
      PEOPLE,
      {
        base: group([{ person: 'alice' }], {}, { acme: { role: 'member', teams: ['backend'] } }),
        oncall: group(
          [
            { person: 'alice', until: '2026-12-10' },
            { person: 'bob', until: '2026-12-10' },
          ],
          {},
          {
            acme: { role: 'member', teams: ['ops'] },
          },
        ),
      },
    );
    const state = observed({
      planetscale: {
        acme: planetscaleOrg(
          { 'alice@acme.dev': 'u-alice', 'bob@acme.dev': 'u-bob' },
          { backend: ['alice@acme.dev'], ops: ['alice@acme.dev', 'bob@acme.dev'] },
          [],
          { invitations: {} },
        ),
      },
    });
    expect(plan(ps, state, on('2026-12-09')).changes).toEqual([]);
    const result = plan(ps, state, on('2026-12-10'));
    expect(result.changes.map((c) => [c.action, 'team' in c ? c.team : '', c.member, c.because])).toEqual([
      ['remove', '', 'bob@acme.dev', ['expired']],
      ['remove', 'ops', 'alice@acme.dev', ['expired']],
    ]);
  });
});

describe('--target', () => {
  const want = withPeople(
    desiredOf({ planetscale: { acme: planetscaleSpec({ backend: teamSpec([]) }, {}) } }),
    PEOPLE,
    { 'data-eng': group([{ person: 'bob' }], {}, { acme: { role: 'admin', teams: ['backend'] } }) },
  );
  const have = observed({
    planetscale: {
      acme: planetscaleOrg({ 'bob@acme.dev': 'u-bob', 'zoe@acme.dev': 'u-zoe' }, { backend: ['zoe@acme.dev'] }, [], {
        invitations: {},
      }),
    },
  });

  it('a team target plans the groups into that team only: no organization role, departed people off the team', () => {
    const narrowed = selectTargets(
      want,
      [{ provider: 'planetscale', organization: 'acme', team: 'backend' }],
      formatScope,
    );
    expect(plan(narrowed, have).changes.map((c) => [c.action, 'team' in c ? c.team : '', c.member, c.because])).toEqual(
      [
        ['add', 'backend', 'bob@acme.dev', ['group:data-eng']],
        ['remove', 'backend', 'zoe@acme.dev', ['departed']],
      ],
    );
  });

  it('an organization target keeps the people: the grant and the departure are planned there', () => {
    const narrowed = selectTargets(want, [{ provider: 'planetscale', organization: 'acme' }], formatScope);
    expect(plan(narrowed, have).changes.map((c) => [c.action, 'team' in c ? c.team : '', c.member])).toEqual([
      ['change_role', '', 'bob@acme.dev'],
      ['add', 'backend', 'bob@acme.dev'],
      ['remove', '', 'zoe@acme.dev'],
    ]);
  });
});

describe('a pending PlanetScale invitation and a team grant', () => {
  const pendingCarol = observed({
    planetscale: {
      acme: planetscaleOrg({}, { backend: [] }, [], {
        invitations: { 'carol@acme.dev': { role: 'member', createdAt: '2026-11-30T00:00:00Z' } },
      }),
    },
  });

  it('under a team target, waits for the invitation the organization already sent', () => {
    const want = withPeople(
      desiredOf({ planetscale: { acme: planetscaleSpec({ backend: teamSpec([]) }, {}) } }),
      PEOPLE,
      {
        data: group([{ person: 'carol' }], {}, { acme: { role: 'member', teams: ['backend'] } }),
      },
    );
    const narrowed = selectTargets(
      want,
      [{ provider: 'planetscale', organization: 'acme', team: 'backend' }],
      formatScope,
    );
    const result = plan(narrowed, pendingCarol);
    expect(result.problems).toEqual([]);
    expect(result.notices.map((n) => [n.kind, n.member])).toEqual([['awaiting_invitation', 'carol@acme.dev']]);
  });

  it('in a file without people, a team member the organization does not declare is still a problem', () => {
    const want = desiredOf({ planetscale: { acme: planetscaleSpec({ backend: teamSpec(['carol@acme.dev']) }, {}) } });
    expect(plan(want, pendingCarol).problems.map((p) => [p.kind, p.member])).toEqual([
      ['not_an_organization_member', 'carol@acme.dev'],
    ]);
  });
});

describe('a file without people:', () => {
  it('plans exactly as before: no because on any change', () => {
    const want = desiredOf({ turso: { 'acme-data': tursoSpec({ alice: 'admin' }, { prune: true }) } });
    const have = observed({ turso: { 'acme-data': tursoOrg({ bob: 'member' }) } });
    expect(plan(want, have).changes.every((change) => !('because' in change))).toBe(true);
  });
});
