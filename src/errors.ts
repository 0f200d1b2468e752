/**
 * Every error the tool knows about. A `UserError` is expected (bad input, bad credentials, an API
 * refusing): the CLI prints its message as one line and exits 1. Anything else is a bug and is
 * printed with its stack. No error here ever carries a credential.
 */
import type { ProviderName } from './model/desired-state.js';
import { PROVIDER_FACTS } from './model/providers.js';

/**
 * Which known error ended a run: a stable snake_case name per class, printed as `error.kind` under
 * `--format json` (schemas/error.schema.json). `error` is a UserError of no narrower class.
 */
export const ERROR_KINDS = [
  'error',
  'config',
  'settings',
  'plan_file',
  'stale_plan',
  'unjustified_plan',
  'api',
  'unexpected_response',
  'auth',
  'interrupted',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export class UserError extends Error {
  override name = 'UserError';
  readonly kind: ErrorKind = 'error';
}

/** One problem found in the desired-state file, with where it is. */
export interface ConfigIssue {
  readonly file: string;
  /** 1-based; 0 when the problem has no position (e.g. the file cannot be read). */
  readonly line: number;
  readonly column: number;
  /** Dotted YAML path, e.g. `turso.organizations.acme.members.alice`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

export function formatConfigIssue(issue: ConfigIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  return issue.path === '' ? `${where}: ${issue.message}` : `${where} ${issue.path}: ${issue.message}`;
}

/** The desired-state file is invalid; carries every issue found, not just the first. */
export class ConfigError extends UserError {
  override name = 'ConfigError';
  override readonly kind: ErrorKind = 'config';
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(issues.map(formatConfigIssue).join('\n'));
  }
}

/** A setting from the environment or the command line is missing or unusable. */
export class SettingsError extends UserError {
  override name = 'SettingsError';
  override readonly kind: ErrorKind = 'settings';
}

/** A saved plan file cannot be used. */
export class PlanFileError extends UserError {
  override name = 'PlanFileError';
  override readonly kind: ErrorKind = 'plan_file';
}

/** A saved plan no longer matches the file it was made from; the message explains what differs. */
export class StalePlanError extends PlanFileError {
  override name = 'StalePlanError';
  override readonly kind: ErrorKind = 'stale_plan';
}

/**
 * A request to a provider failed: a non-2xx answer after retries, or no answer at all.
 * The message names the provider, the request and the API's own words; never a header.
 */
export class ApiError extends UserError {
  override name = 'ApiError';
  override readonly kind: ErrorKind = 'api';
  constructor(
    readonly provider: ProviderName,
    readonly method: string,
    /** Path without query string, e.g. `/v1/organizations/acme/members`. */
    readonly path: string,
    /** HTTP status, or null when no response arrived. */
    readonly status: number | null,
    /** The API's own message (`error` for Turso, `message` for PlanetScale), or the transport error. */
    readonly apiMessage: string,
    /** PlanetScale's `code`, Turso's optional `code`. */
    readonly code?: string,
  ) {
    super(`${provider}: ${method} ${path} ${status === null ? 'failed' : `answered ${status}`}: ${apiMessage}`);
  }

  get isAuthFailure(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

/**
 * A 2xx answer whose body lacks a field the tool reads, or holds it with another type: the API has
 * changed (or something else answered). Names the field and the type expected, never a value from
 * the body, which may hold emails. `problem` is e.g. `data[3].user is missing`.
 */
export class UnexpectedResponseError extends ApiError {
  override name = 'UnexpectedResponseError';
  override readonly kind: ErrorKind = 'unexpected_response';
  constructor(
    provider: ProviderName,
    method: string,
    path: string,
    status: number,
    readonly problem: string,
    /** The vendor's page for this endpoint. */
    readonly docs: string,
  ) {
    super(provider, method, path, status, `unexpected body: ${problem} (the API may have changed; see ${docs})`);
    // "answered 200 with an unexpected body: …" reads better than ApiError's "answered 200: unexpected body: …".
    this.message = `${provider}: ${method} ${path} answered ${status} with an ${this.apiMessage}`;
  }
}

/** 401/403 from a provider: says which variables to check, since the vendors' own words are vague. */
export class AuthError extends UserError {
  override name = 'AuthError';
  override readonly kind: ErrorKind = 'auth';
  constructor(
    readonly provider: ProviderName,
    readonly status: number,
    readonly apiMessage: string,
  ) {
    super(
      `${provider}: authentication failed (${status}): ${apiMessage}. ` +
        `Check ${PROVIDER_FACTS[provider].credentialVariables.join(' and ')}` +
        (status === 403 ? ' and that the token may manage members' : ''),
    );
  }
}

/** The request budget was aborted (an interrupt) before this attempt started: nothing reached the server. */
export class RequestNotStartedError extends UserError {
  override name = 'RequestNotStartedError';
  override readonly kind: ErrorKind = 'interrupted';
  constructor(readonly provider: ProviderName) {
    super(`${provider}: request not started: interrupted`);
  }
}

/**
 * A saved plan holds a change that the desired-state file and today's state no longer justify
 * (or never did: a plan edited by hand). Nothing was applied; the message lists each change and why.
 */
export class UnjustifiedPlanError extends PlanFileError {
  override name = 'UnjustifiedPlanError';
  override readonly kind: ErrorKind = 'unjustified_plan';
}
