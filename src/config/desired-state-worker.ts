/** The worker half of read-desired-state-in-worker.ts: reads the file and posts what it found. */
import { parentPort, workerData } from 'node:worker_threads';
import { ConfigError } from '../errors.js';
import { readDesiredStateFile } from './load-desired-state.js';
import type { WorkerReply, WorkerRequest } from './read-desired-state-in-worker.js';

const { file, limits } = workerData as WorkerRequest;
let reply: WorkerReply;
try {
  const { desired, bytes } = await readDesiredStateFile(file, limits);
  reply = { kind: 'read', desired, bytes };
} catch (error) {
  // Class identity does not survive the thread boundary; the issues do.
  if (!(error instanceof ConfigError)) throw error;
  reply = { kind: 'invalid', issues: error.issues };
}
parentPort?.postMessage(reply);
