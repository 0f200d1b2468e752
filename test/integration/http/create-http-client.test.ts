import { afterEach, describe, expect, it } from '@jest/globals';
import { ApiError, AuthError } from '../../../src/errors.js';
import { createHttpClient } from '../../../src/http/create-http-client.js';
import { createRequestBudget } from '../../../src/http/request-budget.js';
import { createSilentLogger } from '../../../src/logger.js';
import { createCapturingLogger, createTestClient, TOKEN, TURSO_AUTHORIZATION } from './client-fixture.js';
import { startScriptedServer, type Script, type ScriptedServer } from './scripted-server.js';
import { rejectionOf } from '../../support/rejection-of.js';

const servers: ScriptedServer[] = [];
async function serve(script: Script): Promise<ScriptedServer> {
  const server = await startScriptedServer(script);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('createHttpClient: answers', () => {
  it('sends the Authorization header exactly as given, and JSON bodies as JSON', async () => {
    const server = await serve(() => ({ body: { member: 'bob', role: 'admin' } }));
    const budget = createRequestBudget({
      provider: 'planetscale',
      concurrency: 1,
      maxRps: 10,
      logger: createSilentLogger(),
    });
    const client = createHttpClient({
      provider: 'planetscale',
      origin: server.origin,
      authorization: `svc_1234abcd:${TOKEN}`,
      budget,
      logger: createSilentLogger(),
      userAgent: 'membership/0.1.0',
    });

    const response = await client.request({
      method: 'POST',
      path: '/v1/organizations/acme/members',
      json: { username: 'bob' },
    });

    expect(response).toEqual({ status: 200, body: { member: 'bob', role: 'admin' } });
    const [seen] = server.requests;
    expect(seen?.headers['authorization']).toBe(`svc_1234abcd:${TOKEN}`);
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['user-agent']).toBe('membership/0.1.0');
    expect(JSON.parse(seen?.body ?? '')).toEqual({ username: 'bob' });
  });

  it('sends query parameters and resolves an empty body as undefined', async () => {
    const server = await serve(() => ({ status: 204 }));
    const { client } = createTestClient(server.origin);

    const response = await client.request({
      method: 'DELETE',
      path: '/v1/teams/x',
      searchParams: { delete_passwords: 'true' },
    });

    expect(response).toEqual({ status: 204, body: undefined });
    expect(server.requests[0]?.url).toBe('/v1/teams/x?delete_passwords=true');
  });

  it('rejects a 2xx whose body is not JSON', async () => {
    const server = await serve(() => ({ body: '<html>maintenance</html>' }));
    const { client } = createTestClient(server.origin);

    const error = await rejectionOf(client.request({ method: 'GET', path: '/v1/organizations' }));

    expect(error).toBeInstanceOf(ApiError);
    expect(String(error)).toContain('response is not JSON');
  });

  it('does not follow a redirect, so the token never reaches another host', async () => {
    const elsewhere = await serve(() => ({ body: {} }));
    const server = await serve(() => ({ status: 302, headers: { location: `${elsewhere.origin}/steal` } }));
    const { client } = createTestClient(server.origin);

    const error = await rejectionOf(client.request({ method: 'GET', path: '/v1/organizations' }));

    expect(error).toMatchObject({ status: 302 });
    expect(elsewhere.requests).toHaveLength(0);
  });
});

