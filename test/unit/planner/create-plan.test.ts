import { describe, expect, it } from '@jest/globals';
import { createPlan } from '../../../src/planner/create-plan.js';
import type { TursoRole } from '../../../src/model/desired-state.js';
import type { ObservedTursoOrganization } from '../../../src/model/observed.js';
import { desired, observed, planetscaleOrg, tursoOrg } from '../../support/builders.js';

interface TursoRow {
  name: string;
  want: Record<string, Record<string, TursoRole>>;
  have: Record<string, ObservedTursoOrganization>;
  changes: unknown[];
  drift: unknown[];
}

describe('createPlan: Turso organizations', () => {
  it.each<TursoRow>([
    {
      name: 'adds a declared member who is missing, with the declared role',
      want: { acme: { alice: 'admin', bob: 'member' } },
      have: { acme: tursoOrg({ alice: 'admin' }) },
      changes: [{ provider: 'turso', action: 'add', organization: 'acme', member: 'bob', role: 'member' }],
      drift: [],
    },
    {
      name: 'plans nothing when every declared member is present with its role',
      want: { acme: { alice: 'admin' } },
      have: { acme: tursoOrg({ alice: 'admin' }) },
      changes: [],
      drift: [],
    },
    {
      name: 'reports an undeclared member as drift and does not touch it',
      want: { acme: { alice: 'admin' } },
      have: { acme: tursoOrg({ alice: 'admin', mallory: 'member' }) },
      changes: [],
      drift: [
        { provider: 'turso', kind: 'undeclared_member', organization: 'acme', member: 'mallory', role: 'member' },
      ],
    },
    {
      name: 'changes a role that differs from the file',
      want: { acme: { alice: 'viewer' } },
      have: { acme: tursoOrg({ alice: 'admin' }) },
      changes: [
        {
          provider: 'turso',
          action: 'change_role',
          organization: 'acme',
          member: 'alice',
          role: 'viewer',
          previous_role: 'admin',
        },
      ],
      drift: [],
    },
    {
      name: 'never reports owners as drift: they cannot be declared',
      want: { acme: { alice: 'admin' } },
      have: { acme: tursoOrg({ alice: 'owner', carol: 'owner' }) },
      changes: [],
      drift: [],
    },
  ])('$name', ({ want, have, changes, drift }) => {
    const plan = createPlan(desired({ turso: want }), observed({ turso: have }));
    expect(plan.changes).toEqual(changes);
    expect(plan.drift).toEqual(drift);
    expect(plan.problems).toEqual([]);
  });

  it('makes an unknown organization a problem naming it, and still plans the others', () => {
    const plan = createPlan(
      desired({ turso: { ghost: { alice: 'admin' }, acme: { bob: 'member' } } }),
      observed({ turso: { acme: tursoOrg({}) } }),
    );
    expect(plan.problems).toEqual([
      expect.objectContaining({
        provider: 'turso',
        organization: 'ghost',
        message: expect.stringContaining('"ghost" was not found'),
      }),
    ]);
    expect(plan.changes).toEqual([
      { provider: 'turso', action: 'add', organization: 'acme', member: 'bob', role: 'member' },
    ]);
  });

  it('refuses to add members to a personal account', () => {
    const plan = createPlan(
      desired({ turso: { alice: { bob: 'member' } } }),
      observed({ turso: { alice: tursoOrg({ alice: 'owner' }, 'personal') } }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.problems[0]?.message).toMatch(/personal account; members can be managed in team organizations only/);
  });
});

describe('createPlan: PlanetScale teams', () => {
  const org = () =>
    planetscaleOrg(
      { 'alice@example.com': 'u-alice', 'Bob@Example.com': 'u-bob', 'eve@example.com': 'u-eve' },
      { backend: ['alice@example.com'] },
    );

  it('adds a declared org member missing from the team, by user id, keeping the email as written', () => {
    const plan = createPlan(
      desired({ planetscale: { acme: { backend: ['alice@example.com', 'BOB@example.COM'] } } }),
      observed({ planetscale: { acme: org() } }),
    );
    expect(plan.changes).toEqual([
      {
        provider: 'planetscale',
        action: 'add',
        organization: 'acme',
        team: 'backend',
        member: 'BOB@example.COM',
        user_id: 'u-bob',
      },
    ]);
    expect(plan.problems).toEqual([]);
  });

  it('reports team members the file does not declare as drift, by email', () => {
    const plan = createPlan(
      desired({ planetscale: { acme: { backend: [] } } }),
      observed({ planetscale: { acme: org() } }),
    );
    expect(plan.drift).toEqual([
      {
        provider: 'planetscale',
        kind: 'undeclared_member',
        organization: 'acme',
        team: 'backend',
        member: 'alice@example.com',
      },
    ]);
    expect(plan.changes).toEqual([]);
  });

  it('makes an email that is not an organization member a problem, and still plans the rest', () => {
    const plan = createPlan(
      desired({ planetscale: { acme: { backend: ['alice@example.com', 'stranger@example.com', 'eve@example.com'] } } }),
      observed({ planetscale: { acme: org() } }),
    );
    expect(plan.problems).toEqual([
      expect.objectContaining({
        team: 'backend',
        member: 'stranger@example.com',
        message: expect.stringContaining('is not a member of organization "acme"'),
      }),
    ]);
    expect(plan.changes.map((change) => change.member)).toEqual(['eve@example.com']);
  });

  it('makes a team that does not exist a problem naming it', () => {
    const plan = createPlan(
      desired({ planetscale: { acme: { frontend: ['alice@example.com'] } } }),
      observed({ planetscale: { acme: org() } }),
    );
    expect(plan.problems).toEqual([
      expect.objectContaining({ team: 'frontend', message: expect.stringContaining('team "frontend" does not exist') }),
    ]);
    expect(plan.changes).toEqual([]);
  });

  it('never plans changes to a team managed by directory sync, and says why', () => {
    const managed = planetscaleOrg({ 'alice@example.com': 'u-alice', 'eve@example.com': 'u-eve' }, { backend: [] }, [
      'backend',
    ]);
    const plan = createPlan(
      desired({ planetscale: { acme: { backend: ['eve@example.com'] } } }),
      observed({ planetscale: { acme: managed } }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.drift).toEqual([]);
    expect(plan.problems).toEqual([]);
    expect(plan.notices[0]?.message).toMatch(
      /team "backend" is managed by directory sync; its members are not touched/,
    );
  });

  it('makes an unknown organization a problem', () => {
    const plan = createPlan(desired({ planetscale: { ghost: { backend: ['a@b.co'] } } }), observed({}));
    expect(plan.problems[0]).toMatchObject({ provider: 'planetscale', organization: 'ghost' });
  });
});

describe('createPlan: both providers', () => {
  it('orders changes Turso first, then in the file order, and is deterministic', () => {
    const want = desired({
      turso: { acme: { zed: 'member', amy: 'admin' } },
      planetscale: { acme: { backend: ['eve@example.com'] } },
    });
    const have = observed({
      turso: { acme: tursoOrg({}) },
      planetscale: { acme: planetscaleOrg({ 'eve@example.com': 'u-eve' }, { backend: [] }) },
    });
    const plan = createPlan(want, have);
    expect(plan.changes.map((change) => `${change.provider}:${change.member}`)).toEqual([
      'turso:zed',
      'turso:amy',
      'planetscale:eve@example.com',
    ]);
    expect(createPlan(want, have)).toEqual(plan);
    expect(plan.format_version).toBe(1);
  });
});
