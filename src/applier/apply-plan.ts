/**
 * Runs a plan's changes through the providers and returns exactly one Result per change, in plan
 * order. A failed change is a value, not an exception: the others carry on. Per provider, at most
 * `concurrency` changes are in flight; their requests share that provider's request budget.
 */
import pLimit from 'p-limit';
import type { ProviderName } from '../model/desired-state.js';
import type { Change } from '../model/plan.js';
import type { Result } from '../model/result.js';
import { ApiError, AuthError } from '../errors.js';
import { isRequestNotStarted } from '../http/request-budget.js';
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

  const runOne = async (change: Change): Promise<Result> => {
    const skipReason = reasonToSkip(change, options.signal, authFailures);
    if (skipReason) return { change, outcome: 'skipped', reason: skipReason };
    const provider = providers[change.provider] as Provider | undefined;
    if (!provider) return { change, outcome: 'skipped', reason: `no ${change.provider} provider is configured` };
    try {
      return { change, outcome: await provider.apply(change as never) };
    } catch (error) {
      if (isRequestNotStarted(error)) return { change, outcome: 'skipped', reason: 'interrupted before its request started' };
      if (error instanceof AuthError && !authFailures.has(change.provider)) authFailures.set(change.provider, error);
      return { change, outcome: 'failed', error: toChangeError(error) };
    }
  };

  return Promise.all(
    changes.map((change) => {
      let limit = limits.get(change.provider);
      if (!limit) {
        limit = pLimit(options.concurrency);
        limits.set(change.provider, limit);
      }
      return limit(async () => {
        const result = await runOne(change);
        options.onResult?.(result);
        return result;
      });
    }),
  );
}

function reasonToSkip(
  change: Change,
  signal: AbortSignal | undefined,
  authFailures: ReadonlyMap<ProviderName, AuthError>,
): string | undefined {
  if (signal?.aborted) return 'interrupted before it started';
  const authFailure = authFailures.get(change.provider);
  if (authFailure) return `${change.provider} authentication failed (${authFailure.status}); no further ${change.provider} requests were made`;
  return undefined;
}

function toChangeError(error: unknown): { status: number | null; message: string } {
  if (error instanceof ApiError) return { status: error.status, message: error.apiMessage };
  if (error instanceof AuthError) return { status: error.status, message: error.message };
  // Not an API answer: a bug or a transport failure the HTTP layer did not classify.
  return { status: null, message: error instanceof Error ? error.message : String(error) };
}
