import type { Change } from './plan.js';

export type Outcome = 'applied' | 'already_present' | 'failed' | 'skipped';

export interface ChangeError {
  /** HTTP status, or null when no response arrived (timeout, reset). */
  readonly status: number | null;
  /** The API's own message, or the transport error's. Never contains a credential. */
  readonly message: string;
}

export type Result =
  | { readonly change: Change; readonly outcome: 'applied' | 'already_present' }
  | { readonly change: Change; readonly outcome: 'failed'; readonly error: ChangeError }
  | { readonly change: Change; readonly outcome: 'skipped'; readonly reason: string };

/**
 * How an apply ended, as every output says it: `complete` only when every change was applied or
 * already so; `interrupted` when a signal stopped it; otherwise `failed` (a change failed or was
 * skipped).
 */
export type ApplyStatus = 'complete' | 'failed' | 'interrupted';

export function applyStatus(results: readonly Result[], interrupted: boolean): ApplyStatus {
  if (interrupted) return 'interrupted';
  const done = results.every((result) => result.outcome === 'applied' || result.outcome === 'already_present');
  return done ? 'complete' : 'failed';
}
