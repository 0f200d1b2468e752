/**
 * For the response-shape tests of each provider's API client: the real sandbox and the real HTTP
 * client, with one endpoint's next answer replaced by a 200 carrying a given body.
 */
import { expect } from '@jest/globals';
import { UnexpectedResponseError } from '../../../src/errors.js';
import type { ProviderName } from '../../../src/model/desired-state.js';
import type { Sandbox } from '../../../src/sandbox/index.js';
import { PS_TOKEN, PS_TOKEN_ID, startProviderSandbox, TURSO_TOKEN } from './provider-fixture.js';

/** A value that must never reach an error message: bodies hold emails. */
export const CANARY = 'canary.value@leak.example';

export function startShapeSandbox(): Promise<Sandbox> {
  return startProviderSandbox({
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
