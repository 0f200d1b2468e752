import { CST, Composer, Lexer, LineCounter, Parser, isScalar, type Document, type ParsedNode } from 'yaml';
import { ConfigError } from '../errors.js';
import type { ConfigLimits } from './config-limits.js';
import { describeYamlError } from './describe-yaml-error.js';
import { findExcessiveNesting } from './find-excessive-nesting.js';
import { findIndentationIssue } from './find-indentation-issue.js';
import { fileError, toConfigError, type FoundIssue } from './found-issue.js';

export interface ParsedYaml {
  /** The document's top-level node; never empty. */
  readonly root: ParsedNode;
  readonly lineCounter: LineCounter;
}

/**
 * - `uniqueKeys: false`: the library's duplicate check compares each key with every earlier one
 *   (100,000 keys took 49 s); to-plain-value.ts finds duplicates with a Set instead.
 * - `merge: false`, YAML 1.2 core schema: `<<` is an ordinary key, which to-plain-value.ts rejects.
 * - `prettyErrors: false`: the package would append the lines around each error to its message,
 *   quoting the file at any length; describe-yaml-error.ts shows at most 60 characters of it.
 * Aliases are never resolved (we walk the AST, never call toJS), so an alias bomb costs nothing.
 */
const COMPOSE_OPTIONS = { merge: false, uniqueKeys: false, prettyErrors: false, strict: true } as const;

/** Parses exactly one YAML document; syntax errors end here, as nothing after them can be trusted. */
export function parseYaml(text: string, file: string, limits: ConfigLimits): ParsedYaml {
  const lineCounter = new LineCounter();
  const [document] = composeDocuments(text, file, lineCounter, limits);
  if (document === undefined) throw emptyFile(file);
  if (document.errors.length > 0) {
    // A mis-indented line is one mistake, and the parser reports it where it gives up, often a line
    // above or below; say which line to align with instead.
    const lastLine = Math.max(...document.errors.map((error) => lineCounter.linePos(error.pos[0]).line));
    const indentation = findIndentationIssue(text, lastLine);
    if (indentation !== null) throw toConfigError([indentation], file, lineCounter, 1);
    const issues = document.errors.map((error) => ({
      offset: error.pos[0],
      path: [],
      message: `YAML syntax error: ${describeYamlError(error.message)}`,
    }));
    throw toConfigError(issues, file, lineCounter, limits.maxReportedIssues);
  }
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) throw emptyFile(file);
  return { root, lineCounter };
}

/**
 * Parser.parse() with its lexer loop written out, so that a file with too many tokens is refused
 * before the parser and composer spend time and memory on all of them.
 */
function composeDocuments(text: string, file: string, lineCounter: LineCounter, limits: ConfigLimits) {
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer(COMPOSE_OPTIONS);
  const documents: Document.Parsed[] = [];
  let documentTokens = 0;
  const compose = (token: CST.Token): void => {
    if (token.type === 'document' && ++documentTokens > 1) {
      throw toConfigError([secondDocument(token)], file, lineCounter, 1);
    }
    const tooDeep = findExcessiveNesting(token, limits.maxNestingDepth);
    if (tooDeep !== null) throw toConfigError([tooDeepIssue(tooDeep, limits)], file, lineCounter, 1);
    documents.push(...composer.next(token));
  };
  try {
    lineCounter.addNewLine(0);
    let tokens = 0;
    for (const lexeme of new Lexer().lex(text)) {
      tokens += 1 + (EXTRA_WEIGHT[CST.tokenType(lexeme) ?? 'space'] ?? 0);
      if (tokens > limits.maxYamlTokens) throw tooManyTokens(file, limits);
      for (const token of parser.next(lexeme)) compose(token);
    }
    for (const token of parser.end()) compose(token);
    documents.push(...composer.end());
  } catch (error) {
    // Third-party code on untrusted input: a stack or size overflow we did not foresee is still
    // the file's fault, and must not surface as a crash.
    if (error instanceof RangeError) throw fileError(file, `file is too complex to read (${error.message})`);
    throw error;
  }
  return documents;
}

/**
 * Every lexeme costs the parser something, even a blank line or a comment; those that lead to AST
 * nodes cost more: `:` may imply an empty key and an empty value besides the pair, `-` an empty
 * item, and a flow item with its comma is the most expensive per byte. Tuned so that no shape of
 * file costs much more per counted token than a valid membership file.
 */
const EXTRA_WEIGHT: Partial<Record<CST.TokenType, number>> = {
  scalar: 1,
  'single-quoted-scalar': 1,
  'double-quoted-scalar': 1,
  'block-scalar-header': 1,
  alias: 1,
  'flow-seq-start': 1,
  'flow-map-start': 1,
  comma: 2,
  'seq-item-ind': 2,
  'map-value-ind': 3,
  'explicit-key-ind': 3,
  'doc-start': 3,
};

function tooManyTokens(file: string, limits: ConfigLimits): ConfigError {
  return fileError(
    file,
    `file has more than ${limits.maxYamlTokens.toLocaleString('en-US')} YAML tokens; that is the limit ` +
      '(100,000 Turso memberships take about 1,300,000)',
  );
}

function secondDocument(token: CST.Document): FoundIssue {
  const message = 'a second YAML document starts here; the file must hold exactly one';
  return { offset: token.offset, path: [], message };
}

function tooDeepIssue(offset: number, limits: ConfigLimits): FoundIssue {
  return {
    offset,
    path: [],
    message: `nesting is deeper than ${limits.maxNestingDepth} levels; a membership file needs at most 7`,
  };
}

function emptyFile(file: string): ConfigError {
  return fileError(file, 'file is empty; it must at least hold "version: 1"');
}
