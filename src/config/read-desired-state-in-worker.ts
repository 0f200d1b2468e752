import { Worker } from 'node:worker_threads';
import { ConfigError, type ConfigIssue } from '../errors.js';
import type { DesiredState } from '../model/desired-state.js';
import { DEFAULT_CONFIG_LIMITS, type ConfigLimits } from './config-limits.js';

/** workerData.role of the reader: how a single-file build tells, on loading itself, that it is the worker. */
export const DESIRED_STATE_WORKER_ROLE = 'membership:desired-state-reader';

export interface WorkerRequest {
  readonly role: typeof DESIRED_STATE_WORKER_ROLE;
  readonly file: string;
  readonly limits: ConfigLimits;
}

export type WorkerReply =
  | { readonly kind: 'read'; readonly desired: DesiredState; readonly bytes: Uint8Array }
  | { readonly kind: 'invalid'; readonly issues: readonly ConfigIssue[] };

let workerScript = new URL('./desired-state-worker.js', import.meta.url);

/**
 * Where the worker's code is. The tsc build has desired-state-worker.js beside this file; the
 * single-file bundle has no file beside it, so its entry (src/cli/bundle-entry.ts) names itself
 * and runs desired-state-worker when it starts with workerData.role = DESIRED_STATE_WORKER_ROLE.
 */
export function setDesiredStateWorkerScript(script: URL): void {
  workerScript = script;
}

/**
 * readDesiredStateFile, run in a worker thread. Parsing a large file needs far more memory than its
 * result: at 100,000 memberships, the `yaml` package's token tree alone holds about 65 MB until the
 * document is composed. In this thread that garbage stayed in the heap while the providers were
 * observed, and V8 sized the heap from it; a worker's heap is returned whole when it exits.
 */
export function readDesiredStateInWorker(
  file: string,
  limits: ConfigLimits = DEFAULT_CONFIG_LIMITS,
): Promise<{ desired: DesiredState; bytes: Uint8Array }> {
  const request: WorkerRequest = { role: DESIRED_STATE_WORKER_ROLE, file, limits };
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript, { workerData: request });
    let settled = false;
    worker.once('message', (reply: WorkerReply) => {
      settled = true;
      if (reply.kind === 'read') resolve({ desired: reply.desired, bytes: reply.bytes });
      else reject(new ConfigError(reply.issues));
    });
    // A thrown error that is not a ConfigError is a bug: it arrives here with its stack.
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the desired-state reader stopped without an answer (exit code ${code})`));
    });
  });
}
