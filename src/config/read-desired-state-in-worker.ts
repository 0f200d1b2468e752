import { Worker } from 'node:worker_threads';
import { ConfigError, type ConfigIssue } from '../errors.js';
import type { DesiredState } from '../model/desired-state.js';
import { DEFAULT_CONFIG_LIMITS, type ConfigLimits } from './config-limits.js';

export interface WorkerRequest {
  readonly file: string;
  readonly limits: ConfigLimits;
}

export type WorkerReply =
  | { readonly kind: 'read'; readonly desired: DesiredState; readonly bytes: Uint8Array }
  | { readonly kind: 'invalid'; readonly issues: readonly ConfigIssue[] };

const WORKER = new URL('./desired-state-worker.js', import.meta.url);

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
  const request: WorkerRequest = { file, limits };
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: request });
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
