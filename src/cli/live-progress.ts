/**
 * A live `[done/total]` count while apply runs, redrawn in place on stderr, but only when stderr is a
 * terminal: CI logs and pipes get the one line per change and no control characters at all.
 */
import type { Outcome, Result } from '../model/result.js';
import { changeKind } from '../model/plan.js';
import { formatCounts, type AppliedByKind } from '../render/render-results.js';
import type { OutputStream } from './io.js';

export interface LiveProgress {
  /** Counts a finished change and redraws the line. */
  record(result: Result): void;
  /** Erases the line, so that whatever is written next to the same terminal starts at column 0. */
  clear(): void;
}

const NONE: LiveProgress = { record: () => {}, clear: () => {} };
// Carriage return, then erase to the end of the line (ECMA-48 EL).
const ERASE = '\r\u001b[K';

export function createLiveProgress(stream: OutputStream, total: number): LiveProgress {
  if (stream.isTTY !== true) return NONE;
  // Running totals: recounting every result on every redraw would be quadratic in a large apply.
  const counts: Record<Outcome, number> = { applied: 0, already_present: 0, failed: 0, skipped: 0 };
  const applied: AppliedByKind = { add: 0, change: 0, remove: 0 };
  let done = 0;
  let shown = false;
  return {
    record(result) {
      done += 1;
      counts[result.outcome] += 1;
      if (result.outcome === 'applied') applied[changeKind(result.change)] += 1;
      stream.write(`${ERASE}[${done}/${total}] ${formatCounts(counts, applied)}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write(ERASE);
      shown = false;
    },
  };
}
