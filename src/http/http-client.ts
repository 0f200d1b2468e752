/**
 * The contract between providers and the HTTP edge. Providers describe requests; the client owns
 * authentication, the per-provider request budget, retries, Retry-After and error translation.
 */
import type { ProviderName } from '../model/desired-state.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  readonly method: HttpMethod;
  /** Absolute path including the version prefix, e.g. `/v1/organizations/acme/members`. Segments already encoded. */
  readonly path: string;
  readonly searchParams?: Readonly<Record<string, string | number>>;
  readonly json?: unknown;
  /** Properties whose values are read as null, at any depth, without being parsed (parse-json-skipping.ts). */
  readonly skipKeys?: ReadonlySet<string>;
  /**
   * A 403 here answers about the resource, not about the token (e.g. Turso refuses to list invites
   * on a plan without them): it rejects as ApiError and does not stop the provider's other requests.
   */
  readonly forbiddenIsAnswer?: boolean;
}

export interface ApiResponse<T> {
  readonly status: number;
  /** Parsed JSON, or undefined for an empty body (e.g. 204). */
  readonly body: T;
}

export interface HttpClient {
  readonly provider: ProviderName;
  /**
   * Sends the request through the provider's budget, retrying what is safe to retry.
   * Resolves for 2xx; rejects with AuthError for 401/403 and ApiError for any other failure.
   */
  request<T>(request: ApiRequest): Promise<ApiResponse<T>>;
}
