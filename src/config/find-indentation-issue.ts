import type { FoundIssue } from './found-issue.js';

/**
 * One message for a mis-indented line, instead of the two or three the YAML parser gives for it
 * ("All mapping items must start at the same column", "Implicit keys need to be on a single line",
 * ...), none of which says which line to align with.
 *
 * A line-by-line reading of block YAML, good enough for the shapes a membership file has: keys,
 * `- ` items, scalars and `{}`/`[]` on one line. It keeps the lines that opened each level still
 * open; a line whose indentation matches none of them, or that is nested under a line that
 * already has a value, is the issue. Anything it cannot follow (a block scalar is skipped, but
 * flow collections or quoted scalars over several lines, explicit `?` keys, directives, a second
 * document) ends the reading with no answer, and the parser's own messages are shown.
 *
 * Reads up to the first line with content after `lastErrorLine`: the parser reports a misplaced
 * line where the blank lines or comments before it start, or where the value it continues starts.
 */
export function findIndentationIssue(text: string, lastErrorLine: number): FoundIssue | null {
  const open: Level[] = [];
  let blockScalarIndent: number | null = null;
  let start = 0;
  for (let line = 1; start <= text.length; line += 1) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const raw = text.slice(start, end).replace(/\r$/, '');
    const lineStart = start;
    start = end + 1;

    const indent = /^[ \t]*/.exec(raw)?.[0] ?? '';
    const content = raw.slice(indent.length);
    if (blockScalarIndent !== null) {
      if (content === '' || indent.length > blockScalarIndent) continue;
      blockScalarIndent = null;
    }
    if (content === '' || content.startsWith('#')) continue;
    if (indent.includes('\t')) return tabIssue(line, lineStart + indent.indexOf('\t'));
    const read = readLine(content, indent.length, line);
    if (read === null) return null;

    const column = indent.length;
    let nearestDeeper: Level | undefined;
    while (open.length > 0 && (open[open.length - 1]?.indent ?? 0) > column) nearestDeeper = open.pop();
    const top = open[open.length - 1];
    const kind = read.levels[0]?.kind ?? 'key';
    if (top !== undefined && top.indent === column) {
      // A sibling (or a list under its key, written at the key's column): it takes the place of the last one.
      open.pop();
    } else if (top !== undefined && nearestDeeper !== undefined) {
      const alignWith = column - top.indent < nearestDeeper.indent - column ? top : nearestDeeper;
      return misaligned(line, lineStart + column, column, alignWith, kind);
    } else if (top !== undefined && !top.opens) {
      return nestedUnderValue(line, lineStart + column, column, top);
    }
    open.push(...read.levels);
    if (read.blockScalar) blockScalarIndent = column;
    if (line > lastErrorLine) break;
  }
  return null;
}

type LineKind = 'key' | 'item';

/** A key or a `- ` of a line still open, at the column where it starts. */
interface Level {
  readonly indent: number;
  readonly line: number;
  readonly kind: LineKind;
  /** Whether the lines after it may be nested under it: `key:` or `-` with nothing after them. */
  readonly opens: boolean;
}

