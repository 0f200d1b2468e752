/**
 * The entry of the single-file build (`npm run bundle` writes bundle/membership.mjs; see
 * scripts/bundle.js). Everything is in that one file, the desired-state reader's worker thread
 * included: the file starts itself as the worker, and this is where each copy learns which it is.
 * The tsc build (bin: dist/src/cli/main.js) does not use this file. Imports are dynamic so that a
 * worker evaluates none of the CLI and the CLI none of the worker.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { DESIRED_STATE_WORKER_ROLE, setDesiredStateWorkerScript } from '../config/read-desired-state-in-worker.js';

if (!isMainThread && (workerData as { role?: unknown } | null)?.role === DESIRED_STATE_WORKER_ROLE) {
  await import('../config/desired-state-worker.js');
} else {
  setDesiredStateWorkerScript(new URL(import.meta.url));
  await import('./main.js');
}
