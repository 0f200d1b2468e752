/**
 * Builds the providers a run needs: settings from the environment (checked for all of them first),
 * one request budget and one HTTP client per provider, and the descriptor's adapter on top.
 */
import type { Logger } from 'pino';
import { createHttpClient } from '../http/create-http-client.js';
import type { HttpClient } from '../http/http-client.js';
import { createRequestBudget, type RequestBudget } from '../http/request-budget.js';
import type { RetryPolicy } from '../http/retry-policy.js';
import type { ProviderName } from '../model/desired-state.js';
import type { Provider, Providers } from './provider.js';
import { PROVIDER_REGISTRY, readSettings } from './registry.js';

export interface ProviderOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger: Logger;
  /** Requests in flight per provider. */
  readonly concurrency: number;
  /** Request starts per second per provider, shared by observation and apply. */
  readonly maxRps: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly userAgent: string;
  /** Once aborted, requests not yet started are refused (an interrupted apply). */
  readonly signal?: AbortSignal;
}

export interface ProviderSet {
  readonly providers: Providers;
  readonly budgets: ReadonlyMap<ProviderName, RequestBudget>;
}

/**
 * Creates providers for exactly the names given. Settings are read (and checked) for all of them
 * before any client exists, so a missing token fails before the first request.
 */
export async function createProviders(names: readonly ProviderName[], options: ProviderOptions): Promise<ProviderSet> {
  const settings = readSettings(names, options.env);
  const providers: { -readonly [P in ProviderName]?: Provider<P> } = {};
  const budgets = new Map<ProviderName, RequestBudget>();
  for (const { provider, origin, authorization } of settings) {
    const budget = createRequestBudget({
      provider,
      concurrency: options.concurrency,
      maxRps: options.maxRps,
      logger: options.logger,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    budgets.set(provider, budget);
    const http = createHttpClient({
      provider,
      origin,
      authorization,
      budget,
      logger: options.logger,
      userAgent: options.userAgent,
      ...(options.retry ? { retry: options.retry } : {}),
    });
    await assign(providers, provider, http);
  }
  return { providers, budgets };
}

async function assign(
  providers: { -readonly [P in ProviderName]?: Provider<P> },
  name: ProviderName,
  http: HttpClient,
): Promise<void> {
  // `providers[name] = ...` is refused: TypeScript does not correlate the key with the descriptor
  // it picked (https://github.com/microsoft/TypeScript/issues/30581). Each descriptor's `create`
  // returns Provider<its own name>, which PROVIDER_REGISTRY's type checks.
  Object.assign(providers, { [name]: await PROVIDER_REGISTRY[name].create(http) });
}
