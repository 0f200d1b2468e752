/**
 * Colour for people, plain text for logs and files: ANSI only when the stream is a TTY and
 * NO_COLOR is unset (https://no-color.org). FORCE_COLOR=1 forces it on (for screenshots).
 */
export interface Style {
  readonly add: (text: string) => string;
  readonly change: (text: string) => string;
  readonly error: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

const COLOURED: Style = {
  add: wrap(32, 39),
  change: wrap(33, 39),
  error: wrap(31, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
};
const identity = (text: string) => text;
export const PLAIN: Style = { add: identity, change: identity, error: identity, dim: identity, bold: identity };

export function styleFor(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): Style {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return PLAIN;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return COLOURED;
  return stream.isTTY ? COLOURED : PLAIN;
}
