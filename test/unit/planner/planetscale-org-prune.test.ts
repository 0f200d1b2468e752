/** `prune: true` on a PlanetScale organization: the planner, the safety rules and apply's re-justification. */
import { describe, expect, it } from '@jest/globals';
import type { ObservedPlanetScaleOrganization } from '../../../src/model/observed.js';
import { DEFAULT_PLAN_OPTIONS, phaseOf, revokedRole, type Change, type PlanOptions } from '../../../src/model/plan.js';
import { createPlan } from '../../../src/planner/create-plan.js';
import { justifyReviewedChanges } from '../../../src/planner/justify-reviewed-changes.js';
import { keepLastAdmin } from '../../../src/planner/safety-rules.js';
import { desiredOf, observed, planetscaleOrg, planetscaleSpec, teamSpec } from '../../support/builders.js';

const MEMBERS = { 'ann@x.dev': 'u-ann', 'bob@x.dev': 'u-bob', 'cat@x.dev': 'u-cat', 'bot@x.dev': 'u-bot' };
const ROLES = { 'ann@x.dev': 'admin', 'bot@x.dev': 'admin' };
const PENDING = { 'old@x.dev': { role: 'member', createdAt: '2026-01-01T00:00:00Z' } };

function today(extra: Partial<ObservedPlanetScaleOrganization> = {}): ObservedPlanetScaleOrganization {
  return {
    ...planetscaleOrg(MEMBERS, { backend: ['bob@x.dev'] }, [], { roles: ROLES, invitations: PENDING }),
    tokenUserEmail: 'bot@x.dev',
    ...extra,
  };
}

function planFor(
  members: Record<string, string>,
  prune: boolean,
  options: Partial<PlanOptions> = {},
  state: ObservedPlanetScaleOrganization = today(),
  teams: Record<string, string[]> = {},
) {
  const teamSpecs = Object.fromEntries(Object.entries(teams).map(([slug, emails]) => [slug, teamSpec(emails)]));
  const want = desiredOf({ planetscale: { acme: planetscaleSpec(teamSpecs, members, prune) } });
  const have = observed({ planetscale: { acme: state } });
  return { want, have, plan: createPlan(want, have, { ...DEFAULT_PLAN_OPTIONS, ...options }) };
}

const removeCat: Change = {
  provider: 'planetscale',
  action: 'remove',
  organization: 'acme',
  member: 'cat@x.dev',
  user_id: 'u-cat',
  previous_role: 'member',
};
const cancelOld: Change = {
  provider: 'planetscale',
  action: 'cancel_invite',
  organization: 'acme',
  member: 'old@x.dev',
  previous_role: 'member',
};

