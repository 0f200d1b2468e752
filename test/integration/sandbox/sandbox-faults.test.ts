import { afterEach, describe, expect, it } from '@jest/globals';
import { performance } from 'node:perf_hooks';
import { startSandbox, type Sandbox, type SandboxFaults } from '../../../src/sandbox/index.js';
import { planetscale, testSeed, turso } from './sandbox-client.js';

let box: Sandbox | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
});

async function start(faults: SandboxFaults): Promise<Sandbox> {
  box = await startSandbox({ seed: testSeed(), faults });
  return box;
}

const members = (sandbox: Sandbox) => planetscale(sandbox.planetscaleUrl, 'GET', '/v1/organizations/acme/members');

describe('rate limit', () => {
  it('answers 429 too_many_requests with Retry-After in seconds once the window is full, and logs it', async () => {
    const sandbox = await start({ rateLimit: { requestsPerSecond: 3, retryAfter: 'seconds' } });
    const answers = [];
    for (let index = 0; index < 5; index += 1) answers.push(await members(sandbox));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429, 429]);
    expect(answers[3]!.body).toEqual({ code: 'too_many_requests', message: 'Too Many Requests' });
    expect(answers[3]!.headers.get('retry-after')).toBe('1');
    expect(sandbox.requests.map((request) => request.status)).toEqual([200, 200, 200, 429, 429]);
  });

  it('gives Retry-After as an IMF-fixdate no earlier than the window reopens, in the Turso envelope', async () => {
    const sandbox = await start({ rateLimit: { turso: { requestsPerSecond: 1, retryAfter: 'http-date' } } });
    await turso(sandbox.tursoUrl, 'GET', '/v1/user');
    const before = Date.now();
    const limited = await turso(sandbox.tursoUrl, 'GET', '/v1/user');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: expect.any(String) });
    const header = limited.headers.get('retry-after') ?? '';
    expect(header).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(Date.parse(header)).toBeGreaterThanOrEqual(before);
    // The limit named only Turso: PlanetScale is not limited.
    expect((await members(sandbox)).status).toBe(200);
    expect((await members(sandbox)).status).toBe(200);
  });

  it('can send 429 without Retry-After', async () => {
    const sandbox = await start({ rateLimit: { requestsPerSecond: 1, retryAfter: 'none' } });
    await members(sandbox);
    const limited = await members(sandbox);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
  });

  it('admits again once the window has slid past the earlier requests', async () => {
    const sandbox = await start({ rateLimit: { requestsPerSecond: 1 } });
    expect((await members(sandbox)).status).toBe(200);
    expect((await members(sandbox)).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect((await members(sandbox)).status).toBe(200);
  });
});

describe('injected failures', () => {
  it('answers 503 in the provider envelope for the next `times` matching requests, then succeeds', async () => {
    const sandbox = await start({
      failures: [{ provider: 'planetscale', method: 'GET', path: '/members', status: 503, times: 2 }],
    });
    const statuses = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await members(sandbox)).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect((await planetscale(sandbox.planetscaleUrl, 'GET', '/v1/organizations/acme/members?page=1')).status).toBe(
      200,
    );
  });

  it('matches by RegExp and provider, and uses a custom body when given', async () => {
    const sandbox = await start({
      failures: [{ provider: 'turso', path: /\/members$/, status: 502, times: 1, body: { error: 'upstream' } }],
    });
    expect((await members(sandbox)).status).toBe(200);
    const failed = await turso(sandbox.tursoUrl, 'GET', '/v1/organizations/acme/members');
    expect(failed).toMatchObject({ status: 502, body: { error: 'upstream' } });
    expect((await turso(sandbox.tursoUrl, 'GET', '/v1/organizations/acme/members')).status).toBe(200);
  });

  it('destroys the socket without an answer for status reset, and logs it as reset', async () => {
    const sandbox = await start({ failures: [{ status: 'reset', times: 1 }] });
    await expect(members(sandbox)).rejects.toThrow();
    expect((await members(sandbox)).status).toBe(200);
    expect(sandbox.requests.map((request) => request.status)).toEqual(['reset', 200]);
  });

  it('setFaults replaces the faults of a running sandbox', async () => {
    const sandbox = await start({ failures: [{ status: 500, times: 5 }] });
    expect((await members(sandbox)).status).toBe(500);
    sandbox.setFaults({});
    expect((await members(sandbox)).status).toBe(200);
  });
});

describe('latency', () => {
  it('delays every answer by latencyMs', async () => {
    const sandbox = await start({ latencyMs: 150 });
    const started = performance.now();
    expect((await members(sandbox)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('close() does not wait for delayed answers', async () => {
    const sandbox = await start({ latencyMs: 60_000 });
    const pending = members(sandbox);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sandbox.close();
    await expect(pending).rejects.toThrow();
  });
});
