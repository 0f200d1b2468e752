/** Role changes, opt-in removals and invitations, and every safety rule around them. */
import { describe, expect, it } from '@jest/globals';
import { createPlan } from '../../../src/planner/create-plan.js';
import type { PlanOptions } from '../../../src/model/plan.js';
import {
  desiredOf,
  observed,
  planetscaleOrg,
  planetscaleSpec,
  teamSpec,
  tursoOrg,
  tursoSpec,
} from '../../support/builders.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const options: PlanOptions = {
  allowEmpty: false,
  maxRemovals: 100,
  staleInviteDays: 14,
  now: NOW,
  expiryWarningDays: 14,
};
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();

describe('Turso: role changes and removals', () => {
  it('never changes an owner or the token’s own user, and says so', () => {
    const plan = createPlan(
      desiredOf({ turso: { acme: tursoSpec({ olga: 'admin', tom: 'viewer', ann: 'viewer' }) } }),
      observed({
        turso: { acme: tursoOrg({ olga: 'owner', tom: 'admin', ann: 'member' }, 'team', { tokenUser: 'tom' }) },
      }),
      options,
    );
    expect(plan.changes).toEqual([
      {
        provider: 'turso',
        action: 'change_role',
        organization: 'acme',
        member: 'ann',
        role: 'viewer',
        previous_role: 'member',
      },
    ]);
    expect(plan.notices.map((n) => n.message)).toEqual([
      'olga is an owner; owners are never changed (the file says admin)',
      "tom is the token's own user; its role is never changed (admin, the file says viewer)",
    ]);
  });

  it('without prune, leaves undeclared members alone as drift', () => {
    const plan = createPlan(
      desiredOf({ turso: { acme: tursoSpec({ ann: 'member' }) } }),
      observed({ turso: { acme: tursoOrg({ ann: 'member', zed: 'admin' }) } }),
      options,
    );
    expect(plan.changes).toEqual([]);
    expect(plan.drift).toEqual([
      { provider: 'turso', kind: 'undeclared_member', organization: 'acme', member: 'zed', role: 'admin' },
    ]);
  });

  it('with prune, removes undeclared members, never owners or the token’s own user, after additions', () => {
    const plan = createPlan(
      desiredOf({ turso: { acme: tursoSpec({ ann: 'member', new: 'viewer' }, { prune: true }) } }),
      observed({
        turso: {
          acme: tursoOrg({ olga: 'owner', tom: 'admin', ann: 'member', zed: 'admin' }, 'team', { tokenUser: 'tom' }),
        },
      }),
      options,
    );
    expect(plan.changes).toEqual([
      { provider: 'turso', action: 'add', organization: 'acme', member: 'new', role: 'viewer' },
      { provider: 'turso', action: 'remove', organization: 'acme', member: 'zed', previous_role: 'admin' },
    ]);
    expect(plan.drift).toEqual([]);
    expect(plan.notices.map((n) => n.member)).toEqual(['tom']);
  });

  it('refuses to prune an organization to nobody unless allowEmpty', () => {
    const want = desiredOf({ turso: { acme: tursoSpec({}, { prune: true }) } });
    const have = observed({ turso: { acme: tursoOrg({ olga: 'owner', ann: 'member', zed: 'admin' }) } });
    const refused = createPlan(want, have, options);
    expect(refused.changes).toEqual([]);
    expect(refused.problems[0]?.message).toBe(
      'refusing to remove all 2 members of organization "acme": the file declares none with prune: true (pass --allow-empty if that is intended)',
    );
    const allowed = createPlan(want, have, { ...options, allowEmpty: true });
    expect(allowed.changes.map((c) => `${c.action} ${c.member}`)).toEqual(['remove ann', 'remove zed']);
    expect(allowed.problems).toEqual([]);
  });
});

