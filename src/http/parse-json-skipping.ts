/**
 * JSON.parse for answers that embed large values we never read. A PlanetScale team list carries
 * every member of every team (docs/api-notes.md §2.3): a page of 100 teams of 500 is about 19 MB, and
 * parsing it whole built about 19 MB of member objects only to drop them.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * The parsed text, with the value of every property named in `skipKeys` (at any depth) read as
 * null without being built. Malformed text throws as JSON.parse would, except inside a skipped
 * value, which is only matched up to its closing bracket.
 */
export function parseJsonSkipping(text: string, skipKeys: ReadonlySet<string>): unknown {
  const kept: string[] = [];
  let copiedUpTo = 0;
  // Every quote met outside a string opens one: each string is jumped over whole.
  for (let quote = text.indexOf('"'); quote !== -1;) {
    const close = closingQuote(text, quote);
    // An unclosed string or bracket: the text is malformed, for JSON.parse to refuse as it would.
    if (close === -1) return JSON.parse(text);
    const colon = skipSpace(text, close + 1);
    if (text.charCodeAt(colon) !== COLON || !skipKeys.has(stringAt(text, quote, close))) {
      quote = text.indexOf('"', close + 1);
      continue;
    }
    const value = skipSpace(text, colon + 1);
    const end = valueEnd(text, value);
    if (end === -1) return JSON.parse(text);
    kept.push(text.slice(copiedUpTo, value), 'null');
    copiedUpTo = end;
    quote = text.indexOf('"', end);
  }
  if (copiedUpTo === 0) return JSON.parse(text);
  kept.push(text.slice(copiedUpTo));
  return JSON.parse(kept.join(''));
}

/** Index of the quote closing the string that opens at `open`, or -1. */
function closingQuote(text: string, open: number): number {
  for (let at = text.indexOf('"', open + 1); at !== -1; at = text.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return at;
  }
  return -1;
}

function stringAt(text: string, open: number, close: number): string {
  const raw = text.slice(open + 1, close);
  return raw.includes('\\') ? (JSON.parse(text.slice(open, close + 1)) as string) : raw;
}

function skipSpace(text: string, from: number): number {
  let at = from;
  for (
    let code = text.charCodeAt(at);
    code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
    code = text.charCodeAt(at)
  ) {
    at += 1;
  }
  return at;
}

/** Index just past the value that starts at `start`, or -1 when the text ends first. */
function valueEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === QUOTE) {
    const close = closingQuote(text, start);
    return close === -1 ? -1 : close + 1;
  }
  if (first !== OPEN_BRACKET && first !== OPEN_BRACE) return scalarEnd(text, start);
  let depth = 0;
  for (let at = start; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      at = closingQuote(text, at);
      if (at === -1) return -1;
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      depth += 1;
    } else if ((code === CLOSE_BRACKET || code === CLOSE_BRACE) && --depth === 0) {
      return at + 1;
    }
  }
  return -1;
}

/** A number, true, false or null ends at the next delimiter. */
function scalarEnd(text: string, start: number): number {
  let at = start;
  for (let code = text.charCodeAt(at); at < text.length; code = text.charCodeAt(++at)) {
    if (code === 0x2c || code === CLOSE_BRACE || code === CLOSE_BRACKET || code <= 0x20) return at;
  }
  return at;
}
