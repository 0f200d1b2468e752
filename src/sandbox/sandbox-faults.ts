/**
 * Faults the sandbox can inject, for testing and benchmarking a rate-limited, flaky world.
 * Every decision is a few array operations at request arrival: faults slow the answers, never the server.
 */
import type { ProviderName } from '../model/desired-state.js';

export type RetryAfterForm = 'seconds' | 'http-date' | 'none';

export interface RateLimitFault {
  /** Admitted request starts per sliding one-second window, per server. */
  readonly requestsPerSecond: number;
  /** How 429s carry `Retry-After`; default `seconds`. Neither vendor documents it (docs/api-notes.md §1.2, §2.2). */
  readonly retryAfter?: RetryAfterForm;
}

export interface FailureFault {
  /** Both providers when absent. */
  readonly provider?: ProviderName;
  /** Any method when absent; compared case-insensitively. */
  readonly method?: string;
  /** Substring of, or RegExp tested against, the request target (path plus `?query`); any when absent. */
  readonly path?: string | RegExp;
  /** An HTTP status answered with the provider's error envelope, or `reset`: the socket is destroyed unanswered. */
  readonly status: number | 'reset';
  /** How many of the next matching requests fail. */
  readonly times: number;
  /** Replaces the provider's error envelope. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A value for both providers, or one per provider. */
export type PerProvider<T> = T | { readonly turso?: T; readonly planetscale?: T };

export interface SandboxFaults {
  /** Delay before answering every request (including 429s and injected failures). */
  readonly latencyMs?: PerProvider<number>;
  readonly rateLimit?: PerProvider<RateLimitFault>;
  /** Checked in order; the first matching fault with `times` left applies. */
  readonly failures?: readonly FailureFault[];
}

export type Admission =
  | { readonly kind: 'admit' }
  | { readonly kind: 'rate-limited'; readonly headers: Readonly<Record<string, string>> }
  | { readonly kind: 'fail'; readonly failure: FailureFault };

const ADMIT: Admission = { kind: 'admit' };
const WINDOW_MS = 1000;

export class FaultController {
  private latency: PerProvider<number> = 0;
  private rateLimit: PerProvider<RateLimitFault> | undefined;
  private failures: { readonly fault: FailureFault; left: number }[] = [];
  private readonly windows: Record<ProviderName, StartWindow> = {
    turso: new StartWindow(),
    planetscale: new StartWindow(),
  };

  /** Replaces every fault; the rate-limit windows keep their history. */
  set(faults: SandboxFaults): void {
    checkFaults(faults);
    this.latency = faults.latencyMs ?? 0;
    this.rateLimit = faults.rateLimit;
    this.failures = (faults.failures ?? []).map((fault) => ({ fault, left: fault.times }));
  }

  latencyMs(provider: ProviderName): number {
    return pick(this.latency, provider, (value) => typeof value === 'number') ?? 0;
  }

  /** Decides at arrival, so the order of arrival (not of answering) drives the window and the counters. */
  admit(provider: ProviderName, method: string, target: string, nowMs: number): Admission {
    const window = this.windows[provider];
    window.trim(nowMs - WINDOW_MS);
    const limit = pick(
      this.rateLimit,
      provider,
      (value) => typeof value === 'object' && value !== null && 'requestsPerSecond' in value,
    );
    if (limit !== undefined && window.count >= limit.requestsPerSecond) {
      return {
        kind: 'rate-limited',
        headers: retryAfterHeaders(limit.retryAfter ?? 'seconds', window.oldest + WINDOW_MS - nowMs),
      };
    }
    // Only admitted starts count: otherwise a client honouring Retry-After could be refused forever.
    window.push(nowMs);
    const failure = this.failures.find((entry) => entry.left > 0 && matches(entry.fault, provider, method, target));
    if (failure === undefined) return ADMIT;
    failure.left -= 1;
    return { kind: 'fail', failure: failure.fault };
  }
}

function pick<T>(
  value: PerProvider<T> | undefined,
  provider: ProviderName,
  isShared: (value: unknown) => boolean,
): T | undefined {
  if (value === undefined) return undefined;
  if (isShared(value)) return value as T;
  return (value as { readonly turso?: T; readonly planetscale?: T })[provider];
}

function matches(fault: FailureFault, provider: ProviderName, method: string, target: string): boolean {
  if (fault.provider !== undefined && fault.provider !== provider) return false;
  if (fault.method !== undefined && fault.method.toUpperCase() !== method.toUpperCase()) return false;
  if (fault.path === undefined) return true;
  if (typeof fault.path === 'string') return target.includes(fault.path);
  fault.path.lastIndex = 0;
  return fault.path.test(target);
}

function retryAfterHeaders(form: RetryAfterForm, waitMs: number): Record<string, string> {
  if (form === 'none') return {};
  if (form === 'seconds') return { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) };
  // IMF-fixdate has whole seconds: round up so the date is never earlier than the window opens.
  return { 'retry-after': new Date(Math.ceil((Date.now() + waitMs) / 1000) * 1000).toUTCString() };
}

function checkFaults(faults: SandboxFaults): void {
  const latencies = typeof faults.latencyMs === 'object' ? Object.values(faults.latencyMs) : [faults.latencyMs];
  if (latencies.some((ms) => ms !== undefined && !(ms >= 0))) throw new RangeError('latencyMs must be >= 0');
  const limits =
    faults.rateLimit === undefined
      ? []
      : 'requestsPerSecond' in faults.rateLimit
        ? [faults.rateLimit]
        : Object.values(faults.rateLimit);
  if (limits.some((limit) => !(limit.requestsPerSecond > 0))) {
    throw new RangeError('rateLimit.requestsPerSecond must be > 0');
  }
  for (const fault of faults.failures ?? []) {
    if (!Number.isInteger(fault.times) || fault.times < 0)
      throw new RangeError('failures[].times must be an integer >= 0');
    if (fault.status !== 'reset' && !(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599)) {
      throw new RangeError("failures[].status must be an HTTP status or 'reset'");
    }
  }
}

/** Request start times inside the last second, oldest first; a head index keeps trimming O(1). */
class StartWindow {
  private starts: number[] = [];
  private head = 0;

  get count(): number {
    return this.starts.length - this.head;
  }

  get oldest(): number {
    return this.starts[this.head] ?? 0;
  }

  trim(before: number): void {
    while (this.head < this.starts.length && (this.starts[this.head] ?? 0) <= before) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.starts.length) {
      this.starts = this.starts.slice(this.head);
      this.head = 0;
    }
  }

  push(ms: number): void {
    this.starts.push(ms);
  }
}
