/** A trace-level logger whose output is kept, to check what logs would show. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.js';

export function createCapturingLogger(): { logger: Logger; lines: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return { logger: createLogger('trace', stream), lines: () => chunks.join('') };
}
