import { closeSync, constants, openSync } from 'node:fs';

/**
 * Opens a FIFO for writing and closes it, so that a reader stuck in open() gets end of file: a test
 * of a FIFO that fails then ends instead of leaving a thread or a process waiting forever.
 */
export function releaseFifoReader(fifo: string): void {
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // ENXIO: no reader is waiting, which is what a passing test leaves.
  }
}