describe('Turso: invitations', () => {
  const have = (invites: Record<string, { role: string; createdAt: string }>) =>
    observed({ turso: { acme: tursoOrg({ ann: 'member' }, 'team', { invites }) } });

  it('invites the missing, re-invites with a new role (a re-POST replaces), never re-sends an unchanged one', () => {
    const plan = createPlan(
      desiredOf({
        turso: {
          acme: tursoSpec(
            { ann: 'member' },
            { invites: { 'new@x.dev': 'member', 'Role@x.dev': 'admin', 'same@x.dev': 'viewer' } },
          ),
        },
      }),
      have({
        'role@x.dev': { role: 'member', createdAt: daysAgo(1) },
        'same@x.dev': { role: 'viewer', createdAt: daysAgo(1) },
      }),
      options,
    );
    expect(plan.changes).toEqual([
      { provider: 'turso', action: 'invite', organization: 'acme', member: 'new@x.dev', role: 'member' },
      {
        provider: 'turso',
        action: 'invite',
        organization: 'acme',
        member: 'Role@x.dev',
        role: 'admin',
        previous_role: 'member',
      },
    ]);
  });

  it('reports an invite pending longer than staleInviteDays, and does not re-send it', () => {
    const plan = createPlan(
      desiredOf({
        turso: { acme: tursoSpec({ ann: 'member' }, { invites: { 'slow@x.dev': 'member', 'fresh@x.dev': 'member' } }) },
      }),
      have({
        'slow@x.dev': { role: 'member', createdAt: daysAgo(20) },
        'fresh@x.dev': { role: 'member', createdAt: daysAgo(13) },
      }),
      options,
    );
    expect(plan.changes).toEqual([]);
    expect(plan.notices).toEqual([
      expect.objectContaining({
        member: 'slow@x.dev',
        message: expect.stringMatching(
          /^slow@x.dev was invited 20 days ago and has not accepted; the invite is not re-sent/,
        ),
      }),
    ]);
  });

  it('cancels undeclared pending invites only with prune; otherwise they are drift', () => {
    const pending = have({ 'old@x.dev': { role: 'viewer', createdAt: daysAgo(2) } });
    const kept = createPlan(
      desiredOf({ turso: { acme: tursoSpec({ ann: 'member' }, { invites: {} }) } }),
      pending,
      options,
    );
    expect(kept.drift).toEqual([
      { provider: 'turso', kind: 'undeclared_invite', organization: 'acme', member: 'old@x.dev', role: 'viewer' },
    ]);
    const pruned = createPlan(
      desiredOf({ turso: { acme: tursoSpec({ ann: 'member' }, { invites: {}, prune: true }) } }),
      pending,
      options,
    );
    expect(pruned.changes).toEqual([
      {
        provider: 'turso',
        action: 'cancel_invite',
        organization: 'acme',
        member: 'old@x.dev',
        previous_role: 'viewer',
      },
    ]);
  });
});

