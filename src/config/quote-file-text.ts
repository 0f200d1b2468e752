/**
 * At most this many characters of the file appear in one place of an error message. The file is
 * untrusted and need not be YAML at all: `-f` naming a link to /proc/self/environ once printed every
 * environment variable, tokens included, as one quoted value.
 */
export const MAX_QUOTED_CHARACTERS = 60;

/**
 * Control characters (ANSI sequences and line breaks included), format characters (bidirectional
 * overrides, zero-width), line and paragraph separators, and lone surrogates, which a YAML escape
 * such as "\uD800" can produce. The same as render/printable.ts, plus the surrogates; not imported
 * from there because config/ depends on nothing but model/ and errors.ts.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/** Text from the file in double quotes, cut to 60 characters, invisible ones escaped as `\u{...}`. */
export function quoteFileText(text: string): string {
  const shown = cut(text).replace(/["\\]/g, (char) => `\\${char}`);
  return `"${escapeInvisible(shown)}"`;
}

/**
 * As quoteFileText, without quotes: for a tag, an anchor or an alias, which messages show as
 * written, or (with a higher limit) for a message that holds text from the file.
 */
export function showFileText(text: string, maxCharacters = MAX_QUOTED_CHARACTERS): string {
  return escapeInvisible(cut(text, maxCharacters));
}

/** Cut by code points, so that a character outside the BMP is never split in two. */
function cut(text: string, maxCharacters = MAX_QUOTED_CHARACTERS): string {
  if (text.length <= maxCharacters) return text;
  // Twice as many UTF-16 units hold at least that many code points: enough to cut at, without
  // splitting all of a 16 MiB text.
  const head = Array.from(text.slice(0, 2 * maxCharacters));
  if (head.length <= maxCharacters && text.length <= 2 * maxCharacters) return text;
  return `${head.slice(0, maxCharacters).join('')}…`;
}

function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`);
}
