/**
 * The error object `plan`, `apply` and `validate` print on stdout under `--format json` when an
 * error ends the run (schemas/error.schema.json): a stable `kind` per error class, the message,
 * every issue of an invalid file, and for API errors which provider answered what. Written through
 * the redacting stdout like everything else.
 */
import { ApiError, AuthError, ConfigError, UserError, type ConfigIssue, type ErrorKind } from '../errors.js';
import type { ProviderName } from '../model/desired-state.js';

/** A known error's kind, or `internal` for anything else: a bug (exit 70). */
export type ErrorObjectKind = ErrorKind | 'internal';

interface ErrorObject {
  readonly error: {
    readonly kind: ErrorObjectKind;
    readonly message: string;
    readonly provider?: ProviderName;
    readonly status?: number | null;
    readonly issues?: readonly ConfigIssue[];
  };
}

export function errorObject(error: unknown): ErrorObject {
  if (!(error instanceof UserError)) {
    // The stack goes to stderr only: a reader of stdout learns that it was a bug, not where.
    return { error: { kind: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
  const { kind, message } = error;
  if (error instanceof ConfigError) {
    const issues = error.issues.map(({ file, line, column, path, message }) => ({ file, line, column, path, message }));
    return { error: { kind, message, issues } };
  }
  if (error instanceof ApiError || error instanceof AuthError) {
    return { error: { kind, message, provider: error.provider, status: error.status } };
  }
  return { error: { kind, message } };
}

export function renderErrorJson(error: unknown): string {
  return JSON.stringify(errorObject(error), null, 2) + '\n';
}
