/** The request budget as the server sees it: arrivals, concurrency, pauses after 429, abort. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { ApiError } from '../../../src/errors.js';
import { isRequestNotStarted } from '../../../src/http/request-budget.js';
import { createTestClient } from './client-fixture.js';
import { maxStartsInWindow, startScriptedServer, type Script, type ScriptedServer } from './scripted-server.js';
import { rejectionOf } from '../../support/rejection-of.js';

/** Timers and the two Date.now() readings may disagree by a millisecond or two. */
const TOLERANCE_MS = 5;

const servers: ScriptedServer[] = [];
async function serve(script: Script): Promise<ScriptedServer> {
  const server = await startScriptedServer(script);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function get(
  client: { request: (r: { method: 'GET'; path: string }) => Promise<unknown> },
  path: string,
): Promise<unknown> {
  return client.request({ method: 'GET', path });
}

describe('429 and Retry-After', () => {
  it('waits the Retry-After seconds before the next start', async () => {
    const server = await serve((_, index) =>
      index === 0 ? { status: 429, headers: { 'retry-after': '0.3' } } : { body: {} },
    );
    const { client, budget } = createTestClient(server.origin);

    await get(client, '/v1/x');

    const [first, second] = server.requests;
    expect(second!.at).toBeGreaterThanOrEqual(first!.at + 300 - TOLERANCE_MS);
    expect(budget.stats()).toMatchObject({ rateLimited: 1, pauses: 1 });
  });

  it('waits until a Retry-After HTTP-date', async () => {
    let until = 0;
    const server = await serve((request, index) => {
      if (index > 0) return { body: {} };
      until = Math.ceil((request.at + 500) / 1000) * 1000;
      return { status: 429, headers: { 'retry-after': new Date(until).toUTCString() } };
    });
    const { client } = createTestClient(server.origin);

    await get(client, '/v1/x');

    expect(server.requests[1]!.at).toBeGreaterThanOrEqual(until - TOLERANCE_MS);
  });

  it('pauses every request to the provider, not just the one that drew it', async () => {
    const server = await serve((_, index) =>
      index === 0 ? { status: 429, headers: { 'retry-after': '0.4' } } : { delayMs: index === 1 ? 100 : 0, body: {} },
    );
    const { client } = createTestClient(server.origin, { budget: { concurrency: 2 } });

    await Promise.all(['/a', '/b', '/c', '/d'].map((path) => get(client, path)));

    const pausedFrom = server.requests[0]!.at;
    const later = server.requests.slice(2);
    expect(later).toHaveLength(3);
    for (const request of later) expect(request.at).toBeGreaterThanOrEqual(pausedFrom + 400 - TOLERANCE_MS);
  });

  it('lowers its rate to what the server accepts, so the next requests draw no 429', async () => {
    // The server takes 4 requests per 200 ms; the client may start 16 per 250 ms.
    const accepted: number[] = [];
    let limited = 0;
    const server = await serve((request) => {
      const recent = accepted.filter((at) => at > request.atHr - 200);
      if (recent.length >= 4) {
        limited += 1;
        return { status: 429, headers: { 'retry-after': '0.1' } };
      }
      accepted.push(request.atHr);
      return { body: {} };
    });
    const { client, budget } = createTestClient(server.origin, {
      budget: { concurrency: 16, maxRps: 16, windowMs: 250 },
      client: { retry: { maxAttempts: 10 } },
    });
    const burst = (n: number): Promise<unknown[]> =>
      Promise.all(Array.from({ length: n }, (_, i) => get(client, `/r${i}`)));

    await burst(16);
    const limitedWhileLearning = limited;
    await burst(12);

    expect(limitedWhileLearning).toBeGreaterThan(0);
    expect(limited).toBe(limitedWhileLearning);
    expect(budget.stats().currentRps).toBeLessThanOrEqual(4);
  });
});

describe('request budget as seen by the server', () => {
  it('never has more than `concurrency` requests in flight', async () => {
    const server = await serve(() => ({ delayMs: 30, body: {} }));
    const { client } = createTestClient(server.origin, { budget: { concurrency: 3 } });

    await Promise.all(Array.from({ length: 12 }, (_, i) => get(client, `/r${i}`)));

    expect(server.maxInFlight()).toBeLessThanOrEqual(3);
    expect(server.maxInFlight()).toBeGreaterThan(1);
  });

  it('never starts more than maxRps requests in any one-second window', async () => {
    const server = await serve(() => ({ body: {} }));
    const { client, budget } = createTestClient(server.origin, { budget: { concurrency: 60, maxRps: 20 } });

    await Promise.all(Array.from({ length: 60 }, (_, i) => get(client, `/r${i}`)));

    expect(server.requests).toHaveLength(60);
    expect(maxStartsInWindow(server.requests, 1000)).toBeLessThanOrEqual(20);
    expect(budget.stats().started).toBe(60);
  });
});

describe('abort', () => {
  it('rejects queued requests without sending them; the one in flight finishes', async () => {
    const controller = new AbortController();
    const server = await serve(() => ({ delayMs: 100, body: { ok: true } }));
    const { client } = createTestClient(server.origin, { budget: { concurrency: 1, signal: controller.signal } });

    const settled: string[] = [];
    const results = Promise.allSettled(
      ['/a', '/b', '/c'].map((path) => get(client, path).finally(() => settled.push(path))),
    );
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const [first, ...queued] = await results;

    expect(first).toMatchObject({ status: 'fulfilled', value: { body: { ok: true } } });
    // Promptly: the queued requests do not wait for the one in flight.
    expect(settled).toEqual(['/b', '/c', '/a']);
    for (const result of queued) {
      expect(result.status).toBe('rejected');
      expect(isRequestNotStarted((result as PromiseRejectedResult).reason)).toBe(true);
    }
    expect(server.requests).toHaveLength(1);
  });

  it('stops waiting to retry and reports what the server last said', async () => {
    const controller = new AbortController();
    const server = await serve(() => ({
      status: 503,
      headers: { 'retry-after': '30' },
      body: { error: 'maintenance' },
    }));
    const { client } = createTestClient(server.origin, { budget: { signal: controller.signal } });

    const pending = rejectionOf(get(client, '/v1/x'));
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = await pending;

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503 });
    expect((error as Error).message).toContain('maintenance (not retried: interrupted)');
    expect(server.requests).toHaveLength(1);
  });
});
