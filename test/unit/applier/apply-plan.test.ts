import { describe, expect, it } from '@jest/globals';
import { applyPlan } from '../../../src/applier/apply-plan.js';
import { ApiError, AuthError } from '../../../src/errors.js';
import type { Change } from '../../../src/model/plan.js';
import type { AppliedOutcome, Provider } from '../../../src/providers/provider.js';

const turso = (member: string): Change => ({
  provider: 'turso',
  action: 'add',
  organization: 'acme',
  member,
  role: 'member',
});
const planetscale = (member: string): Change => ({
  provider: 'planetscale',
  action: 'add',
  organization: 'acme',
  team: 'backend',
  member,
  user_id: `u-${member}`,
});

/** A provider that records what it was asked and answers from a script keyed by member. */
function recordingProvider<P extends 'turso' | 'planetscale'>(
  name: P,
  script: Record<string, AppliedOutcome | Error> = {},
  options: { delayMs?: number } = {},
) {
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const provider: Provider<P> = {
    name,
    observe: () => Promise.resolve(new Map()),
    apply: async (change) => {
      calls.push(change.member);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
      inFlight -= 1;
      const answer = script[change.member] ?? 'applied';
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { provider, calls, maxInFlight: () => maxInFlight };
}

describe('applyPlan', () => {
  it('returns one result per change, in plan order, whatever order they complete in', async () => {
    const t = recordingProvider('turso', { bob: 'already_present' }, { delayMs: 5 });
    const p = recordingProvider('planetscale');
    const changes = [turso('alice'), turso('bob'), planetscale('eve')];
    const results = await applyPlan(changes, { turso: t.provider, planetscale: p.provider }, { concurrency: 2 });
    expect(results.map((r) => [r.change.member, r.outcome])).toEqual([
      ['alice', 'applied'],
      ['bob', 'already_present'],
      ['eve', 'applied'],
    ]);
  });

  it('keeps going after a failure and records the API status and message', async () => {
    const t = recordingProvider('turso', {
      bob: new ApiError('turso', 'POST', '/v1/organizations/acme/members', 404, 'could not find user bob'),
    });
    const results = await applyPlan(
      [turso('alice'), turso('bob'), turso('carol')],
      { turso: t.provider },
      { concurrency: 1 },
    );
    expect(t.calls).toEqual(['alice', 'bob', 'carol']);
    expect(results[1]).toEqual({
      change: turso('bob'),
      outcome: 'failed',
      error: { status: 404, message: 'could not find user bob' },
    });
    expect(results[2]?.outcome).toBe('applied');
  });

  it('after an authentication failure, skips the rest of that provider but not the other provider', async () => {
    const t = recordingProvider('turso', {
      alice: new AuthError('turso', 401, 'token contains an invalid number of segments'),
    });
    const p = recordingProvider('planetscale');
    const results = await applyPlan(
      [turso('alice'), turso('bob'), planetscale('eve')],
      { turso: t.provider, planetscale: p.provider },
      { concurrency: 1 },
    );
    expect(t.calls).toEqual(['alice']);
    expect(results.map((r) => r.outcome)).toEqual(['failed', 'skipped', 'applied']);
    expect(results[1]).toMatchObject({ reason: expect.stringContaining('turso authentication failed (401)') });
  });

  it('starts no change once the signal is aborted, and reports those as skipped', async () => {
    const controller = new AbortController();
    const t = recordingProvider('turso', {}, { delayMs: 5 });
    const results = await applyPlan(
      [turso('a'), turso('b'), turso('c')],
      { turso: t.provider },
      {
        concurrency: 1,
        signal: controller.signal,
        onResult: () => controller.abort(),
      },
    );
    expect(t.calls).toEqual(['a']);
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'skipped', 'skipped']);
  });

  it('keeps at most `concurrency` changes in flight per provider', async () => {
    const t = recordingProvider('turso', {}, { delayMs: 5 });
    await applyPlan(['a', 'b', 'c', 'd', 'e', 'f'].map(turso), { turso: t.provider }, { concurrency: 2 });
    expect(t.maxInFlight()).toBe(2);
  });

  it('reports every completed change through onResult', async () => {
    const t = recordingProvider('turso');
    const seen: string[] = [];
    await applyPlan(
      [turso('a'), turso('b')],
      { turso: t.provider },
      { concurrency: 4, onResult: (r) => seen.push(r.change.member) },
    );
    expect(seen.sort()).toEqual(['a', 'b']);
  });

  describe('revoking access is never held hostage, except for admin coverage', () => {
    const role = (member: string, previous: string, next: 'admin' | 'member' | 'viewer'): Change => ({
      provider: 'turso',
      action: 'change_role',
      organization: 'acme',
      member,
      role: next,
      previous_role: previous,
    });
    const remove = (member: string, previous = 'member', organization = 'acme'): Change => ({
      provider: 'turso',
      action: 'remove',
      organization,
      member,
      previous_role: previous,
    });
    const addAdmin = (member: string): Change => ({
      provider: 'turso',
      action: 'add',
      organization: 'acme',
      member,
      role: 'admin',
    });
    const refused = new ApiError('turso', 'POST', '/v1/organizations/acme/members', 404, 'could not find user');

    it('removes a leaver even though an unrelated addition to the same organization failed', async () => {
      const t = recordingProvider('turso', { newbie: refused });
      const results = await applyPlan([turso('newbie'), remove('leaver')], { turso: t.provider }, { concurrency: 1 });
      expect(results.map((r) => r.outcome)).toEqual(['failed', 'applied']);
    });

    it('keeps an admin (no removal, no demotion) while an admin grant in the same organization failed', async () => {
      const t = recordingProvider('turso', { newadmin: refused });
      const changes = [
        addAdmin('newadmin'),
        role('oldadmin', 'admin', 'member'),
        remove('exadmin', 'admin'),
        remove('plain'),
      ];
      const results = await applyPlan(changes, { turso: t.provider }, { concurrency: 1 });
      expect(results.map((r) => r.outcome)).toEqual(['failed', 'skipped', 'skipped', 'applied']);
      expect(results[1]).toMatchObject({
        reason: expect.stringContaining('an admin grant in the same organization did not succeed'),
      });
      expect(t.calls).toEqual(['newadmin', 'plain']);
    });

    it('removes an admin of another organization whatever failed here', async () => {
      const t = recordingProvider('turso', { newadmin: refused });
      const results = await applyPlan(
        [addAdmin('newadmin'), remove('exadmin', 'admin', 'beta')],
        { turso: t.provider },
        { concurrency: 1 },
      );
      expect(results.map((r) => r.outcome)).toEqual(['failed', 'applied']);
    });

    it('runs grants and promotions before demotions and removals, whatever the order given', async () => {
      const t = recordingProvider('turso');
      const changes = [
        remove('leaver'),
        role('demoted', 'admin', 'member'),
        role('promoted', 'member', 'admin'),
        turso('joiner'),
      ];
      await applyPlan(changes, { turso: t.provider }, { concurrency: 1 });
      expect(t.calls).toEqual(['promoted', 'joiner', 'leaver', 'demoted']);
    });
  });
});
