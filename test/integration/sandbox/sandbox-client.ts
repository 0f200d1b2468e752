/** Test helpers: a small seed and a fetch wrapper that speaks each provider's auth header. */
import type { SandboxSeed } from '../../../src/sandbox/index.js';

export const TURSO_TOKEN = 'turso-test-token';
export const PS_ID = 'ps-test-id';
export const PS_TOKEN = 'ps-test-secret';
export const PS_AUTH = `${PS_ID}:${PS_TOKEN}`;

export function testSeed(): SandboxSeed {
  return {
    turso: {
      token: TURSO_TOKEN,
      token_user: 'carol',
      users: [
        { username: 'alice', email: 'alice@example.com' },
        { username: 'bob', email: 'bob@example.com' },
        { username: 'carol', email: 'carol@example.com' },
      ],
      organizations: {
        acme: { members: { carol: 'owner', dave: 'member' }, invites: [{ email: 'x@y.z', role: 'member' }] },
        viewers: { members: { carol: 'viewer' } },
      },
    },
    planetscale: {
      service_token_id: PS_ID,
      service_token: PS_TOKEN,
      token_user: 'olga@example.com',
      organizations: {
        acme: {
          members: [
            { email: 'olga@example.com', role: 'admin' },
            { id: 'user-alice', email: 'alice@example.com', name: 'Alice' },
            { email: 'bob@example.com' },
          ],
          teams: {
            backend: { name: 'Backend', members: ['alice@example.com'] },
            sso: { name: 'SSO', managed: true },
          },
        },
      },
    },
  };
}

export interface Answer {
  readonly status: number;
  readonly body: any;
  readonly headers: Headers;
}

export async function call(
  origin: string,
  method: string,
  path: string,
  auth: string | undefined,
  json?: unknown,
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (auth !== undefined) headers['authorization'] = auth;
  if (json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${origin}${path}`, {
    method,
    headers,
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text), headers: response.headers };
}

export const turso = (origin: string, method: string, path: string, json?: unknown): Promise<Answer> =>
  call(origin, method, path, `Bearer ${TURSO_TOKEN}`, json);

export const planetscale = (origin: string, method: string, path: string, json?: unknown): Promise<Answer> =>
  call(origin, method, path, PS_AUTH, json);
