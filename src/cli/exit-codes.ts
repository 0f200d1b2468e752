/**
 * Every exit code the CLI returns, decided here and nowhere else (README "Exit codes" documents
 * the same table). CI jobs branch on these numbers, so they never change meaning.
 */
export const EXIT = {
  /** Success; with --detailed-exitcode, file and reality agree. */
  ok: 0,
  /** A known error: invalid input, a missing token, an API refusing, a change not applied, plan problems. */
  error: 1,
  /** plan --detailed-exitcode: changes or drift present. A result, not an error. */
  changes: 2,
  /** An unexpected error, printed with its stack: a bug (EX_SOFTWARE from sysexits.h). */
  bug: 70,
} as const;

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** 128 + the signal's number, as shells report a process killed by it. */
const SIGNAL_EXIT: Readonly<Record<StopSignal, number>> = { SIGINT: 130, SIGTERM: 143 };

export function exitCodeForSignal(signal: StopSignal): number {
  return SIGNAL_EXIT[signal];
}
