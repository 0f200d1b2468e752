/**
 * The one place that knows which provider is which: settings from the environment, one request
 * budget and one HTTP client per provider, and the adapter on top.
 */
import type { Logger } from 'pino';
import { readProviderSettings } from '../config/environment.js';
import { createHttpClient } from '../http/create-http-client.js';
import { createRequestBudget, type RequestBudget } from '../http/request-budget.js';
import type { RetryPolicy } from '../http/retry-policy.js';
import type { HttpClient } from '../http/http-client.js';
import type { ProviderName } from '../model/desired-state.js';
import { createPlanetScaleProvider } from './planetscale/planetscale-provider.js';
import type { Provider, Providers } from './provider.js';
import { createTursoProvider } from './turso/turso-provider.js';

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
export function createProviders(names: readonly ProviderName[], options: ProviderOptions): ProviderSet {
  const settings = names.map((name) => readProviderSettings(name, options.env));
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
    assign(providers, provider, http);
  }
  return { providers, budgets };
}

function assign(
  providers: { -readonly [P in ProviderName]?: Provider<P> },
  name: ProviderName,
  http: HttpClient,
): void {
  switch (name) {
    case 'turso':
      providers.turso = createTursoProvider(http);
      return;
    case 'planetscale':
      providers.planetscale = createPlanetScaleProvider(http);
      return;
  }
}
