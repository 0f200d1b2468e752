/**
 * Provider settings from the environment: origins and credentials. Checked before any request,
 * and only for the providers the file declares, so a Turso-only file needs no PlanetScale token.
 */
import { isIP } from 'node:net';
import type { ProviderName } from '../model/desired-state.js';
import { SettingsError } from '../errors.js';

export interface ProviderSettings {
  readonly provider: ProviderName;
  /** Origin without a trailing slash or `/v1`, e.g. `https://api.turso.tech`. */
  readonly origin: string;
  /** The Authorization header value. Never printed, logged or written to a plan. */
  readonly authorization: string;
}

const DEFAULT_ORIGINS: Record<ProviderName, string> = {
  turso: 'https://api.turso.tech',
  planetscale: 'https://api.planetscale.com',
};

const URL_VARIABLES: Record<ProviderName, string> = {
  turso: 'TURSO_API_URL',
  planetscale: 'PLANETSCALE_API_URL',
};

type Environment = Readonly<Record<string, string | undefined>>;

/** Every variable that holds a credential: what output must never carry (see secretsFromEnvironment). */
export const SECRET_VARIABLES = [
  'TURSO_API_TOKEN',
  'PLANETSCALE_SERVICE_TOKEN_ID',
  'PLANETSCALE_SERVICE_TOKEN',
] as const;

export function readProviderSettings(provider: ProviderName, env: Environment): ProviderSettings {
  const origin = readOrigin(provider, env);
  return { provider, origin, authorization: readAuthorization(provider, env) };
}

/**
 * The values to redact from every output: each secret variable as the HTTP layer reads it
 * (trimmed), and PlanetScale's `ID:TOKEN` header, whose runs across the colon and whose base64 (a
 * `Basic` credential) the parts alone do not cover. Turso's `Bearer TOKEN` is not listed: the token
 * covers all of its secret part, and as a secret of its own, its runs that begin inside `Bearer `
 * would take the space (or the word) before every quoted token with them. Read for every command,
 * whichever providers the file declares: a token in the environment is a secret either way.
 */
export function secretsFromEnvironment(env: Environment): string[] {
  const [tursoToken = '', id = '', token = ''] = SECRET_VARIABLES.map((name) => env[name]?.trim() ?? '');
  const secrets = [tursoToken, id, token];
  if (id !== '' && token !== '') secrets.push(planetScaleAuthorization(id, token));
  return secrets.filter((secret) => secret !== '');
}

function readAuthorization(provider: ProviderName, env: Environment): string {
  if (provider === 'turso') {
    return tursoAuthorization(
      required(env, 'TURSO_API_TOKEN', 'a Turso platform API token (turso auth api-tokens mint NAME)'),
    );
  }
  const id = required(env, 'PLANETSCALE_SERVICE_TOKEN_ID', 'the id of a PlanetScale service token');
  const token = required(env, 'PLANETSCALE_SERVICE_TOKEN', 'the PlanetScale service token itself');
  return planetScaleAuthorization(id, token);
}

function tursoAuthorization(token: string): string {
  return `Bearer ${token}`;
}

/** PlanetScale service tokens use `ID:TOKEN` with no `Bearer` (API-NOTES.md §2.1). */
function planetScaleAuthorization(id: string, token: string): string {
  return `${id}:${token}`;
}

function required(env: Environment, name: string, what: string): string {
  const value = env[name]?.trim();
  if (!value) {
    throw new SettingsError(`${name} is not set: the file declares this provider, so ${name} must hold ${what}`);
  }
  return value;
}

/** Reads `TURSO_API_URL` / `PLANETSCALE_API_URL`; accepts a trailing `/v1`; refuses clear text off loopback. */
export function readOrigin(provider: ProviderName, env: Environment): string {
  const variable = URL_VARIABLES[provider];
  const raw = env[variable]?.trim() || DEFAULT_ORIGINS[provider];
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SettingsError(`${variable} is not a URL: expected an origin such as ${DEFAULT_ORIGINS[provider]}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SettingsError(`${variable} must be an https:// URL (http:// only for a loopback host)`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new SettingsError(
      `${variable} uses http:// for ${url.hostname}: the token would travel in clear text; use https:// (http:// is allowed only for 127.0.0.1, ::1 and localhost)`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new SettingsError(`${variable} must be a plain origin without credentials, query or fragment`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (path !== '' && path !== '/v1') {
    throw new SettingsError(`${variable} must be an origin (optionally ending in /v1), not a path like ${path}`);
  }
  return url.origin;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