describe('PlanetScale: organization members and teams', () => {
  const org = (extra: Parameters<typeof planetscaleOrg>[3] = {}, managed: string[] = []) =>
    planetscaleOrg(
      { 'ann@x.dev': 'u-ann', 'bob@x.dev': 'u-bob', 'cat@x.dev': 'u-cat' },
      { backend: ['ann@x.dev', 'cat@x.dev'] },
      managed,
      extra,
    );

  it('changes org roles, invites the missing, and reports undeclared org members as drift', () => {
    const plan = createPlan(
      desiredOf({
        planetscale: {
          acme: planetscaleSpec({}, { 'ann@x.dev': 'admin', 'bob@x.dev': 'member', 'new@x.dev': 'member' }),
        },
      }),
      observed({ planetscale: { acme: org({ invitations: {} }) } }),
      options,
    );
    expect(plan.changes).toEqual([
      {
        provider: 'planetscale',
        action: 'change_role',
        organization: 'acme',
        member: 'ann@x.dev',
        user_id: 'u-ann',
        role: 'admin',
        previous_role: 'member',
      },
      { provider: 'planetscale', action: 'invite', organization: 'acme', member: 'new@x.dev', role: 'member' },
    ]);
    expect(plan.drift).toEqual([
      {
        provider: 'planetscale',
        kind: 'undeclared_org_member',
        organization: 'acme',
        member: 'cat@x.dev',
        role: 'member',
      },
    ]);
  });

  it('skips role changes with a reason when the identity provider manages roles', () => {
    const plan = createPlan(
      desiredOf({
        planetscale: {
          acme: planetscaleSpec({}, { 'ann@x.dev': 'admin', 'bob@x.dev': 'member', 'cat@x.dev': 'member' }),
        },
      }),
      observed({ planetscale: { acme: org({ idpManagedRoles: true }) } }),
      options,
    );
    expect(plan.changes).toEqual([]);
    expect(plan.notices[0]?.message).toBe(
      'ann@x.dev stays member (the file says admin): roles are managed by your identity provider',
    );
  });

  it('does not re-send a pending invitation, and lets a team wait for it instead of failing', () => {
    const plan = createPlan(
      desiredOf({
        planetscale: {
          acme: planetscaleSpec(
            { backend: teamSpec(['ann@x.dev', 'cat@x.dev', 'new@x.dev']) },
            { 'ann@x.dev': 'member', 'bob@x.dev': 'member', 'cat@x.dev': 'member', 'new@x.dev': 'member' },
          ),
        },
      }),
      observed({
        planetscale: { acme: org({ invitations: { 'new@x.dev': { role: 'member', createdAt: daysAgo(1) } } }) },
      }),
      options,
    );
    expect(plan.changes).toEqual([]);
    expect(plan.problems).toEqual([]);
    expect(plan.notices.map((n) => n.message)).toEqual([
      'new@x.dev joins the team once they accept the organization invitation (plan again then)',
    ]);
  });

  it('prunes a team only with prune: true, by team membership id, and orders removals after additions', () => {
    const want = (prune: boolean) =>
      desiredOf({ planetscale: { acme: planetscaleSpec({ backend: teamSpec(['ann@x.dev', 'bob@x.dev'], prune) }) } });
    expect(createPlan(want(false), observed({ planetscale: { acme: org() } }), options).drift).toHaveLength(1);
    const plan = createPlan(want(true), observed({ planetscale: { acme: org() } }), options);
    expect(plan.changes).toEqual([
      {
        provider: 'planetscale',
        action: 'add',
        organization: 'acme',
        team: 'backend',
        member: 'bob@x.dev',
        user_id: 'u-bob',
      },
      {
        provider: 'planetscale',
        action: 'remove',
        organization: 'acme',
        team: 'backend',
        member: 'cat@x.dev',
        user_id: 'u-cat',
        membership_id: 'tm-backend-1',
      },
    ]);
  });

  it('refuses to prune a team to nobody unless allowEmpty, and never touches a managed team', () => {
    const empty = desiredOf({ planetscale: { acme: planetscaleSpec({ backend: teamSpec([], true) }) } });
    expect(createPlan(empty, observed({ planetscale: { acme: org() } }), options).problems[0]?.message).toMatch(
      /^refusing to remove all 2 members of team "backend"/,
    );
    expect(
      createPlan(empty, observed({ planetscale: { acme: org() } }), { ...options, allowEmpty: true }).changes,
    ).toHaveLength(2);
    const managed = createPlan(empty, observed({ planetscale: { acme: org({}, ['backend']) } }), {
      ...options,
      allowEmpty: true,
    });
    expect(managed.changes).toEqual([]);
    expect(managed.notices[0]?.message).toMatch(/managed by directory sync/);
  });
});

describe('ordering across providers', () => {
  it('puts invites, adds and role changes first, team adds next, removals last', () => {
    const plan = createPlan(
      desiredOf({
        turso: { acme: tursoSpec({ ann: 'admin', new: 'member' }, { prune: true, invites: { 'i@x.dev': 'member' } }) },
        planetscale: {
          acme: planetscaleSpec(
            { backend: teamSpec(['bob@x.dev'], true) },
            { 'ann@x.dev': 'member', 'bob@x.dev': 'admin', 'cat@x.dev': 'member' },
          ),
        },
      }),
      observed({
        turso: { acme: tursoOrg({ ann: 'member', zed: 'member' }, 'team', { invites: {} }) },
        planetscale: {
          acme: planetscaleOrg(
            { 'ann@x.dev': 'u-ann', 'bob@x.dev': 'u-bob', 'cat@x.dev': 'u-cat' },
            { backend: ['ann@x.dev'] },
            [],
            { invitations: {} },
          ),
        },
      }),
      options,
    );
    expect(plan.changes.map((c) => `${c.provider} ${c.action} ${c.member}`)).toEqual([
      'turso change_role ann',
      'turso add new',
      'turso invite i@x.dev',
      'planetscale change_role bob@x.dev',
      'planetscale add bob@x.dev',
      'turso remove zed',
      'planetscale remove ann@x.dev',
    ]);
  });
});
