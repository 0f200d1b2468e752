/**
 * A clock that moves only when the test says so, for code that takes a `Clock` (the request
 * budget): what waits for what is asserted in exact milliseconds, whatever the machine's load.
 */
import type { Clock } from '../../src/http/start-window.js';

export interface FakeClock extends Clock {
  /**
   * Moves time forward to `ms`, firing due timers in time order and letting the promises each one
   * sets going settle before the next.
   */
  advanceTo(ms: number): Promise<void>;
}

interface Timer {
  readonly at: number;
  readonly callback: () => void;
}

/** Lets every promise callback queued so far, and those they queue, run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createFakeClock(startMs = 0): FakeClock {
  let now = startMs;
  const timers = new Set<Timer>();
  return {
    now: () => now,
    setTimer(callback, delayMs) {
      const timer = { at: now + delayMs, callback };
      timers.add(timer);
      return () => timers.delete(timer);
    },
    async advanceTo(ms) {
      await settle();
      for (;;) {
        const due = [...timers].filter((timer) => timer.at <= ms).sort((a, b) => a.at - b.at)[0];
        if (due === undefined) break;
        timers.delete(due);
        now = Math.max(now, due.at);
        due.callback();
        await settle();
      }
      now = Math.max(now, ms);
    },
  };
}
