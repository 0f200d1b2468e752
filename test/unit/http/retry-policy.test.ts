import { describe, expect, it } from '@jest/globals';
import {
  computeBackoffMs,
  computeRateLimitPauseMs,
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  resolveRetryPolicy,
} from '../../../src/http/retry-policy.js';

const policy = DEFAULT_RETRY_POLICY;
const almostOne = (): number => 0.999999;

describe('retry policy', () => {
  it.each([
    [1, 250],
    [2, 500],
    [3, 1000],
    [6, 8000],
    [10, 8000],
  ])('backoff before attempt %i stays below %i ms (full jitter)', (attempt, ceiling) => {
    expect(computeBackoffMs(attempt, policy, () => 0)).toBe(0);
    expect(computeBackoffMs(attempt, policy, almostOne)).toBe(ceiling - 1);
  });

  it.each([
    [1, 500, 1000],
    [2, 1000, 2000],
    [5, 4000, 8000],
  ])('a 429 without Retry-After before attempt %i pauses between %i and %i ms', (attempt, low, high) => {
    expect(computeRateLimitPauseMs(attempt, policy, () => 0)).toBe(low);
    expect(computeRateLimitPauseMs(attempt, policy, almostOne)).toBe(high - 1);
  });

  it.each([
    [429, true],
    [502, true],
    [503, true],
    [504, true],
    [500, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
    [422, false],
  ])('status %i retryable: %p', (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable);
  });

  it('fills defaults and refuses nonsense', () => {
    expect(resolveRetryPolicy({ maxAttempts: 2 })).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 2 });
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(RangeError);
    expect(() => resolveRetryPolicy({ maxTotalMs: -1 })).toThrow(RangeError);
  });
});
