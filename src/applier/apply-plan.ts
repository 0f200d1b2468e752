/**
 * Runs a plan's changes through the providers and returns exactly one Result per change, in plan
 * order. A failed change is a value, not an exception: the others carry on. Changes run in phases
 * (see phaseOf): additions before the team adds that need them, removals last; a removal is skipped
 * when an addition to its scope failed, so a failure never leaves a scope with fewer members than
 * planned. Per provider, at most `concurrency` changes are in flight.
 */
import pLimit from 'p-limit';
import type { ProviderName } from '../model/desired-state.js';
import { isRemoval, type Change } from '../model/plan.js';
import type { Result } from '../model/result.js';
import { ApiError, AuthError } from '../errors.js';
import { isRequestNotStarted } from '../http/request-budget.js';
import { phaseOf } from '../planner/create-plan.js';
import type { Provider, Providers } from '../providers/provider.js';

export interface ApplyOptions {
  readonly concurrency: number;
  /** Once aborted, no change starts; changes in flight finish. */
  readonly signal?: AbortSignal;
  /** Called as each change completes, for progress output. */
  readonly onResult?: (result: Result) => void;
}

export async function applyPlan(changes: readonly Change[], providers: Providers, options: ApplyOptions): Promise<Result[]> {
  const limits = new Map<ProviderName, ReturnType<typeof pLimit>>();
  const authFailures = new Map<ProviderName, AuthError>();
  const troubledScopes = new Set<string>();
  const results = new Map<Change, Result>();

  const runOne = async (change: Change): Promise<Result> => {
    const skipReason = reasonToSkip(change, options.signal, authFailures, troubledScopes);
    if (skipReason) return { change, outcome: 'skipped', reason: skipReason };
    const provider = providers[change.provider] as Provider | undefined;
    if (!provider) return { change, outcome: 'skipped', reason: `no ${change.provider} provider is configured` };
    try {
      return { change, outcome: await provider.apply(change as never) };
    } catch (error) {
      if (isRequestNotStarted(error)) return { change, outcome: 'skipped', reason: 'interrupted before its request started' };
      if (error instanceof AuthError) {
        // One failure names the bad token; changes in flight or queued at that moment are skipped like the rest.
        if (authFailures.has(change.provider)) return { change, outcome: 'skipped', reason: reasonToSkip(change, undefined, authFailures, troubledScopes)! };
        authFailures.set(change.provider, error);
      }
      return { change, outcome: 'failed', error: toChangeError(error) };
    }
  };

  const limitFor = (provider: ProviderName) => {
    let limit = limits.get(provider);
    if (!limit) {
      limit = pLimit(options.concurrency);
      limits.set(provider, limit);
    }
    return limit;
  };

  for (const phase of [0, 1, 2]) {
    const batch = changes.filter((change) => phaseOf(change) === phase);
    await Promise.all(
      batch.map((change) =>
        limitFor(change.provider)(async () => {
          const result = await runOne(change);
          if (!isRemoval(change) && (result.outcome === 'failed' || result.outcome === 'skipped')) troubledScopes.add(scopeKey(change));
          results.set(change, result);
          options.onResult?.(result);
        }),
      ),
    );
  }
  return changes.map((change) => results.get(change)!);
}

/** Turso members and invites live in the organization; PlanetScale team members in the team. */
function scopeKey(change: Change): string {
  const team = change.provider === 'planetscale' && 'team' in change ? change.team : '';
  return JSON.stringify([change.provider, change.organization, team]);
}

function reasonToSkip(
  change: Change,
  signal: AbortSignal | undefined,
  authFailures: ReadonlyMap<ProviderName, AuthError>,
  troubledScopes: ReadonlySet<string>,
): string | undefined {
  if (signal?.aborted) return 'interrupted before it started';
  const authFailure = authFailures.get(change.provider);
  if (authFailure) return `${change.provider} authentication failed (${authFailure.status}); no further ${change.provider} requests were made`;
  if (isRemoval(change) && troubledScopes.has(scopeKey(change))) {
    return 'an addition to the same scope did not succeed; removing now could leave it with fewer members than planned';
  }
  return undefined;
}

function toChangeError(error: unknown): { status: number | null; message: string } {
  if (error instanceof ApiError) return { status: error.status, message: error.apiMessage };
  if (error instanceof AuthError) return { status: error.status, message: error.message };
  // Not an API answer: a bug or a transport failure the HTTP layer did not classify.
  return { status: null, message: error instanceof Error ? error.message : String(error) };
}
