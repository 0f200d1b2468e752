import { describe, expect, it } from '@jest/globals';
import { createAdaptiveRate } from '../../../src/http/adaptive-rate.js';

const WINDOW = 1000;

/** Records `n` starts spread over [from, from + 100), the first `limited` of them drawing a 429. */
function burst(rate: ReturnType<typeof createAdaptiveRate>, from: number, n: number, limited: number): void {
  for (let i = 0; i < n; i += 1) rate.recordStart(from + i * (100 / n));
  for (let i = 0; i < limited; i += 1) rate.recordRateLimited(from + i * (100 / n));
}

describe('createAdaptiveRate', () => {
  it('starts at maxRps and stays there without 429s', () => {
    const rate = createAdaptiveRate({ maxRps: 20, windowMs: WINDOW });
    burst(rate, 0, 20, 0);
    expect(rate.current(60_000)).toBe(20);
  });

  it.each([
    // [starts in the window, of which 429, expected rate]: accepted, but by at least 1 and at most half
    [20, 10, 10],
    [20, 2, 18],
    [20, 1, 19],
    [20, 19, 10],
    [3, 2, 10],
  ])('after %i starts with %i 429s from maxRps 20, lowers to %i', (starts, limited, expected) => {
    const rate = createAdaptiveRate({ maxRps: 20, windowMs: WINDOW });
    burst(rate, 0, starts, limited);
    expect(rate.current(1000)).toBe(expected);
  });

  it('decides after the pause, from every answer to the burst, and reports the decrease once', () => {
    const lowered: number[] = [];
    const rate = createAdaptiveRate({ maxRps: 20, windowMs: WINDOW, onLowered: (r) => lowered.push(r) });
    for (let i = 0; i < 20; i += 1) rate.recordStart(i);
    rate.recordRateLimited(12);
    expect(rate.peek(50)).toBe(20);
    for (let i = 13; i < 20; i += 1) rate.recordRateLimited(i);

    expect(rate.current(1100)).toBe(12);
    expect(lowered).toEqual([12]);
  });

  it('ignores 429s for requests that started before the last decrease', () => {
    const rate = createAdaptiveRate({ maxRps: 20, windowMs: WINDOW });
    burst(rate, 0, 20, 10);
    expect(rate.current(1000)).toBe(10);
    rate.recordRateLimited(50);
    expect(rate.current(1100)).toBe(10);
  });

  it('never goes below 1', () => {
    const rate = createAdaptiveRate({ maxRps: 2, windowMs: WINDOW });
    for (let t = 0; t < 5; t += 1) {
      burst(rate, t * 2000, 1, 1);
      rate.current(t * 2000 + 1000);
    }
    expect(rate.current(10_001)).toBe(1);
  });

  it('probes up by 1 every interval, slowly back to the rate that drew a 429, never above maxRps', () => {
    const rate = createAdaptiveRate({ maxRps: 12, windowMs: WINDOW, probeIntervalMs: 5000 });
    burst(rate, 0, 12, 6);
    expect(rate.current(1000)).toBe(6);

    expect(rate.current(5999)).toBe(6);
    expect(rate.current(6000)).toBe(7);
    expect(rate.current(26_000)).toBe(11);
    // 11 -> 12 is the step back to the rate that drew the 429: 30 s, not 5 s.
    expect(rate.current(31_000)).toBe(11);
    expect(rate.current(56_000)).toBe(12);
    expect(rate.current(1_000_000)).toBe(12);
  });
});
