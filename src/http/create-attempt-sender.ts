/**
 * One attempt, one got call, answer as data. got is configured to do nothing on its own: no retries
 * (the retry loop must go through the budget), no redirects (the token must never follow a Location
 * to another host), no status errors and no parsing (error bodies are read defensively).
 */
import http from 'node:http';
import https from 'node:https';
import got from 'got';
import type { ApiRequest } from './http-client.js';
import { describeTransportError, type TransportFailure } from './describe-transport-error.js';

export interface AttemptSenderOptions {
  readonly origin: string;
  readonly authorization: string;
  readonly timeoutMs: number;
  readonly userAgent: string;
}

export type AttemptOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly text: string; readonly retryAfter?: string }
  | { readonly kind: 'no-response'; readonly failure: TransportFailure };

export type AttemptSender = (request: ApiRequest) => Promise<AttemptOutcome>;

export function createAttemptSender(options: AttemptSenderOptions): AttemptSender {
  const client = got.extend({
    headers: {
      authorization: options.authorization,
      accept: 'application/json',
      'user-agent': options.userAgent,
    },
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: false,
    responseType: 'text',
    timeout: { request: options.timeoutMs },
    // A benchmark or a large apply makes thousands of requests: reuse connections.
    agent: { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) },
  });

  return async (request) => {
    try {
      const response = await client(`${options.origin}${request.path}`, {
        method: request.method,
        ...(request.searchParams === undefined ? {} : { searchParams: { ...request.searchParams } }),
        // got's `json` serialises and sets `Content-Type: application/json` (docs/api-notes.md §1.1).
        ...(request.json === undefined ? {} : { json: request.json }),
      });
      const retryAfter = response.headers['retry-after'];
      return {
        kind: 'response',
        status: response.statusCode,
        text: response.body,
        ...(retryAfter === undefined ? {} : { retryAfter }),
      };
    } catch (error) {
      return { kind: 'no-response', failure: describeTransportError(error, options.timeoutMs) };
    }
  };
}
