/** Builds an HTTP client with its own budget against a scripted server, with fast retries. */
import { createHttpClient, type HttpClientOptions } from '../../../src/http/create-http-client.js';
import type { HttpClient } from '../../../src/http/http-client.js';
import {
  createRequestBudget,
  type RequestBudget,
  type RequestBudgetOptions,
} from '../../../src/http/request-budget.js';
import { createSilentLogger } from '../../../src/logger.js';

export const TOKEN = 'tok_s3cr3t_5f0e1d2c3b4a69788796a5b4';
export const TURSO_AUTHORIZATION = `Bearer ${TOKEN}`;

export interface ClientFixture {
  readonly client: HttpClient;
  readonly budget: RequestBudget;
}

export function createTestClient(
  origin: string,
  options: { budget?: Partial<RequestBudgetOptions>; client?: Partial<HttpClientOptions> } = {},
): ClientFixture {
  const logger = options.client?.logger ?? createSilentLogger();
  const budget = createRequestBudget({ provider: 'turso', concurrency: 4, maxRps: 100, logger, ...options.budget });
  const client = createHttpClient({
    provider: 'turso',
    origin,
    authorization: TURSO_AUTHORIZATION,
    budget,
    logger,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...options.client,
  });
  return { client, budget };
}

export { createCapturingLogger } from '../../support/capturing-logger.js';
