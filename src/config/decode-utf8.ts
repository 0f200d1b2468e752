import { ConfigError } from '../errors.js';

// Not `stream`ed, so one decoder can be shared. ignoreBOM defaults to false: a leading BOM is dropped.
const decoder = new TextDecoder('utf-8', { fatal: true });
const keepBomDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const BOM = '\uFEFF';

/** The file's text; a file that is not UTF-8 is refused with the position of its first bad byte. */
export function decodeUtf8(bytes: Uint8Array | string, file: string): string {
  if (typeof bytes === 'string') return bytes.startsWith(BOM) ? bytes.slice(BOM.length) : bytes;
  try {
    return decoder.decode(bytes);
  } catch {
    throw invalidUtf8(bytes, file);
  }
}

function invalidUtf8(bytes: Uint8Array, file: string): ConfigError {
  const offset = firstInvalidUtf8Offset(bytes);
  const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  // Everything before `offset` is valid, so this cannot throw. Only the file's first BOM is dropped.
  const lineDecoder = lineStart === 0 ? decoder : keepBomDecoder;
  const column = lineDecoder.decode(bytes.subarray(lineStart, offset)).length + 1;
  const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return new ConfigError([
    { file, line, column, path: '', message: `not valid UTF-8 (byte 0x${byte}); save the file as UTF-8` },
  ]);
}

/** Index of the first byte that starts an ill-formed sequence (Unicode Table 3-7), or bytes.length. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    const shape = sequenceShape(lead);
    if (shape === null) return i;
    let [lower, upper] = [shape.lower, shape.upper];
    for (let k = 1; k <= shape.continuation; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < lower || next > upper) return i;
      [lower, upper] = [0x80, 0xbf];
    }
    i += shape.continuation + 1;
  }
  return bytes.length;
}

interface SequenceShape {
  readonly continuation: number;
  /** Allowed range of the first continuation byte (narrower after E0, ED, F0, F4). */
  readonly lower: number;
  readonly upper: number;
}

function sequenceShape(lead: number): SequenceShape | null {
  if (lead < 0x80) return { continuation: 0, lower: 0x80, upper: 0xbf };
  if (lead >= 0xc2 && lead <= 0xdf) return { continuation: 1, lower: 0x80, upper: 0xbf };
  if (lead === 0xe0) return { continuation: 2, lower: 0xa0, upper: 0xbf };
  if (lead === 0xed) return { continuation: 2, lower: 0x80, upper: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { continuation: 2, lower: 0x80, upper: 0xbf };
  if (lead === 0xf0) return { continuation: 3, lower: 0x90, upper: 0xbf };
  if (lead === 0xf4) return { continuation: 3, lower: 0x80, upper: 0x8f };
  if (lead >= 0xf1 && lead <= 0xf3) return { continuation: 3, lower: 0x80, upper: 0xbf };
  return null;
}
