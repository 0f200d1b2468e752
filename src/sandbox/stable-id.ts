import { createHash } from 'node:crypto';

/**
 * A 12-character id derived from its parts, so that two runs from the same seed (and the same
 * requests) hand out the same ids: tests and demo transcripts stay reproducible.
 */
export function stableId(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 12);
}