describe('prune: true on a PlanetScale organization', () => {
  it('without prune, undeclared members and pending invitations are drift', () => {
    const { plan } = planFor({ 'ann@x.dev': 'admin', 'bob@x.dev': 'member' }, false);
    expect(plan.changes).toEqual([]);
    expect(plan.drift).toEqual([
      {
        provider: 'planetscale',
        kind: 'undeclared_org_member',
        organization: 'acme',
        member: 'cat@x.dev',
        role: 'member',
      },
      {
        provider: 'planetscale',
        kind: 'undeclared_org_member',
        organization: 'acme',
        member: 'bot@x.dev',
        role: 'admin',
      },
      { provider: 'planetscale', kind: 'undeclared_invite', organization: 'acme', member: 'old@x.dev', role: 'member' },
    ]);
  });

  it('removes undeclared members and cancels undeclared invitations, keeping the token user', () => {
    const { plan } = planFor({ 'ann@x.dev': 'admin', 'bob@x.dev': 'member' }, true);
    expect(plan.changes).toEqual([removeCat, cancelOld]);
    expect(plan.problems).toEqual([]);
    expect(plan.notices).toEqual([
      expect.objectContaining({ kind: 'token_user_kept', organization: 'acme', member: 'bot@x.dev' }),
    ]);
    expect(plan.changes.map(phaseOf)).toEqual(['revoke', 'revoke']);
  });

  it('keeps someone a team of the same entry lists (drift, not a removal)', () => {
    const { plan } = planFor({ 'ann@x.dev': 'admin' }, true, {}, today(), { backend: ['bob@x.dev'] });
    expect(plan.changes).toEqual([removeCat, cancelOld]);
    expect(plan.drift).toContainEqual(expect.objectContaining({ kind: 'undeclared_org_member', member: 'bob@x.dev' }));
  });

  it('refuses to empty the organization without --allow-empty', () => {
    const state = today();
    delete (state as { tokenUserEmail?: string }).tokenUserEmail;
    const { plan } = planFor({}, true, {}, state);
    expect(plan.changes).toEqual([]);
    expect(plan.problems).toEqual([expect.objectContaining({ kind: 'empty_list', organization: 'acme' })]);
  });

  it('never removes the last admin', () => {
    const state = today();
    delete (state as { tokenUserEmail?: string }).tokenUserEmail;
    const { plan } = planFor({ 'bob@x.dev': 'member' }, true, { maxRemovals: 10 }, state);
    expect(plan.changes).toEqual([]);
    expect(plan.problems).toEqual([expect.objectContaining({ kind: 'last_admin', organization: 'acme' })]);
  });

  it('a promotion in the same plan keeps an admin, and the removal of an admin revokes the admin role', () => {
    const state = today();
    delete (state as { tokenUserEmail?: string }).tokenUserEmail;
    const { plan } = planFor({ 'bob@x.dev': 'admin' }, true, { maxRemovals: 10 }, state);
    expect(plan.problems).toEqual([]);
    const ann = plan.changes.find((change) => change.member === 'ann@x.dev');
    expect(ann).toEqual(expect.objectContaining({ action: 'remove', previous_role: 'admin' }));
    expect(revokedRole(ann!)).toBe('admin');
  });

  it('counts removals and cancellations against --max-removals', () => {
    const { plan } = planFor({ 'ann@x.dev': 'admin', 'bob@x.dev': 'member' }, true, { maxRemovals: 1 });
    expect(plan.problems).toEqual([expect.objectContaining({ kind: 'removal_cap' })]);
  });

  it('keepLastAdmin answers only when no admin would remain', () => {
    expect(keepLastAdmin(0, 0, 'acme')).toBeUndefined();
    expect(keepLastAdmin(1, 1, 'acme')).toBeUndefined();
    expect(keepLastAdmin(2, 0, 'acme')).toEqual(expect.objectContaining({ as: 'problem', kind: 'last_admin' }));
  });
});

describe('apply re-justifies organization removals and cancellations', () => {
  const options = { maxRemovals: 5 };

  it('applies them while the file and today still call for them', () => {
    const { want, have, plan } = planFor({ 'ann@x.dev': 'admin', 'bob@x.dev': 'member' }, true);
    const justified = justifyReviewedChanges([removeCat, cancelOld], plan, have, want, options);
    expect(justified.toApply).toEqual([removeCat, cancelOld]);
    expect(justified.unjustified).toEqual([]);
  });

  it('counts them as converged once the member and the invitation are gone', () => {
    const gone = planetscaleOrg({ 'ann@x.dev': 'u-ann', 'bob@x.dev': 'u-bob', 'bot@x.dev': 'u-bot' }, {}, [], {
      roles: ROLES,
      invitations: {},
    });
    const { want, have, plan } = planFor({ 'ann@x.dev': 'admin', 'bob@x.dev': 'member' }, true, {}, gone);
    const justified = justifyReviewedChanges([removeCat, cancelOld], plan, have, want, options);
    expect(justified.converged).toEqual([removeCat, cancelOld]);
  });

  it('refuses them once prune is gone from the file', () => {
    const { want, have, plan } = planFor({ 'ann@x.dev': 'admin', 'bob@x.dev': 'member' }, false);
    const justified = justifyReviewedChanges([removeCat, cancelOld], plan, have, want, options);
    expect(justified.toApply).toEqual([]);
    expect(justified.unjustified.map(({ reason }) => reason)).toEqual([
      expect.stringContaining('is not pruned'),
      expect.stringContaining('is not pruned'),
    ]);
  });

  it('refuses removing the token user, whatever the plan file says', () => {
    const { want, have, plan } = planFor({ 'ann@x.dev': 'admin', 'bob@x.dev': 'member' }, true);
    const removeBot: Change = { ...removeCat, member: 'bot@x.dev', user_id: 'u-bot', previous_role: 'admin' };
    const justified = justifyReviewedChanges([removeBot], plan, have, want, options);
    expect(justified.unjustified).toEqual([
      { change: removeBot, reason: expect.stringContaining("token's own user") as unknown as string },
    ]);
  });
});