describe('createHttpClient: retries', () => {
  it.each(['GET', 'POST'] as const)('retries %s after a 503', async (method) => {
    const server = await serve((_, index) =>
      index === 0 ? { status: 503, body: { error: 'busy' } } : { body: { ok: true } },
    );
    const { client, budget } = createTestClient(server.origin);

    const response = await client.request({
      method,
      path: '/v1/organizations/acme/members',
      json: method === 'POST' ? { username: 'bob' } : undefined,
    });

    expect(response.body).toEqual({ ok: true });
    expect(server.requests.map((request) => request.method)).toEqual([method, method]);
    expect(budget.stats().retries).toBe(1);
  });

  it.each([400, 404, 409, 422, 500])('does not retry a %i', async (status) => {
    const server = await serve(() => ({ status, body: { error: `refused with ${status}` } }));
    const { client } = createTestClient(server.origin);

    const error = await rejectionOf(
      client.request({ method: 'POST', path: '/v1/organizations/acme/members', json: {} }),
    );

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status,
      apiMessage: `refused with ${status}`,
      path: '/v1/organizations/acme/members',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a connection reset', async () => {
    const server = await serve((_, index) => (index === 0 ? { reset: true } : { body: { ok: 1 } }));
    const { client } = createTestClient(server.origin);

    await expect(client.request({ method: 'POST', path: '/v1/x', json: {} })).resolves.toEqual({
      status: 200,
      body: { ok: 1 },
    });
    expect(server.requests).toHaveLength(2);
  });

  it('retries a timeout', async () => {
    const server = await serve((_, index) => (index === 0 ? { delayMs: 400, body: {} } : { body: { ok: 1 } }));
    const { client } = createTestClient(server.origin, { client: { timeoutMs: 100 } });

    await expect(client.request({ method: 'GET', path: '/v1/x' })).resolves.toMatchObject({ body: { ok: 1 } });
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
  });

  it('gives up after maxAttempts, saying why and how often', async () => {
    const server = await serve(() => ({ reset: true }));
    const { client } = createTestClient(server.origin, { client: { retry: { maxAttempts: 3, baseDelayMs: 1 } } });

    const error = await rejectionOf(client.request({ method: 'GET', path: '/v1/x?page=2' }));

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: null, path: '/v1/x' });
    expect((error as Error).message).toBe('turso: GET /v1/x failed: connection reset (ECONNRESET) after 3 attempts');
    expect(server.requests).toHaveLength(3);
  });

  it('gives up when the next wait would exceed maxTotalMs', async () => {
    const server = await serve(() => ({ status: 503, headers: { 'retry-after': '2' }, body: { error: 'down' } }));
    const { client } = createTestClient(server.origin, { client: { retry: { maxTotalMs: 500 } } });

    const error = await rejectionOf(client.request({ method: 'GET', path: '/v1/x' }));

    expect(error).toMatchObject({ status: 503, apiMessage: 'down' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('createHttpClient: auth failures fail fast', () => {
  it.each([401, 403])('turns a %i into an AuthError and sends nothing more', async (status) => {
    const server = await serve(() => ({ status, body: { error: 'token contains an invalid number of segments' } }));
    const { client } = createTestClient(server.origin);

    const first = await rejectionOf(client.request({ method: 'GET', path: '/v1/organizations' }));
    const second = await rejectionOf(client.request({ method: 'GET', path: '/v1/organizations/acme/members' }));

    expect(first).toBeInstanceOf(AuthError);
    expect((first as Error).message).toContain('token contains an invalid number of segments');
    expect(second).toBe(first);
    expect(server.requests).toHaveLength(1);
  });

  it('also fails the requests already queued, without sending them', async () => {
    const server = await serve(() => ({ status: 401, body: { code: 'unauthorized', message: 'Unauthorized' } }));
    const { client } = createTestClient(server.origin, { budget: { concurrency: 1 } });

    const errors = await Promise.all(
      ['/a', '/b', '/c'].map((path) => rejectionOf(client.request({ method: 'GET', path }))),
    );

    expect(errors[0]).toBeInstanceOf(AuthError);
    expect(errors[1]).toBe(errors[0]);
    expect(errors[2]).toBe(errors[0]);
    expect(server.requests).toHaveLength(1);
  });
});

describe('createHttpClient: no secret leaves through errors or logs', () => {
  const scripts: Record<string, Script> = {
    'an API error that echoes the token': () => ({
      status: 400,
      body: { code: 'bad_request', message: `bad token ${TOKEN}` },
    }),
    'an auth failure that echoes the header': () => ({ status: 401, body: `invalid header: ${TURSO_AUTHORIZATION}` }),
    'a connection reset': () => ({ reset: true }),
    'a 2xx that is not JSON': () => ({ body: `oops ${TOKEN}` }),
  };

  it.each(Object.keys(scripts))('%s', async (name) => {
    const server = await serve(scripts[name] as Script);
    const { logger, lines } = createCapturingLogger();
    const { client } = createTestClient(server.origin, {
      client: { logger, retry: { maxAttempts: 2, baseDelayMs: 1 } },
    });

    const error = await rejectionOf(
      client.request({ method: 'POST', path: '/v1/organizations/acme/members', json: { username: 'bob' } }),
    );

    expect(server.requests[0]?.headers['authorization']).toBe(TURSO_AUTHORIZATION);
    const err = error as Error;
    for (const text of [err.message, String(err), JSON.stringify(err), err.stack ?? '', lines()]) {
      expect(text).not.toContain(TOKEN);
    }
    expect(lines()).toContain('"msg":"request attempt"');
  });

  it('keeps the API message and code when redacting', async () => {
    const server = await serve(() => ({
      status: 422,
      body: { code: 'unprocessable', message: `user ${TOKEN} is invalid` },
    }));
    const { client } = createTestClient(server.origin);

    const error = await rejectionOf(client.request({ method: 'POST', path: '/v1/x', json: {} }));

    expect(error).toMatchObject({ status: 422, code: 'unprocessable', apiMessage: 'user [redacted] is invalid' });
  });

  it('redacts a piece of the token and its base64 in the API message', async () => {
    const quoted = `token ${TOKEN.slice(0, 20)}... and ${Buffer.from(TOKEN).toString('base64')} refused`;
    const server = await serve(() => ({ status: 400, body: { message: quoted } }));
    const { client } = createTestClient(server.origin);

    const error = await rejectionOf(client.request({ method: 'GET', path: '/v1/x' }));

    expect((error as ApiError).apiMessage).toBe('token [redacted]... and [redacted] refused');
  });
});
