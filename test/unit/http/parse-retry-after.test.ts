import { describe, expect, it } from '@jest/globals';
import { parseRetryAfter, RETRY_AFTER_MAX_MS } from '../../../src/http/parse-retry-after.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each<[string, string | undefined, number | undefined]>([
    ['integer seconds', '3', 3000],
    ['zero', '0', 0],
    ['fractional seconds', '1.5', 1500],
    ['surrounding spaces', ' 2 ', 2000],
    ['IMF-fixdate', 'Sun, 01 Mar 2026 12:00:05 GMT', 5000],
    ['RFC 850 date', 'Sunday, 01-Mar-26 12:00:07 GMT', 7000],
    ['asctime date, read as GMT', 'Sun Mar  1 12:00:09 2026', 9000],
    ['date in the past: retry now', 'Sun, 01 Mar 2026 11:59:00 GMT', 0],
    ['seconds past the cap', '86400', RETRY_AFTER_MAX_MS],
    ['seconds that would overflow a timer', '99999999999999', RETRY_AFTER_MAX_MS],
    ['date past the cap', 'Mon, 02 Mar 2026 12:00:00 GMT', RETRY_AFTER_MAX_MS],
    ['absent', undefined, undefined],
    ['empty', '', undefined],
    ['negative', '-1', undefined],
    ['exponent', '1e3', undefined],
    ['words', 'soon', undefined],
    ['a date Date.parse would guess at', 'hello 2026', undefined],
    ['a date with an offset instead of GMT', 'Sun, 01 Mar 2026 13:00:05 +0100', undefined],
    ['an impossible date', 'Sun, 99 Foo 2026 12:00:05 GMT', undefined],
  ])('%s: %p -> %p', (_name, value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it('clamps to a caller-given maximum', () => {
    expect(parseRetryAfter('30', NOW, 5000)).toBe(5000);
  });
});
