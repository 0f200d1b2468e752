/**
 * Runs a plan's changes through the providers and returns exactly one Result per change, in plan
 * order. A failed change is a value, not an exception: the others carry on. Changes run in the
 * model's apply phases (grants, team adds, then what takes access away). Revoking access matters
 * more than granting it, so a removal never waits on an unrelated failed addition, with one
 * exception, admin coverage: an admin is not removed or demoted while an admin grant in the same
 * organization did not succeed, so a swap of admins never leaves none. Per provider, at most
 * `concurrency` changes are in flight.
 */
import pLimit from 'p-limit';
import type { ProviderName } from '../model/desired-state.js';
import { APPLY_PHASES, describeChange, grantedRole, phaseOf, revokedRole, type Change } from '../model/plan.js';
import type { Result } from '../model/result.js';
import { ApiError, AuthError, RequestNotStartedError } from '../errors.js';
import type { Provider, Providers } from '../providers/provider.js';

export interface ApplyOptions {
  readonly concurrency: number;
  /** Once aborted, no change starts; changes in flight finish. */
  readonly signal?: AbortSignal;
  /** Called as each change completes, for progress output. */
  readonly onResult?: (result: Result) => void;
}

const ADMIN = 'admin';

export async function applyPlan(
  changes: readonly Change[],
  providers: Providers,
  options: ApplyOptions,
): Promise<Result[]> {
  const limits = new Map<ProviderName, ReturnType<typeof pLimit>>();
  const authFailures = new Map<ProviderName, AuthError>();
  /** Organizations where an admin grant did not succeed: their admins are kept. */
  const uncoveredOrganizations = new Set<string>();
  const results = new Map<Change, Result>();

  const runOne = async (change: Change): Promise<Result> => {
    const skipReason = reasonToSkip(change, options.signal, authFailures, uncoveredOrganizations);
    if (skipReason) return { change, outcome: 'skipped', reason: skipReason };
    const provider = providers[change.provider] as Provider | undefined;
    if (!provider) return { change, outcome: 'skipped', reason: `no ${change.provider} provider is configured` };
    try {
      return { change, outcome: await provider.apply(change) };
    } catch (error) {
      if (error instanceof RequestNotStartedError)
        return { change, outcome: 'skipped', reason: 'interrupted before its request started' };
      if (error instanceof AuthError) {
        // One failure names the bad token; changes in flight or queued at that moment are skipped like the rest.
        const earlier = authFailures.get(change.provider);
        if (earlier) return { change, outcome: 'skipped', reason: authSkipReason(change, earlier) };
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

  for (const phase of APPLY_PHASES) {
    const batch = changes.filter((change) => phaseOf(change) === phase);
    await Promise.all(
      batch.map((change) =>
        limitFor(change.provider)(async () => {
          const result = await runOne(change);
          const succeeded = result.outcome === 'applied' || result.outcome === 'already_present';
          if (!succeeded && grantedRole(change) === ADMIN) uncoveredOrganizations.add(organizationKey(change));
          results.set(change, result);
          options.onResult?.(result);
        }),
      ),
    );
  }
  return changes.map((change) => {
    const result = results.get(change);
    // Every change ran in one of the phases above; a missing result would be a bug here, not an API answer.
    if (result === undefined) throw new Error(`no result for ${describeChange(change)}`);
    return result;
  });
}

function organizationKey(change: Change): string {
  return JSON.stringify([change.provider, change.organization]);
}

function reasonToSkip(
  change: Change,
  signal: AbortSignal | undefined,
  authFailures: ReadonlyMap<ProviderName, AuthError>,
  uncoveredOrganizations: ReadonlySet<string>,
): string | undefined {
  if (signal?.aborted) return 'interrupted before it started';
  const authFailure = authFailures.get(change.provider);
  if (authFailure) return authSkipReason(change, authFailure);
  if (revokedRole(change) === ADMIN && uncoveredOrganizations.has(organizationKey(change))) {
    return 'an admin grant in the same organization did not succeed; an admin is not removed or demoted until another is in place';
  }
  return undefined;
}

function authSkipReason(change: Change, failure: AuthError): string {
  return `${change.provider} authentication failed (${failure.status}); no further ${change.provider} requests were made`;
}

function toChangeError(error: unknown): { status: number | null; message: string } {
  if (error instanceof ApiError) return { status: error.status, message: error.apiMessage };
  if (error instanceof AuthError) return { status: error.status, message: error.message };
  // Not an API answer: a bug or a transport failure the HTTP layer did not classify.
  return { status: null, message: error instanceof Error ? error.message : String(error) };
}
