import { describe, expect, it } from '@jest/globals';
import { createRequestBudget, isRequestNotStarted } from '../../../src/http/request-budget.js';
import { createSilentLogger } from '../../../src/logger.js';
import { createCapturingLogger } from '../../support/capturing-logger.js';
import { createFakeClock } from '../../support/fake-clock.js';

describe('createRequestBudget', () => {
  it('holds back a call already waiting for a rate slot when a pause begins', async () => {
    const clock = createFakeClock();
    const budget = createRequestBudget({
      provider: 'turso',
      concurrency: 3,
      maxRps: 2,
      windowMs: 300,
      logger: createSilentLogger(),
      clock,
    });
    const starts: number[] = [];
    const task = (): Promise<number> => budget.run((startedAt) => Promise.resolve(starts.push(startedAt)));

    const all = Promise.all([task(), task(), task()]);
    await clock.advanceTo(20);
    expect(starts).toEqual([0, 0]);
    budget.pause(520);
    await clock.advanceTo(1_000);
    await all;

    // The third call's rate slot came free at 300 ms, during the pause: it waited for the pause's end.
    expect(starts).toEqual([0, 0, 520]);
  });

  it('gives a waiting call the rate slot as soon as the window has passed, when nothing pauses', async () => {
    const clock = createFakeClock();
    const budget = createRequestBudget({
      provider: 'turso',
      concurrency: 3,
      maxRps: 2,
      windowMs: 300,
      logger: createSilentLogger(),
      clock,
    });
    const starts: number[] = [];

    const all = Promise.all([1, 2, 3].map(() => budget.run((startedAt) => Promise.resolve(starts.push(startedAt)))));
    await clock.advanceTo(1_000);
    await all;

    expect(starts).toEqual([0, 0, 300]);
  });

  it('logs a pause once at info, however many requests extend it', () => {
    const { logger, lines } = createCapturingLogger();
    const clock = createFakeClock(5_000);
    const budget = createRequestBudget({ provider: 'planetscale', concurrency: 1, maxRps: 1, logger, clock });

    budget.pause(6_000);
    budget.pause(6_500);
    budget.pause(5_500);

    const pauses = lines()
      .split('\n')
      .filter((line) => line.includes('rate limited: pausing requests'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toMatchObject({ level: 30, provider: 'planetscale', pauseMs: 1_000 });
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

    const error = await budget.run(() => Promise.resolve((started = true))).catch((e: unknown) => e);

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
