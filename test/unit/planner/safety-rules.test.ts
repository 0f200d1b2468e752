/** The safety rules, one table per named check, then as the planner applies them. */
import { describe, expect, it } from '@jest/globals';
import type { Change } from '../../../src/model/plan.js';
import { createPlan } from '../../../src/planner/create-plan.js';
import type { PlanOptions } from '../../../src/model/plan.js';
import {
  capRemovals,
  protectDeclaredTeamMember,
  protectOwner,
  protectTokenUser,
  refuseEmailAsUsername,
  refuseEmptying,
  requireMemberInvitation,
  respectIdpRoles,
  skipManagedTeam,
} from '../../../src/planner/safety-rules.js';
import {
  desiredOf,
  observed,
  planetscaleOrg,
  planetscaleSpec,
  teamSpec,
  tursoOrg,
  tursoSpec,
} from '../../support/builders.js';

const options: PlanOptions = {
  allowEmpty: false,
  maxRemovals: 100,
  staleInviteDays: 14,
  now: 0,
  expiryWarningDays: 14,
};
const removal = (member: string): Change => ({
  provider: 'turso',
  action: 'remove',
  organization: 'acme',
  member,
  previous_role: 'member',
});

describe('each rule', () => {
  it.each([
    [
      'an owner is never changed',
      protectOwner('olga', 'owner', 'admin'),
      'notice',
      'olga is an owner; owners are never changed (the file says admin)',
    ],
    [
      'an owner is never removed',
      protectOwner('olga', 'owner'),
      'notice',
      'olga is an owner; owners are never removed',
    ],
    ['an admin is no owner', protectOwner('ann', 'admin'), undefined, undefined],
    [
      'the token user, whatever the case',
      protectTokenUser('Tom', 'tom', 'admin'),
      'notice',
      "Tom is the token's own user; never removed",
    ],
    [
      'the token user keeps its role',
      protectTokenUser('tom', 'TOM', 'admin', 'viewer'),
      'notice',
      "tom is the token's own user; its role is never changed (admin, the file says viewer)",
    ],
    ['someone else', protectTokenUser('ann', 'tom', 'admin'), undefined, undefined],
    ['a token without a user', protectTokenUser('ann', undefined, 'admin'), undefined, undefined],
    [
      'emptying a pruned scope',
      refuseEmptying(2, 0, false, 'team "x"'),
      'problem',
      'refusing to remove all 2 members of team "x": the file declares none with prune: true (pass --allow-empty if that is intended)',
    ],
    ['emptying, allowed', refuseEmptying(2, 0, true, 'team "x"'), undefined, undefined],
    ['removing some of a declared list', refuseEmptying(2, 1, false, 'team "x"'), undefined, undefined],
    [
      'over the cap',
      capRemovals([removal('a'), removal('b')], 1),
      'problem',
      'refusing 2 removals, more than --max-removals 1 allows; if that is intended, plan again with --max-removals 2',
    ],
    ['at the cap', capRemovals([removal('a'), removal('b')], 2), undefined, undefined],
    [
      'a managed team',
      skipManagedTeam('sso', true),
      'notice',
      'team "sso" is managed by directory sync; its members are not touched (change them in your identity provider)',
    ],
    ['an ordinary team', skipManagedTeam('data', false), undefined, undefined],
    [
      'roles from the identity provider',
      respectIdpRoles('a@x.dev', 'member', 'admin', true),
      'notice',
      'a@x.dev stays member (the file says admin): roles are managed by your identity provider',
    ],
    ['roles this tool may set', respectIdpRoles('a@x.dev', 'member', 'admin', false), undefined, undefined],
    [
      'an admin invitation',
      requireMemberInvitation('a@x.dev', 'admin'),
      'problem',
      expect.stringContaining('service tokens can invite members only'),
    ],
    ['a member invitation', requireMemberInvitation('a@x.dev', 'member'), undefined, undefined],
    [
      'an email as a Turso username',
      refuseEmailAsUsername('ann@x.dev'),
      'problem',
      expect.stringContaining('declare them under invites:'),
    ],
    ['a Turso username', refuseEmailAsUsername('ann'), undefined, undefined],
  ])('%s', (_name, refusal, as, message) => {
    expect(refusal?.as).toBe(as);
    expect(refusal?.message).toEqual(message);
  });

  it('protects a team member by the email the team declares, in any case', () => {
    expect(protectDeclaredTeamMember('Alice@Acme.dev', new Set(['alice@acme.dev']))).toBe(true);
    expect(protectDeclaredTeamMember('bob@acme.dev', new Set(['alice@acme.dev']))).toBe(false);
  });
});

