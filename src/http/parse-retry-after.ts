/**
 * `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Neither vendor documents whether
 * its 429 carries the header (docs/api-notes.md §1.2, §2.2), so we accept every form a server might send.
 */

/**
 * The longest wait we take from a server: one minute, the default retry time budget. A larger value
 * (or one that would overflow setTimeout) is clamped; the retry loop then decides whether to wait.
 */
export const RETRY_AFTER_MAX_MS = 60_000;

// Delay-seconds. RFC 9110 says integer; PlanetScale may send fractions (docs/api-notes.md §2.2).
const SECONDS = /^\d+(\.\d+)?$/;
// IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT` and obsolete RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT`.
const IMF_OR_RFC850 = /^[A-Za-z]{3,9}, \d{2}[ -][A-Za-z]{3}[ -]\d{2}(\d{2})? \d{2}:\d{2}:\d{2} GMT$/;
// Obsolete asctime `Sun Nov  6 08:49:37 1994`: no zone, but RFC 9110 means GMT.
const ASCTIME = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/** Delay in ms from a `Retry-After` value; undefined when absent, negative or unreadable. */
export function parseRetryAfter(
  value: string | undefined,
  nowMs: number,
  maxMs: number = RETRY_AFTER_MAX_MS,
): number | undefined {
  const text = value?.trim();
  if (text === undefined || text === '') return undefined;
  if (SECONDS.test(text)) return Math.min(Math.round(Number(text) * 1000), maxMs);
  const dateMs = parseHttpDate(text);
  if (dateMs === undefined) return undefined;
  // A date in the past means "retry now".
  return Math.min(Math.max(0, dateMs - nowMs), maxMs);
}

function parseHttpDate(text: string): number | undefined {
  let ms = Number.NaN;
  if (IMF_OR_RFC850.test(text)) ms = Date.parse(text);
  else if (ASCTIME.test(text)) ms = Date.parse(`${text} GMT`);
  return Number.isFinite(ms) ? ms : undefined;
}
