/**
 * The HTTP edge every provider request goes through: authentication, the
 * provider's request budget, retries with Retry-After, and errors that carry the API's own words and
 * never a credential.
 */
import { setTimeout as defaultSleep } from 'node:timers/promises';
import { ApiError, AuthError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ProviderName } from '../model/desired-state.js';
import { createRedactor } from '../redact/create-redactor.js';
import { createAttemptSender, type AttemptOutcome } from './create-attempt-sender.js';
import type { ApiRequest, ApiResponse, HttpClient } from './http-client.js';
import { parseJsonSkipping } from './parse-json-skipping.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { readApiMessage, toSingleLine } from './read-api-message.js';
import { isRequestNotStarted, type RequestBudget } from './request-budget.js';
import {
  computeBackoffMs,
  computeRateLimitPauseMs,
  isRetryableErrorCode,
  isRetryableStatus,
  resolveRetryPolicy,
  type RetryPolicy,
} from './retry-policy.js';

export interface HttpClientOptions {
  readonly provider: ProviderName;
  /** e.g. `https://api.turso.tech` or `http://127.0.0.1:4321`: no trailing slash, no `/v1`. */
  readonly origin: string;
  /** The whole header value: `Bearer T` for Turso, `ID:TOKEN` for PlanetScale (docs/api-notes.md §1.1, §2.1). */
  readonly authorization: string;
  /** Shared by every request to this provider. */
  readonly budget: RequestBudget;
  readonly retry?: Partial<RetryPolicy>;
  readonly logger: Logger;
  /** Per attempt. */
  readonly timeoutMs?: number;
  readonly userAgent?: string;
  /** For tests: the jitter source (default Math.random) and the wait between retries. */
  readonly random?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_USER_AGENT = 'membership';

interface Attempt {
  readonly outcome: AttemptOutcome;
  readonly ms: number;
  /** The wait before the next attempt; undefined when this outcome must not be retried. */
  readonly delayMs: number | undefined;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { provider, budget, logger } = options;
  const policy = resolveRetryPolicy(options.retry);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms, signal) => defaultSleep(ms, undefined, signal === undefined ? {} : { signal }));
  const redact = createRedactor(secretsOf(options.authorization));
  const send = createAttemptSender({
    origin: options.origin,
    authorization: options.authorization,
    timeoutMs,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
  });
  // Auth failures fail fast: a bad token will not get better, and each retry would be another
  // refused request on the user's account.
  let authFailure: AuthError | undefined;

  async function attemptOnce(
    request: ApiRequest,
    path: string,
    attempt: number,
    startedAtMs: number,
  ): Promise<Attempt> {
    if (authFailure !== undefined) throw authFailure;
    const outcome = await send(request);
    const ms = Date.now() - startedAtMs;
    const status = outcome.kind === 'response' ? outcome.status : null;
    const error = outcome.kind === 'response' ? undefined : outcome.failure.code;
    logger.debug({ provider, method: request.method, path, status, error, attempt, ms }, 'request attempt');
    if (outcome.kind === 'response' && refusesToken(outcome.status, request)) {
      // Latched here, before this attempt gives back its budget slot, so no queued request is sent.
      authFailure ??= new AuthError(
        provider,
        outcome.status,
        readApiMessage(outcome.text, outcome.status, redact).message,
      );
    }
    const delayMs = retryDelay(outcome, attempt);
    if (status === 429) {
      // A 429 is about the provider, not this request: every request to it waits. Done here, before
      // this attempt gives back its budget slot, so that no queued request starts in between.
      budget.noteRateLimited(startedAtMs);
      budget.pause(Date.now() + (delayMs ?? 0));
    }
    return { outcome, ms, delayMs };
  }

  function toError(request: ApiRequest, path: string, outcome: AttemptOutcome, attempts: number, note = ''): Error {
    const suffix = `${attempts === 1 ? '' : ` after ${attempts} attempts`}${note}`;
    if (outcome.kind === 'no-response') {
      const { description, code } = outcome.failure;
      return new ApiError(provider, request.method, path, null, `${description} (${code})${suffix}`);
    }
    if (refusesToken(outcome.status, request) && authFailure !== undefined) return authFailure;
    const { message, code } = readApiMessage(outcome.text, outcome.status, redact);
    return new ApiError(provider, request.method, path, outcome.status, `${message}${suffix}`, code);
  }

  /** The wait before the next attempt, or undefined when this outcome must not be retried. */
  function retryDelay(outcome: AttemptOutcome, attempt: number): number | undefined {
    if (outcome.kind === 'no-response') {
      return isRetryableErrorCode(outcome.failure.code) ? computeBackoffMs(attempt, policy, random) : undefined;
    }
    if (!isRetryableStatus(outcome.status)) return undefined;
    const retryAfter = parseRetryAfter(outcome.retryAfter, Date.now(), policy.maxTotalMs);
    if (retryAfter !== undefined) return retryAfter;
    return outcome.status === 429
      ? computeRateLimitPauseMs(attempt, policy, random)
      : computeBackoffMs(attempt, policy, random);
  }

  function succeed<T>(request: ApiRequest, path: string, status: number, text: string): ApiResponse<T> {
    if (text.trim() === '') return { status, body: undefined as T };
    try {
      const body: unknown =
        request.skipKeys === undefined ? JSON.parse(text) : parseJsonSkipping(text, request.skipKeys);
      return { status, body: body as T };
    } catch {
      const snippet = toSingleLine(redact(text));
      throw new ApiError(provider, request.method, path, status, `response is not JSON: ${snippet}`);
    }
  }

  async function request<T>(request: ApiRequest): Promise<ApiResponse<T>> {
    if (authFailure !== undefined) throw authFailure;
    const path = request.path.split('?')[0] ?? request.path;
    // Time spent failing: attempts and the waits between them, not turns waited in the budget's queue.
    let spentMs = 0;
    let previous: AttemptOutcome | undefined;
    for (let attempt = 1; ; attempt += 1) {
      let result: Attempt;
      try {
        result = await budget.run((startedAtMs) => attemptOnce(request, path, attempt, startedAtMs));
      } catch (error) {
        // Interrupted before a retry: report what the server last said, not "not started".
        if (previous !== undefined && isRequestNotStarted(error)) {
          throw toError(request, path, previous, attempt - 1, ' (not retried: interrupted)');
        }
        throw error;
      }
      const { outcome, delayMs } = result;
      spentMs += result.ms;
      if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300) {
        return succeed<T>(request, path, outcome.status, outcome.text);
      }
      if (delayMs === undefined || attempt >= policy.maxAttempts || spentMs + delayMs > policy.maxTotalMs) {
        throw toError(request, path, outcome, attempt);
      }
      // POST is retried too, deliberately (got would not): our only POSTs add a member, a team member
      // or an invite, and a repeated add is safe: 409 means converged (docs/api-notes.md §1.6), an invite
      // re-POST replaces itself (§1.3), PlanetScale's duplicate add is re-listed (§2.6).
      budget.noteRetry();
      logger.debug({ provider, method: request.method, path, attempt, delayMs }, 'retrying request');
      // After a 429 the budget's pause is the wait.
      if (outcome.kind === 'no-response' || outcome.status !== 429) {
        await sleep(delayMs, budget.signal).catch(() => {
          throw toError(request, path, outcome, attempt, ' (not retried: interrupted)');
        });
      }
      spentMs += delayMs;
      previous = outcome;
    }
  }

  return { provider, request };
}

/** 401, or a 403 the request does not take as an answer about its resource: the token is refused. */
function refusesToken(status: number, request: ApiRequest): boolean {
  return status === 401 || (status === 403 && request.forbiddenIsAnswer !== true);
}

/**
 * What must never be printed: the token after `Bearer `, or `ID:TOKEN` and its two parts (split at
 * the first colon: an ID has none). The redactor also removes any 8-character run and the base64 of
 * each. Not `Bearer TOKEN` whole: its runs would take the words before a quoted token with them.
 */
function secretsOf(authorization: string): string[] {
  const bare = authorization.replace(/^Bearer\s+/i, '');
  if (bare !== authorization) return [bare];
  const colon = bare.indexOf(':');
  return colon > 0 ? [bare, bare.slice(0, colon), bare.slice(colon + 1)] : [bare];
}
