/** `membership sandbox`: the local fake of both APIs, for trying the tool without accounts. */
import { UserError } from '../errors.js';
import { loadSandboxSeed, SandboxSeedError, startSandbox } from '../sandbox/index.js';
import type { CliIo } from './io.js';
import { EXIT } from './exit-codes.js';

export interface SandboxCommandOptions {
  readonly seed: string;
  readonly latency?: number;
  readonly rateLimit?: number;
}

export async function runSandboxCommand(options: SandboxCommandOptions, io: CliIo): Promise<number> {
  const seed = await loadSandboxSeed(options.seed).catch((error: unknown) => {
    throw error instanceof SandboxSeedError ? new UserError(error.message) : error;
  });
  const sandbox = await startSandbox({
    seed,
    faults: {
      ...(options.latency !== undefined ? { latencyMs: options.latency } : {}),
      ...(options.rateLimit !== undefined
        ? { rateLimit: { requestsPerSecond: options.rateLimit, retryAfter: 'seconds' } }
        : {}),
    },
  });
  // These are the sandbox's own made-up credentials from the seed file, not real tokens.
  io.stdout.write(
    [
      '# membership sandbox is listening; in another shell run:',
      `export TURSO_API_URL=${sandbox.tursoUrl}`,
      `export PLANETSCALE_API_URL=${sandbox.planetscaleUrl}`,
      ...(seed.turso ? [`export TURSO_API_TOKEN=${seed.turso.token}`] : []),
      ...(seed.planetscale
        ? [
            `export PLANETSCALE_SERVICE_TOKEN_ID=${seed.planetscale.service_token_id}`,
            `export PLANETSCALE_SERVICE_TOKEN=${seed.planetscale.service_token}`,
          ]
        : []),
      '# Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sandbox.close();
  return EXIT.ok;
}
