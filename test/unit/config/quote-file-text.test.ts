import { describe, expect, it } from '@jest/globals';
import { quoteFileText, showFileText } from '../../../src/config/quote-file-text.js';
import { showInvisible } from '../../../src/render/printable.js';

describe('quoteFileText', () => {
  it.each<[string, string, string]>([
    ['short text, as it is', 'alice', '"alice"'],
    ['empty text', '', '""'],
    ['quotes and backslashes, escaped', 'a"b\\c', '"a\\"b\\\\c"'],
    ['exactly 60 characters, whole', 'x'.repeat(60), `"${'x'.repeat(60)}"`],
    ['61 characters, cut to 60 with an ellipsis', 'x'.repeat(61), `"${'x'.repeat(60)}…"`],
    ['10 kB, cut to 60', 'x'.repeat(10_000), `"${'x'.repeat(60)}…"`],
    ['NUL-separated variables', 'A=1\0B=2\0', '"A=1\\u{0}B=2\\u{0}"'],
    ['line breaks and ANSI escapes', 'a\nb\r\u001b[31m', '"a\\u{a}b\\u{d}\\u{1b}[31m"'],
    ['bidirectional overrides and zero-width characters', 'ad\u202Emin\u200B', '"ad\\u{202e}min\\u{200b}"'],
    ['a lone surrogate (from a YAML "\\uD800" escape)', 'a\uD800', '"a\\u{d800}"'],
    ['emoji, counted as one character each and never split', '😀'.repeat(61), `"${'😀'.repeat(60)}…"`],
    ['exactly 60 emoji, whole', '😀'.repeat(60), `"${'😀'.repeat(60)}"`],
    ['60 emoji and one more character', `${'😀'.repeat(60)}x`, `"${'😀'.repeat(60)}…"`],
  ])('%s', (_name, text, expected) => {
    expect(quoteFileText(text)).toBe(expected);
  });

  it('counts the 60 characters before escaping, so that escapes cannot hide more of the file', () => {
    expect(quoteFileText('\0'.repeat(100))).toBe(`"${'\\u{0}'.repeat(60)}…"`);
  });

  it('escapes at least every character the rendered output escapes', () => {
    const invisible = ['\0', '\u0007', '\u007f', '\u0085', '\u061c', '\u200d', '\u2028', '\u2029', '\u2066', '\ufeff'];
    for (const char of invisible) expect(quoteFileText(char)).toBe(`"${showInvisible(char)}"`);
  });
});

describe('showFileText', () => {
  it('cuts and escapes like quoteFileText, without quotes', () => {
    expect(showFileText('&anchor')).toBe('&anchor');
    expect(showFileText(`!${'t'.repeat(100)}`)).toBe(`!${'t'.repeat(59)}…`);
    expect(showFileText('!a"\u0000')).toBe('!a"\\u{0}');
  });
});
