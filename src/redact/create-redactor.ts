/**
 * The one redactor every byte we write passes through: stdout, stderr, logs, plan files, step
 * summaries, and API messages before they become errors. A secret leaks in pieces too (a server
 * quoting the first 30 characters of a token, or echoing `Basic base64(id:token)`), so it removes
 * every run of MIN_RUN or more consecutive characters of a secret or of its base64 forms, and each
 * shorter secret wherever it appears whole. Each maximal covered span becomes one `[redacted]`.
 */
import { base64Forms } from './base64-forms.js';

export type Redactor = (text: string) => string;

export const REDACTED = '[redacted]';

/** The shortest run of a long secret that is redacted; shorter runs turn up in ordinary text. */
export const MIN_RUN = 8;

/** [start, end) in UTF-16 code units. */
type Span = [start: number, end: number];

export function createRedactor(secrets: readonly string[]): Redactor {
  const patterns = new Set<string>();
  for (const secret of secrets) {
    if (secret.trim() === '') continue;
    patterns.add(secret);
    // Logs and plan files are JSON, where a quote or backslash in a secret is written escaped.
    patterns.add(JSON.stringify(secret).slice(1, -1));
    for (const form of base64Forms(secret, MIN_RUN)) patterns.add(form);
  }
  if (patterns.size === 0) return (text) => text;
  const whole = [...patterns].filter((pattern) => pattern.length < MIN_RUN);
  const findRuns = createRunFinder([...patterns].filter((pattern) => pattern.length >= MIN_RUN));
  return (text) => {
    const found = [...findRuns(text), ...findWhole(text, whole)];
    if (found.length === 0) return text;
    return replaceSpans(
      text,
      mergeSpans(
        withoutMarkers(
          text,
          found.sort((a, b) => a[0] - b[0]),
        ),
      ),
    );
  };
}

// A polynomial hash of MIN_RUN code units, rolled one position at a time, picks the few positions
// worth a Set lookup: a multi-megabyte plan costs one multiply-add per character, not a string each.
const BASE = 0x01000193;
const FILTER_BITS = 16;
const SHIFT = 32 - FILTER_BITS;
/** BASE ** (MIN_RUN - 1) modulo 2 ** 32: the weight of the character leaving the window. */
const HIGHEST = Array.from({ length: MIN_RUN - 1 }).reduce<number>((power) => Math.imul(power, BASE), 1);

/** Fibonacci hashing: the multiply carries every bit of the hash into the high bits kept. */
function slotOf(hash: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> SHIFT;
}

function hashAt(text: string, start: number): number {
  let hash = 0;
  for (let i = start; i < start + MIN_RUN; i += 1) hash = (Math.imul(hash, BASE) + text.charCodeAt(i)) | 0;
  return hash;
}

/** Finds, merged as they are found, the spans covered by a MIN_RUN-character window of a pattern. */
function createRunFinder(patterns: readonly string[]): (text: string) => Span[] {
  const windows = new Set<string>();
  for (const pattern of patterns) {
    for (let i = 0; i + MIN_RUN <= pattern.length; i += 1) windows.add(pattern.slice(i, i + MIN_RUN));
  }
  const candidates = new Uint8Array(1 << FILTER_BITS);
  for (const window of windows) candidates[slotOf(hashAt(window, 0))] = 1;
  return (text) => {
    const spans: Span[] = [];
    if (windows.size === 0 || text.length < MIN_RUN) return spans;
    let hash = hashAt(text, 0);
    for (let i = 0; ; i += 1) {
      if (candidates[slotOf(hash)] === 1 && windows.has(text.slice(i, i + MIN_RUN))) {
        const last = spans[spans.length - 1];
        if (last !== undefined && last[1] >= i) last[1] = i + MIN_RUN;
        else spans.push([i, i + MIN_RUN]);
      }
      const next = i + MIN_RUN;
      if (next >= text.length) return spans;
      hash = (Math.imul(hash - Math.imul(text.charCodeAt(i), HIGHEST), BASE) + text.charCodeAt(next)) | 0;
    }
  };
}

function findWhole(text: string, patterns: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (const pattern of patterns) {
    for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1))
      spans.push([at, at + pattern.length]);
  }
  return spans;
}

/**
 * Drops matches inside a `[redacted]` already in the text: the marker is ours, not the secret's,
 * and text is redacted twice on its way out (an API message, then the stream it is printed to), so
 * a short secret such as `act` must not turn the first marker into `[red[redacted]ed]`.
 */
function withoutMarkers(text: string, sorted: Span[]): Span[] {
  let upcoming = text.indexOf(REDACTED);
  if (upcoming === -1) return sorted;
  // The start of the last marker at or before the span; markers cannot overlap one another.
  let current = -1;
  return sorted.filter(([start, end]) => {
    while (upcoming !== -1 && upcoming <= start) {
      current = upcoming;
      upcoming = text.indexOf(REDACTED, upcoming + 1);
    }
    return current === -1 || end > current + REDACTED.length;
  });
}

/** Overlapping and touching spans joined (the input sorted by start): one marker per covered stretch. */
function mergeSpans(sorted: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function replaceSpans(text: string, spans: readonly Span[]): string {
  const parts: string[] = [];
  let from = 0;
  for (const [start, end] of spans) {
    parts.push(text.slice(from, start), REDACTED);
    from = end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}
