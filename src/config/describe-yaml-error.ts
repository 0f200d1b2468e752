import { quoteFileText, showFileText } from './quote-file-text.js';

/**
 * The messages of the `yaml` package (2.x) that hold the file's own text, each with the source
 * file that writes it. A whole unexpected token can be the rest of a 10 kB line; a tag, a %YAML
 * version or a block scalar header can be as long as its line. The package's excerpt of the lines
 * around an error is never made: parse-yaml.ts turns prettyErrors off.
 */
const QUOTING_SHAPES: readonly RegExp[] = [
  // compose/composer.js, for a token the parser could not place: `${message}: ${JSON.stringify(source)}`.
  /^(?<before>[^":]*: )(?<json>".*")$/su,
  // doc/directives.js (tags and %YAML) and compose/resolve-block-scalar.js.
  /^(?<before>(?:Could not resolve tag|Not a valid tag|Block scalar header includes extra characters): )(?<text>.*)$/su,
  /^(?<before>Unsupported YAML version )(?<text>.*)$/su,
  /^(?<before>The )(?<text>.*)(?<after> tag has no suffix)$/su,
];

/**
 * Longest message shown of any other shape. Those the package writes without the file's text are
 * at most 93 characters ("The : indicator must be at most 1024 chars after ..."); the few others
 * quote a character or two (an escape sequence, an indicator). A later version that quotes the
 * file in a new shape still shows no more than this, invisible characters escaped.
 */
const MAX_UNKNOWN_MESSAGE = 120;

/** The package's message with the file's text in it cut and escaped like ours (quote-file-text.ts). */
export function describeYamlError(message: string): string {
  for (const shape of QUOTING_SHAPES) {
    const groups = shape.exec(message)?.groups;
    if (groups === undefined) continue;
    const { before = '', json, text, after = '' } = groups;
    if (text !== undefined) return `${before}${showFileText(text)}${after}`;
    const source = parseJsonString(json ?? '');
    if (source !== null) return `${before}${quoteFileText(source)}${after}`;
  }
  return showFileText(message, MAX_UNKNOWN_MESSAGE);
}

function parseJsonString(json: string): string | null {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
