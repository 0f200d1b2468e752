import type { LineCounter } from 'yaml';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { MAX_QUOTED_CHARACTERS, quoteFileText } from './quote-file-text.js';

/** A mapping key, or an index into a list. */
export type PathSegment = string | number;

/** An issue found while checking the parsed file, placed by offset until lines are counted. */
export interface FoundIssue {
  /** Character offset into the decoded text; null when the issue is about the whole file. */
  readonly offset: number | null;
  readonly path: readonly PathSegment[];
  readonly message: string;
}

/** A key shown bare: none of its characters is a separator, a quote or invisible. */
const PLAIN_SEGMENT = /^[^\s.[\]"\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]+$/u;

/**
 * `turso.organizations.acme.members.alice`, `...members[1]`; odd keys as `["a.b"]`. Keys come from
 * the file, so a long one is cut and invisible characters are escaped (quote-file-text.ts).
 */
export function formatYamlPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (segment.length > MAX_QUOTED_CHARACTERS || !PLAIN_SEGMENT.test(segment))
      text += `[${quoteFileText(segment)}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}

/** Sorts issues by position and keeps the first `maxIssues`; only those get their line counted. */
export function toConfigError(
  found: readonly FoundIssue[],
  file: string,
  lineCounter: LineCounter,
  maxIssues: number,
): ConfigError {
  const ordered = [...found].sort((a, b) => (a.offset ?? -1) - (b.offset ?? -1));
  const issues = ordered.slice(0, maxIssues).map((issue): ConfigIssue => {
    const { line, col } = issue.offset === null ? { line: 0, col: 0 } : lineCounter.linePos(issue.offset);
    return { file, line, column: col, path: formatYamlPath(issue.path), message: issue.message };
  });
  const more = ordered.length - issues.length;
  if (more > 0) {
    const message = `... and ${more} more issues (only the first ${maxIssues} are shown)`;
    issues.push({ file, line: 0, column: 0, path: '', message });
  }
  return new ConfigError(issues);
}

/** One issue about the whole file, e.g. it cannot be read. */
export function fileError(file: string, message: string): ConfigError {
  return new ConfigError([{ file, line: 0, column: 0, path: '', message }]);
}
