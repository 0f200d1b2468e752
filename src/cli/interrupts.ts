/**
 * SIGINT/SIGTERM during apply: start nothing new, give changes in flight a short grace period to
 * finish, then report. A second signal stops at once.
 */
import { exitCodeForSignal, type StopSignal } from './exit-codes.js';
import type { CliIo } from './io.js';

/** Long enough for an in-flight request to answer, short enough for a CI runner's kill timeout (usually 10 s). */
export const GRACE_MS = 5_000;

export interface Interruptible<T> {
  /** undefined when the grace period ran out before `run` settled. */
  readonly value: T | undefined;
  readonly signal: StopSignal | undefined;
}

export async function interruptible<T>(
  io: CliIo,
  controller: AbortController,
  run: (signal: AbortSignal) => Promise<T>,
  graceMs: number = GRACE_MS,
): Promise<Interruptible<T>> {
  let received: StopSignal | undefined;
  let graceOver: () => void = () => {};
  const grace = new Promise<void>((resolve) => (graceOver = resolve));

  const onSignal = (signal: StopSignal) => {
    if (received) process.exit(exitCodeForSignal(signal));
    received = signal;
    io.stderr.write(
      `\n${signal} received: starting no new changes; waiting up to ${graceMs / 1000}s for those in flight.\n`,
    );
    controller.abort(new Error(`interrupted by ${signal}`));
    setTimeout(graceOver, graceMs).unref();
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    const value = await Promise.race([run(controller.signal), grace.then(() => undefined)]);
    return { value, signal: received };
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}