/** The levels a line opens (each `- `, then a key), or null when the line is beyond this reading. */
function readLine(content: string, column: number, line: number): { levels: Level[]; blockScalar: boolean } | null {
  if (/^(---|\.\.\.)(\s|$)|^[%?]/.test(content)) return null;
  const levels: Level[] = [];
  let rest = content;
  let at = column;
  for (let dash = /^-( +|$)/.exec(rest); dash !== null; dash = /^-( +|$)/.exec(rest)) {
    rest = rest.slice(dash[0].length);
    levels.push({ indent: at, line, kind: 'item', opens: stripComment(rest) === '' });
    at += dash[0].length;
  }
  if (rest === '' || rest.startsWith('#')) return { levels, blockScalar: false };
  const key = keyLength(rest);
  if (key === null) return null;
  // A scalar item (`- alice`) or a line that continues one: nothing can be nested under it.
  const value = key === 0 ? rest : stripComment(rest.slice(key + 1).trimStart());
  if (value === null) return null;
  if (key > 0) levels.push({ indent: at, line, kind: 'key', opens: value === '' || /^[&!]\S*$/.test(value) });
  if (/^[[{]/.test(value) && !balanced(value)) return null;
  return { levels, blockScalar: /^[|>]/.test(value) };
}

/** Where a key's `:` is (0 when the text is no `key: ...`), or null for a quote left open. */
function keyLength(text: string): number | null {
  let from = 0;
  if (text.startsWith('"') || text.startsWith("'")) {
    const close = closingQuote(text);
    if (close < 0) return null;
    from = close + 1;
  } else if (/^[[{]/.test(text)) {
    return balanced(text) ? 0 : null;
  }
  const colon = /:(\s|$)/.exec(text.slice(from));
  if (colon === null) return 0;
  const comment = /\s#/.exec(text.slice(from));
  return comment !== null && comment.index < colon.index ? 0 : from + colon.index;
}

/** A value without its trailing comment; null for a quoted value left open on this line. */
function stripComment(value: string): string | null {
  let from = 0;
  if (value.startsWith('"') || value.startsWith("'")) {
    const close = closingQuote(value);
    if (close < 0) return null;
    from = close + 1;
  }
  const comment = /(^|\s)#/.exec(value.slice(from));
  return (comment === null ? value : value.slice(0, from + comment.index)).trimEnd();
}

function closingQuote(text: string): number {
  const quote = text.charAt(0);
  for (let i = 1; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (quote === '"' && char === '\\') i += 1;
    else if (char === quote && quote === "'" && text.charAt(i + 1) === "'") i += 1;
    else if (char === quote) return i;
  }
  return -1;
}

/** Whether a flow collection closes on its line (quotes inside it are not followed: a rough check). */
function balanced(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '[' || char === '{') depth += 1;
    else if (char === ']' || char === '}') depth -= 1;
  }
  return depth === 0;
}

function spaces(n: number): string {
  return n === 1 ? '1 space' : `${n} spaces`;
}

function misaligned(line: number, offset: number, column: number, alignWith: Level, kind: LineKind): FoundIssue {
  const rule = kind === 'item' ? 'the items of one list' : 'the keys of one mapping';
  return {
    offset,
    path: [],
    message:
      `line ${line} is indented ${spaces(column)}, inconsistent with line ${alignWith.line} ` +
      `(${spaces(alignWith.indent)}): ${rule} must start in the same column; ` +
      alignAdvice(line, alignWith),
  };
}

/**
 * A value that goes on over the next line (`- alice@example.com` then `   - bob@example.com`, one
 * column further in): valid YAML, one scalar with a space in it, but never a membership file's
 * intent, since no name, email or role holds a line break. `start` and `end` are the scalar's.
 */
export function findContinuedValue(
  text: string,
  [start, end]: readonly number[],
  linePos: (offset: number) => { line: number; col: number },
): FoundIssue | null {
  if (start === undefined || end === undefined) return null;
  const newline = text.slice(start, end).indexOf('\n');
  if (newline < 0) return null;
  const next = /\S/.exec(text.slice(start + newline, end));
  if (next === null) return null;
  const offset = start + newline + next.index;
  const { line, col } = linePos(offset);
  const first = linePos(start);
  const aboveIndent = /^ */.exec(text.slice(start - (first.col - 1), start))?.[0].length ?? 0;
  const above = first.line;
  const issue = nestedUnderValue(line, offset, col - 1, {
    indent: aboveIndent,
    line: above,
    kind: 'key',
    opens: false,
  });
  return { ...issue, message: `${issue.message} (YAML reads it as more of line ${above}'s value)` };
}

function nestedUnderValue(line: number, offset: number, column: number, above: Level): FoundIssue {
  return {
    offset,
    path: [],
    message:
      `line ${line} is indented ${spaces(column)}, inconsistent with line ${above.line} ` +
      `(${spaces(above.indent)}): line ${above.line} already has a value, so nothing can be nested under it; ` +
      alignAdvice(line, above),
  };
}

function alignAdvice(line: number, other: Level): string {
  return other.indent === 0
    ? `start line ${line} in the first column like line ${other.line}`
    : `indent line ${line} by ${spaces(other.indent)} like line ${other.line}`;
}

function tabIssue(line: number, offset: number): FoundIssue {
  const message = `line ${line} is indented with a tab; YAML indentation must be spaces: replace the tab with spaces`;
  return { offset, path: [], message };
}
