import { describe, expect, it } from '@jest/globals';
import { createRequestBudget, isRequestNotStarted } from '../../../src/http/request-budget.js';
import { createSilentLogger } from '../../../src/logger.js';
import { createCapturingLogger } from './client-fixture.js';

const TOLERANCE_MS = 5;

describe('createRequestBudget', () => {
  it('holds back a call already waiting for a rate slot when a pause begins', async () => {
    const budget = createRequestBudget({
      provider: 'turso',
      concurrency: 3,
      maxRps: 2,
      windowMs: 300,
      logger: createSilentLogger(),
    });
    const starts: number[] = [];
    const task = (): Promise<void> => budget.run(async (startedAt) => void starts.push(startedAt));

    const all = Promise.all([task(), task(), task()]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const pausedUntil = Date.now() + 500;
    budget.pause(pausedUntil);
    await all;

    // The third call got its rate slot at ~300 ms, during the pause: it must wait for the pause.
    expect(starts).toHaveLength(3);
    expect(starts[2]).toBeGreaterThanOrEqual(pausedUntil - TOLERANCE_MS);
  });

  it('logs a pause once at info, however many requests extend it', () => {
    const { logger, lines } = createCapturingLogger();
    const budget = createRequestBudget({ provider: 'planetscale', concurrency: 1, maxRps: 1, logger });
    const now = Date.now();

    budget.pause(now + 1000);
    budget.pause(now + 1500);
    budget.pause(now + 500);

    const pauses = lines()
      .split('\n')
      .filter((line) => line.includes('rate limited: pausing requests'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toMatchObject({ level: 30, provider: 'planetscale' });
    expect(pauses[0]?.['pauseMs']).toBeGreaterThan(900);
    expect(budget.stats().pauses).toBe(1);
  });

  it('rejects every call once aborted, without starting it', async () => {
    const controller = new AbortController();
    const budget = createRequestBudget({
      provider: 'turso',
      concurrency: 1,
      maxRps: 10,
      logger: createSilentLogger(),
      signal: controller.signal,
    });
    controller.abort();
    let started = false;

    const error = await budget.run(async () => void (started = true)).catch((e: unknown) => e);

    expect(isRequestNotStarted(error)).toBe(true);
    expect((error as Error).message).toBe('turso: request not started: interrupted');
    expect(started).toBe(false);
  });

  it('rejects a maxRps below 1', () => {
    expect(() =>
      createRequestBudget({ provider: 'turso', concurrency: 1, maxRps: 0.5, logger: createSilentLogger() }),
    ).toThrow(RangeError);
  });
});
