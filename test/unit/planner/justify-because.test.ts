/**
 * A saved plan of a file that declares people: its changes carry `because` (and a PlanetScale
 * organization removal may carry `revoke_credentials`). Written with `plan --out`, read back by the
 * strict reader, they must still be held by a plan made now, field for field, or apply refuses.
 * The plan made now is written out here as the planner makes it (its fields in another order).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { PLAN_FORMAT_VERSION, type Change, type Plan } from '../../../src/model/plan.js';
import { planFileText, readPlanFile, toPlanFile } from '../../../src/plan-file/plan-file.js';
import { justifyReviewedChanges } from '../../../src/planner/justify-reviewed-changes.js';
import { desiredOf, observed, planetscaleOrg, planetscaleSpec, tursoOrg, tursoSpec } from '../../support/builders.js';
import { tempDir } from '../../support/temp-files.js';

const addBob: Change = {
  provider: 'turso',
  action: 'add',
  organization: 'acme-data',
  member: 'bob',
  role: 'member',
  because: ['group:data-eng'],
};
const demoteCarol: Change = {
  provider: 'turso',
  action: 'change_role',
  organization: 'acme-data',
  member: 'carol',
  role: 'member',
  previous_role: 'admin',
  because: ['expired', 'group:data-eng'],
};
const removeZoe: Change = {
  provider: 'planetscale',
  action: 'remove',
  organization: 'acme',
  member: 'zoe@acme.dev',
  user_id: 'u-zoe',
  previous_role: 'member',
  revoke_credentials: true,
  because: ['departed'],
};
/** The same removal of a person without revoke_credentials: their credentials are kept. */
const removeZoeKeeping: Change = {
  provider: 'planetscale',
  action: 'remove',
  organization: 'acme',
  member: 'zoe@acme.dev',
  user_id: 'u-zoe',
  previous_role: 'member',
  because: ['departed'],
};
const cancelYuri: Change = {
  provider: 'planetscale',
  action: 'cancel_invite',
  organization: 'acme',
  member: 'yuri@acme.dev',
  previous_role: 'member',
  because: ['departed'],
};
const REVIEWED = [addBob, demoteCarol, removeZoe, cancelYuri];

/** The same change with `because` written first, as a planner adding it up front would. */
function reordered(change: Change): Change {
  const { because, ...rest } = change;
  return { ...(because && { because: [...because] }), ...rest };
}

function planOf(changes: readonly Change[]): Plan {
  return { format_version: PLAN_FORMAT_VERSION, changes, drift: [], notices: [], problems: [] };
}

const want = desiredOf({
  turso: { 'acme-data': tursoSpec({}) },
  planetscale: { acme: planetscaleSpec({}, {}) },
});
const today = observed({
  turso: { 'acme-data': tursoOrg({ carol: 'admin', alice: 'admin' }) },
  planetscale: {
    acme: planetscaleOrg({ 'zoe@acme.dev': 'u-zoe', 'ann@acme.dev': 'u-ann' }, {}, [], {
      roles: { 'ann@acme.dev': 'admin' },
      invitations: { 'yuri@acme.dev': { role: 'member', createdAt: '2026-11-20T00:00:00Z' } },
    }),
  },
});
const options = { maxRemovals: 5 };

const files = tempDir();
afterAll(() => files.remove());

/** `plan --out` then apply's strict read: the changes apply would be asked to make. */
async function savedAndReadBack(changes: readonly Change[]): Promise<readonly Change[]> {
  const origin = {
    desiredFile: 'membership.yaml',
    desiredSha256: 'a'.repeat(64),
    targets: [],
    maxRemovals: options.maxRemovals,
    allowEmpty: false,
  };
  const path = files.write(
    'plan.json',
    planFileText(toPlanFile(planOf(changes), origin), (text) => text),
  );
  return (await readPlanFile(path)).changes;
}

describe('a saved plan whose changes say why', () => {
  it('is read back whole: because and revoke_credentials included', async () => {
    expect(await savedAndReadBack(REVIEWED)).toEqual(REVIEWED);
  });

  it('applies every reviewed change a plan made now holds with the same reasons, whatever the field order', async () => {
    const reviewed = await savedAndReadBack(REVIEWED);
    const fresh = planOf(REVIEWED.map(reordered));
    const justified = justifyReviewedChanges(reviewed, fresh, today, want, options);
    expect(justified.toApply).toEqual(REVIEWED);
    expect(justified.unjustified).toEqual([]);
    expect(justified.unreviewed).toEqual([]);
    expect(justified.problems).toEqual([]);
  });

  it('refuses a removal reviewed as keeping credentials that a plan made now would delete, and the reverse', async () => {
    const reviewedKeeping = await savedAndReadBack([removeZoeKeeping]);
    const deletes = justifyReviewedChanges(reviewedKeeping, planOf([removeZoe]), today, want, options);
    expect(deletes.toApply).toEqual([]);
    expect(deletes.unjustified).toEqual([
      {
        change: removeZoeKeeping,
        reason:
          'a plan made now would instead: planetscale.acme: remove zoe@acme.dev, deleting their passwords and service tokens',
      },
    ]);
    const reviewedDeleting = await savedAndReadBack([removeZoe]);
    const keeps = justifyReviewedChanges(reviewedDeleting, planOf([removeZoeKeeping]), today, want, options);
    expect(keeps.toApply).toEqual([]);
    expect(keeps.unjustified).toEqual([{ change: removeZoe, reason: expect.any(String) as unknown as string }]);
  });

  it('applies a change the file now grants for another reason: the write is the one reviewed', async () => {
    const reviewed = await savedAndReadBack([addBob]);
    const fresh = planOf([{ ...addBob, because: ['group:platform'] }]);
    const justified = justifyReviewedChanges(reviewed, fresh, today, want, options);
    expect(justified.unjustified).toEqual([]);
    expect(justified.toApply).toEqual([addBob]);
  });

  it('is refused when read if a reason or revoke_credentials is not one this version writes', async () => {
    for (const change of [
      { ...addBob, because: ['team:backend'] },
      { ...addBob, because: ['group:'] },
      { ...removeZoe, revoke_credentials: false },
      { ...cancelYuri, revoke_credentials: true },
    ])
      await expect(savedAndReadBack([change as unknown as Change])).rejects.toThrow(/is not a valid plan file/);
  });
});
