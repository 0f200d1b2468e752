/**
 * The whole boundary between the reconciler and a vendor: read what exists, make one change.
 * `observe` has no way to write; `apply` writes exactly the change it is given.
 */
import type { DesiredState, ProviderName } from '../model/desired-state.js';
import type { Observed } from '../model/observed.js';
import type { Change } from '../model/plan.js';

export type ChangeFor<P extends ProviderName> = Extract<Change, { provider: P }>;

/** What a successful write turned out to be: made now, or found already made (409 and friends). */
export type AppliedOutcome = 'applied' | 'already_present';

/**
 * `declared`: the organizations and teams the desired state names (plan).
 * `everything`: every team of those organizations too (export).
 */
export type ObserveScope = 'declared' | 'everything';

export interface Provider<P extends ProviderName = ProviderName> {
  readonly name: P;
  /** Reads the current membership of the organizations the desired state names for this provider. */
  observe(desired: DesiredState, scope?: ObserveScope): Promise<Observed[P]>;
  /** Makes one change; rejects with ApiError/AuthError when the API refuses it. */
  apply(change: ChangeFor<P>): Promise<AppliedOutcome>;
}

export type Providers = { readonly [P in ProviderName]?: Provider<P> };
