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

/**
 * An answer with the body parsed as JSON (undefined when empty). `T` is the shape the test expects:
 * the sandbox is the code under test, so the body is read as `unknown` unless a test states its shape.
 */
export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** PlanetScale's page envelope (API-NOTES.md §2.2); `list_organizations` has no totals. */
export interface ListEnvelope<T> {
  readonly type: 'list';
  readonly current_page: number;
  readonly per_page: number;
  readonly next_page: number | null;
  readonly next_page_url: string | null;
  readonly prev_page: number | null;
  readonly prev_page_url: string | null;
  readonly total_count?: number;
  readonly total_pages?: number;
  readonly data: T[];
}

/** PlanetScale's error body. */
export interface PlanetScaleError {
  readonly code: string;
  readonly message: string;
}

export interface PlanetScaleUser {
  readonly id: string;
  readonly email: string;
  readonly name?: string;
  readonly display_name?: string;
}

/** An organization membership, or a team membership: its own id, and the user. */
export interface PlanetScaleMembership {
  readonly id: string;
  readonly role?: string;
  readonly user: PlanetScaleUser;
}

export interface PlanetScaleOrganization {
  readonly name: string;
}

export interface PlanetScaleTeam {
  readonly slug: string;
  readonly name: string;
  readonly managed: boolean;
  readonly members: PlanetScaleUser[];
}

export interface PlanetScaleInvitation {
  readonly id: string;
  readonly email: string;
  readonly role: string;
}

export interface TursoUser {
  readonly username: string;
  readonly email: string;
}

export interface TursoOrganization {
  readonly slug: string;
  readonly type: string;
}

export interface TursoInvite {
  readonly id: number;
  readonly email: string;
  readonly role: string;
  readonly organization?: string;
  readonly created_at?: string;
}

export async function call<T = unknown>(
  origin: string,
  method: string,
  path: string,
  auth: string | undefined,
  json?: unknown,
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (auth !== undefined) headers['authorization'] = auth;
  if (json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${origin}${path}`, {
    method,
    headers,
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  const text = await response.text();
  const body = (text === '' ? undefined : JSON.parse(text)) as T;
  return { status: response.status, body, headers: response.headers };
}

export const turso = <T = unknown>(origin: string, method: string, path: string, json?: unknown): Promise<Answer<T>> =>
  call<T>(origin, method, path, `Bearer ${TURSO_TOKEN}`, json);

export const planetscale = <T = unknown>(
  origin: string,
  method: string,
  path: string,
  json?: unknown,
): Promise<Answer<T>> => call<T>(origin, method, path, PS_AUTH, json);
