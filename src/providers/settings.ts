/**
 * Provider settings from the environment: origins and credentials. Read only for the providers a
 * run needs, so a Turso-only file needs no PlanetScale token, and read before any request. Each
 * descriptor says what it needs; this reader does the checking common to all of them.
 */
import { isIP } from 'node:net';
import type { ProviderName } from '../model/desired-state.js';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface ProviderSettings {
  readonly provider: ProviderName;
  /** Origin without a trailing slash or `/v1`, e.g. `https://api.turso.tech`. */
  readonly origin: string;
  /** The Authorization header value. Never printed, logged or written to a plan. */
  readonly authorization: string;
}

/** One environment variable a provider reads. */
export interface EnvironmentVariable {
  readonly name: string;
  /** What it must hold: shown by `--help` and when it is missing. */
  readonly help: string;
  /** Holds a credential: its value is redacted from every output. */
  readonly secret: boolean;
}

/**
 * Reads settings without stopping at the first problem: every problem of every provider is noted,
 * and the caller reports them together before any client exists. A value with a problem reads as ''.
 */
export class SettingsReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Environment) {}

  /** The trimmed value, as the HTTP layer sends it (and as the redactor must find it). */
  value(name: string): string {
    return this.env[name]?.trim() ?? '';
  }

  required(variable: EnvironmentVariable): string {
    const value = this.value(variable.name);
    if (value === '') {
      this.problems.push(
        `${variable.name} is not set: the file declares this provider, so ${variable.name} must hold ${variable.help}`,
      );
    }
    return value;
  }

  /** Reads an origin variable; accepts a trailing `/v1`; refuses clear text off loopback. */
  origin(variable: string, fallback: string): string {
    const problem = originProblem(variable, this.value(variable) || fallback, fallback);
    if (problem === undefined) return new URL(this.value(variable) || fallback).origin;
    this.problems.push(problem);
    return '';
  }
}

function originProblem(variable: string, raw: string, fallback: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `${variable} is not a URL: expected an origin such as ${fallback}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `${variable} must be an https:// URL (http:// only for a loopback host)`;
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return `${variable} uses http:// for ${url.hostname}: the token would travel in clear text; use https:// (http:// is allowed only for 127.0.0.1, ::1 and localhost)`;
  }
  if (url.username || url.password || url.search || url.hash) {
    return `${variable} must be a plain origin without credentials, query or fragment`;
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (path !== '' && path !== '/v1') {
    return `${variable} must be an origin (optionally ending in /v1), not a path like ${path}`;
  }
  return undefined;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
