/**
 * One budget per provider, shared by every request to it (observation and apply), and entered once
 * per attempt. Three gates, in this order:
 * 1. concurrency (p-limit): at most `concurrency` attempts in flight;
 * 2. rate (start-window.ts): at most the current rate, never above `maxRps`, of starts per window
 *    as the server counts them;
 * 3. pause: after a 429 nothing starts until the pause ends; checked at the moment of starting, so
 *    a call already waiting for a rate slot when the 429 arrives waits for the pause too.
 */
import pLimit from 'p-limit';
import { RequestNotStartedError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ProviderName } from '../model/desired-state.js';
import { createAdaptiveRate, DEFAULT_PROBE_INTERVAL_MS } from './adaptive-rate.js';
import { createStartWindow, SYSTEM_CLOCK, type Clock } from './start-window.js';

/**
 * 1 s, plus 2 ms because the server and we may each stamp in whole milliseconds; latency needs no
 * margin (start-window.ts: a slot is held until a window after the answer, which the server sent
 * after it counted the request). A 10 ms margin measured 0.948 of a 100 req/s limit at 50 ms
 * latency, 2 ms measures above 0.95 (README, Performance).
 */
export const DEFAULT_WINDOW_MS = 1_002;

export interface RequestBudgetOptions {
  readonly provider: ProviderName;
  /** Attempts in flight at once. */
  readonly concurrency: number;
  /** Request starts in any one-second window, >= 1 (a fraction is rounded down). */
  readonly maxRps: number;
  readonly logger: Logger;
  /** Once aborted, attempts not yet started reject with RequestNotStartedError; those in flight finish. */
  readonly signal?: AbortSignal;
  /** The window maxRps is enforced over (default DEFAULT_WINDOW_MS). */
  readonly windowMs?: number;
  /** How often the rate probes back up after a 429 (see adaptive-rate.ts). */
  readonly probeIntervalMs?: number;
  /** Time for the rate window, the pause and the stats; default SYSTEM_CLOCK (Date.now and setTimeout). */
  readonly clock?: Clock;
}

export interface BudgetStats {
  readonly started: number;
  readonly rateLimited: number;
  readonly retries: number;
  readonly pauses: number;
  /** Starts per window allowed now: maxRps until a 429 lowers it. */
  readonly currentRps: number;
  readonly maxRps: number;
}

export interface RequestBudget {
  readonly provider: ProviderName;
  readonly signal: AbortSignal | undefined;
  /** Waits for all three gates, then starts `attempt` with the start time (ms since epoch). */
  run<T>(attempt: (startedAtMs: number) => Promise<T>): Promise<T>;
  /** Nothing new starts before `untilMs`; a later pause extends it, an earlier one is ignored. */
  pause(untilMs: number): void;
  /** A 429 for the attempt that started at `startedAtMs`: may lower the rate (adaptive-rate.ts). */
  noteRateLimited(startedAtMs: number): void;
  noteRetry(): void;
  stats(): BudgetStats;
}

export function isRequestNotStarted(error: unknown): error is RequestNotStartedError {
  return error instanceof RequestNotStartedError;
}

export function createRequestBudget(options: RequestBudgetOptions): RequestBudget {
  const { provider, concurrency, logger, signal } = options;
  if (!Number.isFinite(options.maxRps) || options.maxRps < 1) throw new RangeError('maxRps must be >= 1');
  // Starts are whole: 2.5 per second can only mean 2 in any one second.
  const maxRps = Math.floor(options.maxRps);
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const clock = options.clock ?? SYSTEM_CLOCK;
  const rate = createAdaptiveRate({
    maxRps,
    windowMs,
    probeIntervalMs: options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS,
    onLowered: (rps) => logger.info({ provider, rps }, 'request rate lowered'),
  });
  const limit = pLimit({ concurrency, rejectOnClear: true });
  let pausedUntil = 0;
  const window = createStartWindow({
    windowMs,
    limit: (nowMs) => rate.current(nowMs),
    pausedUntil: () => pausedUntil,
    clock,
  });
  const counters = { started: 0, rateLimited: 0, retries: 0, pauses: 0 };
  const notStarted = (): RequestNotStartedError => new RequestNotStartedError(provider);
  // Reject everything waiting now, not when a slot frees: an in-flight request may take a while.
  signal?.addEventListener(
    'abort',
    () => {
      limit.clearQueue();
      window.rejectWaiting(notStarted);
    },
    { once: true },
  );

  function start<T>(attempt: (startedAtMs: number) => Promise<T>): Promise<T> {
    if (signal?.aborted === true) return Promise.reject(notStarted());
    return window.enter((startedAtMs) => {
      rate.recordStart(startedAtMs);
      counters.started += 1;
      return attempt(startedAtMs);
    });
  }

  return {
    provider,
    signal,
    async run(attempt) {
      if (signal?.aborted === true) throw notStarted();
      // A cleared p-limit queue rejects with a plain AbortError; callers get ours.
      return limit(() => start(attempt)).catch((error: unknown) => {
        throw (error as { name?: unknown } | null)?.name === 'AbortError' ? notStarted() : error;
      });
    },
    pause(untilMs) {
      const now = clock.now();
      if (untilMs <= pausedUntil || untilMs <= now) return;
      const extendsCurrent = now < pausedUntil;
      pausedUntil = untilMs;
      if (extendsCurrent) return;
      counters.pauses += 1;
      logger.info({ provider, pauseMs: untilMs - now }, 'rate limited: pausing requests');
    },
    noteRateLimited(startedAtMs) {
      counters.rateLimited += 1;
      rate.recordRateLimited(startedAtMs);
    },
    noteRetry() {
      counters.retries += 1;
    },
    stats() {
      return { ...counters, currentRps: rate.peek(clock.now()), maxRps };
    },
  };
}
