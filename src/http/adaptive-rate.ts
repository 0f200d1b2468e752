/**
 * The request rate a provider currently gets, learnt from its 429s, so that a `--max-rps` set above
 * the server's limit costs one pause now and then instead of one every second. Turso documents no
 * limit and PlanetScale 600/minute (docs/api-notes.md §1.2, §2.2); neither says how it counts, so we learn.
 *
 * Policy, in request starts per window (integers; the budget's window is 1.1 s by default):
 * - Start at maxRps.
 * - A 429 for a request that started after the last decrease marks the rate for lowering. The
 *   decrease is decided when the next request is scheduled, which is after the pause, when the
 *   answers to the burst that drew the 429 are in: rate := what the server accepted in the window
 *   that ended with our last start (starts minus 429s), by at least 1 and at most half per decrease,
 *   never below 1. With maxRps 20 and a server limit of 10: one burst of 429s, then 10.
 * - A 429 for a request that started before the last decrease is news about the old rate: ignored.
 * - Probe back up by 1 every 5 s, but take 30 s for the step back to the rate that drew the last
 *   429, never above maxRps. At a server limit of 10 this costs one 429 and its pause (about a
 *   second) per ~30 s, ≈ 3% of the time, and otherwise runs at the limit; a limit ≥ maxRps costs nothing.
 */

export interface AdaptiveRate {
  /** Starts allowed per window now; applies a pending decrease and probes up. */
  current(nowMs: number): number;
  /** The same, for reporting: leaves a pending decrease to `current`. */
  peek(nowMs: number): number;
  recordStart(atMs: number): void;
  recordRateLimited(startedAtMs: number): void;
}

export interface AdaptiveRateOptions {
  readonly maxRps: number;
  /** The window rates are counted over; "accepted" is counted over the same. */
  readonly windowMs: number;
  readonly probeIntervalMs?: number;
  readonly onLowered?: (rate: number) => void;
}

export const DEFAULT_PROBE_INTERVAL_MS = 5_000;
/** The step back to the rate that drew the last 429 waits this many probe intervals. */
const SLOW_PROBE_FACTOR = 6;
/** Start times older than this tell nothing about the next decrease. */
const HISTORY_MS = 60_000;

export function createAdaptiveRate(options: AdaptiveRateOptions): AdaptiveRate {
  const { maxRps, windowMs } = options;
  const probeIntervalMs = options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
  let rate = maxRps;
  let lastChangeAt = Number.NEGATIVE_INFINITY;
  let lastDecreaseAt = Number.NEGATIVE_INFINITY;
  let limitedRate = Number.POSITIVE_INFINITY;
  let decreasePending = false;
  const starts: number[] = [];
  let limitedStarts: number[] = [];

  function acceptedInLastWindow(): number {
    const last = starts.at(-1);
    if (last === undefined) return 0;
    const inWindow = (at: number): boolean => at > last - windowMs && at <= last;
    return starts.filter(inWindow).length - limitedStarts.filter(inWindow).length;
  }

  function decrease(nowMs: number): void {
    decreasePending = false;
    const before = rate;
    rate = Math.max(1, Math.min(before - 1, Math.max(Math.floor(before / 2), acceptedInLastWindow())));
    limitedRate = before;
    lastDecreaseAt = nowMs;
    lastChangeAt = nowMs;
    if (rate < before) options.onLowered?.(rate);
  }

  function probe(nowMs: number): void {
    while (rate < maxRps) {
      const wait = rate + 1 >= limitedRate ? probeIntervalMs * SLOW_PROBE_FACTOR : probeIntervalMs;
      if (nowMs - lastChangeAt < wait) return;
      lastChangeAt += wait;
      rate += 1;
    }
  }

  return {
    current(nowMs) {
      if (decreasePending) decrease(nowMs);
      else probe(nowMs);
      return rate;
    },
    peek(nowMs) {
      if (!decreasePending) probe(nowMs);
      return rate;
    },
    recordStart(atMs) {
      while ((starts[0] ?? atMs) < atMs - HISTORY_MS) starts.shift();
      limitedStarts = limitedStarts.filter((at) => at >= atMs - HISTORY_MS);
      starts.push(atMs);
    },
    recordRateLimited(startedAtMs) {
      limitedStarts.push(startedAtMs);
      if (startedAtMs >= lastDecreaseAt) decreasePending = true;
    },
  };
}