describe('as the planner applies them', () => {
  it('never removes a team member the team declares, even when the organization list comes back without them', () => {
    const want = desiredOf({
      planetscale: {
        acme: planetscaleSpec({ backend: teamSpec(['alice@acme.dev'], true) }, { 'alice@acme.dev': 'member' }),
      },
    });
    const full = planetscaleOrg(
      { 'alice@acme.dev': 'u-alice', 'mal@acme.dev': 'u-mal' },
      { backend: ['alice@acme.dev', 'mal@acme.dev'] },
    );
    // A page that shifted mid-read: the organization list is missing alice (and mal), the team still has both.
    const shifted = { ...full, membersByEmail: new Map() };
    const plan = createPlan(want, observed({ planetscale: { acme: shifted } }), options);
    expect(plan.changes.filter((change) => change.action === 'remove').map((change) => change.member)).toEqual([
      'mal@acme.dev',
    ]);
  });

  it('compares Turso usernames case-insensitively and sends the file’s spelling', () => {
    const want = desiredOf({ turso: { acme: tursoSpec({ Alice: 'admin', Bob: 'viewer' }, { prune: true }) } });
    const have = observed({ turso: { acme: tursoOrg({ alice: 'admin', bob: 'member' }) } });
    const plan = createPlan(want, have, options);
    expect(plan.changes).toEqual([
      {
        provider: 'turso',
        action: 'change_role',
        organization: 'acme',
        member: 'Bob',
        role: 'viewer',
        previous_role: 'member',
      },
    ]);
  });

  it('never removes or changes the token’s own user in another case', () => {
    const want = desiredOf({ turso: { acme: tursoSpec({ ann: 'member' }, { prune: true }) } });
    const have = observed({ turso: { acme: tursoOrg({ ann: 'member', Tom: 'admin' }, 'team', { tokenUser: 'tom' }) } });
    const plan = createPlan(want, have, options);
    expect(plan.changes).toEqual([]);
    expect(plan.notices.map((notice) => notice.message)).toEqual(["Tom is the token's own user; never removed"]);
  });

  it('never changes the PlanetScale token user’s organization role, nor removes it from a pruned team', () => {
    const want = desiredOf({
      planetscale: {
        acme: planetscaleSpec(
          { backend: teamSpec(['ann@acme.dev'], true) },
          { 'ann@acme.dev': 'member', 'ops@acme.dev': 'member' },
        ),
      },
    });
    const org = planetscaleOrg(
      { 'ann@acme.dev': 'u-ann', 'Ops@acme.dev': 'u-ops' },
      { backend: ['ann@acme.dev', 'Ops@acme.dev'] },
      [],
      { roles: { 'Ops@acme.dev': 'admin' } },
    );
    const plan = createPlan(
      want,
      observed({ planetscale: { acme: { ...org, tokenUserEmail: 'ops@acme.dev' } } }),
      options,
    );
    expect(plan.changes).toEqual([]);
    expect(plan.notices.map((notice) => notice.message)).toEqual([
      "ops@acme.dev is the token's own user; its role is never changed (admin, the file says member)",
      "Ops@acme.dev is the token's own user; never removed",
    ]);
  });

  it('says at plan time that an invitation for another role than member cannot succeed', () => {
    const want = desiredOf({ planetscale: { acme: planetscaleSpec({}, { 'new@acme.dev': 'admin' }) } });
    const plan = createPlan(
      want,
      observed({ planetscale: { acme: planetscaleOrg({}, {}, [], { invitations: {} }) } }),
      options,
    );
    expect(plan.changes).toEqual([]);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        member: 'new@acme.dev',
        message: expect.stringContaining('declare new@acme.dev: member'),
      }),
    ]);
  });

  it('says at plan time that a Turso member written as an email belongs under invites:', () => {
    const plan = createPlan(
      desiredOf({ turso: { acme: tursoSpec({ 'ann@acme.dev': 'member' }) } }),
      observed({ turso: { acme: tursoOrg({}) } }),
      options,
    );
    expect(plan.changes).toEqual([]);
    expect(plan.problems.map((problem) => problem.member)).toEqual(['ann@acme.dev']);
  });

  it('puts a plan over --max-removals in problems, keeping its changes visible', () => {
    const want = desiredOf({ turso: { acme: tursoSpec({ ann: 'member' }, { prune: true }) } });
    const plan = createPlan(
      want,
      observed({ turso: { acme: tursoOrg({ ann: 'member', b: 'member', c: 'viewer' }) } }),
      { ...options, maxRemovals: 1 },
    );
    expect(plan.changes).toHaveLength(2);
    expect(plan.problems).toEqual([
      {
        kind: 'removal_cap',
        message:
          'refusing 2 removals, more than --max-removals 1 allows; if that is intended, plan again with --max-removals 2',
      },
    ]);
  });

  it('with prune, cancels pending Turso invites the file does not declare, even without invites:', () => {
    const want = desiredOf({ turso: { acme: tursoSpec({ ann: 'member' }, { prune: true }) } });
    const have = observed({
      turso: {
        acme: tursoOrg({ ann: 'member' }, 'team', {
          invites: { 'leaver@acme.dev': { role: 'member', createdAt: '2026-01-01T00:00:00Z' } },
        }),
      },
    });
    expect(createPlan(want, have, options).changes).toEqual([
      {
        provider: 'turso',
        action: 'cancel_invite',
        organization: 'acme',
        member: 'leaver@acme.dev',
        previous_role: 'member',
      },
    ]);
  });

  it('notes that invites cannot be listed on the organization’s plan, and makes declared invites a problem', () => {
    const have = observed({
      turso: {
        acme: { ...tursoOrg({ ann: 'member' }), invitesUnavailable: 'invites are limited to scaler plan and above' },
      },
    });
    const pruned = createPlan(
      desiredOf({ turso: { acme: tursoSpec({ ann: 'member' }, { prune: true }) } }),
      have,
      options,
    );
    expect(pruned.notices.map((notice) => notice.message)).toEqual([
      "invites cannot be listed on this organization's plan (invites are limited to scaler plan and above); pending invites are not checked",
    ]);
    expect(pruned.problems).toEqual([]);
    const declared = createPlan(
      desiredOf({ turso: { acme: tursoSpec({ ann: 'member' }, { invites: { 'new@acme.dev': 'member' } }) } }),
      have,
      options,
    );
    expect(declared.problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('Scaler plan or above'),
    ]);
  });
});
