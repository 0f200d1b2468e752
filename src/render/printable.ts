/**
 * Names, emails and API messages come from the file and from the APIs: untrusted. Written as
 * `\u{...}` escapes, control characters (ANSI sequences included), line breaks, bidirectional
 * overrides and zero-width characters can neither restyle a terminal, end a line (or a Markdown
 * fence) early, nor make one name look like another in review.
 */
export function showInvisible(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`);
}

/** Multi-line text (e.g. an error listing several issues): each line made printable, breaks kept. */
export function printableLines(text: string): string {
  return text.split('\n').map(showInvisible).join('\n');
}
