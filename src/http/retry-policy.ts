/**
 * What the HTTP edge retries, and how long it waits. Neither vendor documents its
 * retry semantics (docs/api-notes.md §1.2, §2.2): we retry what cannot have been a deliberate refusal.
 */

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  readonly maxAttempts: number;
  /** Time one request may spend on attempts and waits between them (not in the budget's queue). */
  readonly maxTotalMs: number;
  /** First backoff ceiling; doubles per attempt. */
  readonly baseDelayMs: number;
  /** Largest backoff ceiling. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  maxTotalMs: 60_000,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
};

/**
 * A 429 without Retry-After pauses for at least half of this, doubling per attempt: rate windows are
 * per second or per minute (PlanetScale: 600 requests/minute, docs/api-notes.md §2.2), so a pause much
 * shorter than a second only earns another 429.
 */
const RATE_LIMIT_BASE_MS = 1_000;

export function resolveRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError('retry.maxAttempts must be an integer >= 1');
  }
  for (const key of ['maxTotalMs', 'baseDelayMs', 'maxDelayMs'] as const) {
    if (!Number.isFinite(policy[key]) || policy[key] < 0) throw new RangeError(`retry.${key} must be >= 0`);
  }
  return policy;
}

/**
 * 429 (rate limited) and the gateway family (502, 503, 504: the request most likely never reached the
 * API). 500 is not retried: it is as likely a bug that answers the same way every time. Every other
 * 4xx (400, 401, 403, 404, 409, 422) is an answer about the request itself.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

/**
 * No answer at all. ENOTFOUND is left out: a mistyped origin would otherwise cost the whole backoff;
 * EAI_AGAIN is the transient DNS failure.
 */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'ETIMEDOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

export function isRetryableErrorCode(code: string | undefined): boolean {
  return code !== undefined && RETRYABLE_CODES.has(code);
}

/** Full jitter ("Exponential Backoff and Jitter", AWS): uniform in [0, min(max, base * 2^(attempt-1))). */
export function computeBackoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Equal jitter for a 429 without Retry-After: uniform in [c/2, c), c = min(max, 1 s * 2^(attempt-1)). */
export function computeRateLimitPauseMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, RATE_LIMIT_BASE_MS * 2 ** (attempt - 1));
  return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
}
