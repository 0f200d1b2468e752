/**
 * For the response-shape tests of each provider's API client: the real sandbox and the real HTTP
 * client, with one endpoint's next answer replaced by a 200 carrying a given body.
 */
import { expect } from '@jest/globals';
import { UnexpectedResponseError } from '../../../src/errors.js';
import { createHttpClient } from '../../../src/http/create-http-client.js';
import type { HttpClient } from '../../../src/http/http-client.js';
import { createRequestBudget } from '../../../src/http/request-budget.js';
import { createSilentLogger } from '../../../src/logger.js';
import type { ProviderName } from '../../../src/model/desired-state.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';

const TURSO_TOKEN = 'tt-shape-test-3e8b1f';
const PS_TOKEN_ID = 'pscale_tkn_id_shape_6a2c';
const PS_TOKEN = 'pscale_tkn_secret_shape_0d94f1';

/** A value that must never reach an error message: bodies hold emails. */
export const CANARY = 'canary.value@leak.example';

export function startShapeSandbox(): Promise<Sandbox> {
  return startSandbox({
    seed: {
      turso: {
        token: TURSO_TOKEN,
        token_user: 'olga',
        organizations: { acme: { members: { olga: 'owner', alice: 'admin' } } },
      },
      planetscale: {
        service_token_id: PS_TOKEN_ID,
        service_token: PS_TOKEN,
        token_user: 'olga@acme.dev',
        organizations: {
          acme: {
            members: [{ email: 'olga@acme.dev', role: 'admin' }, { email: 'alice@acme.dev' }],
            teams: { backend: { members: ['alice@acme.dev'] } },
          },
        },
      },
    },
  });
}

export function createClient(sandbox: Sandbox, provider: ProviderName): HttpClient {
  const logger = createSilentLogger();
  return createHttpClient({
    provider,
    origin: provider === 'turso' ? sandbox.tursoUrl : sandbox.planetscaleUrl,
    authorization: provider === 'turso' ? `Bearer ${TURSO_TOKEN}` : `${PS_TOKEN_ID}:${PS_TOKEN}`,
    budget: createRequestBudget({ provider, concurrency: 4, maxRps: 1000, logger }),
    logger,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
}

/** The next GET whose target (path and query) matches `target` is answered 200 with `body`. */
export function serveOnce(sandbox: Sandbox, provider: ProviderName, target: RegExp, body: unknown): void {
  sandbox.setFaults({ failures: [{ provider, method: 'GET', path: target, status: 200, times: 1, body }] });
}

/** The read's rejection, checked to be an UnexpectedResponseError that echoes no value of the body. */
export async function unexpectedBody(read: Promise<unknown>): Promise<UnexpectedResponseError> {
  let error: unknown;
  try {
    await read;
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(UnexpectedResponseError);
  const unexpected = error as UnexpectedResponseError;
  expect(unexpected.message).not.toContain(CANARY);
  expect(unexpected.message).not.toContain('\n');
  return unexpected;
}
