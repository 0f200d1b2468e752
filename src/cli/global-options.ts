/** Options every command takes (they work before or after the subcommand). */
import { InvalidArgumentError } from 'commander';
import { LOG_LEVELS, type LogLevel } from '../logger.js';
import { didYouMean } from '../model/did-you-mean.js';
import { dayProblem, ISO_DATE } from '../model/people.js';
import { DEFAULT_PLAN_OPTIONS } from '../model/plan.js';

export interface GlobalOptions {
  readonly logLevel: LogLevel;
  readonly concurrency: number;
  readonly maxRps: number;
  readonly retryAttempts: number;
  readonly retryMaxTime: number;
}

/** Defaults: PlanetScale documents 600 requests/minute (10/s); 8/s leaves room for other tools on the same token. */
export const DEFAULTS = {
  file: 'membership.yaml',
  concurrency: 4,
  maxRps: 8,
  retryAttempts: 5,
  retryMaxTime: 60,
  maxRemovals: DEFAULT_PLAN_OPTIONS.maxRemovals,
  staleInviteDays: DEFAULT_PLAN_OPTIONS.staleInviteDays,
  expiryWarningDays: DEFAULT_PLAN_OPTIONS.expiryWarningDays,
} as const;

/** Decimal digits only: Number() would also read '' as 0, `0x10` as 16 and `1e3` as 1000. */
const DECIMAL_INTEGER = /^[0-9]+$/;
const DECIMAL_NUMBER = /^[0-9]+(\.[0-9]+)?$/;

export function nonNegativeInteger(name: string) {
  return (value: string): number => {
    const n = DECIMAL_INTEGER.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n))
      throw new InvalidArgumentError(`${name} must be a whole number written in digits, 0 or more`);
    return n;
  };
}

export function positiveInteger(name: string, max: number) {
  return (value: string): number => {
    const n = DECIMAL_INTEGER.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < 1 || n > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${max}, written in digits`);
    }
    return n;
  };
}

export function positiveNumber(name: string, max: number) {
  return (value: string): number => {
    const n = DECIMAL_NUMBER.test(value) ? Number(value) : Number.NaN;
    if (!(n > 0 && n <= max))
      throw new InvalidArgumentError(
        `${name} must be a number above 0 and at most ${max}, written in digits (e.g. 2.5)`,
      );
    return n;
  };
}

/** `YYYY-MM-DD`, a real calendar day (as the file's dates), as the start of that day in UTC (ms since the epoch). */
export function isoDate(name: string) {
  return (value: string): number => {
    if (!ISO_DATE.test(value) || dayProblem(value) !== null)
      throw new InvalidArgumentError(`${name} must be a date written YYYY-MM-DD (UTC), e.g. 2026-12-31`);
    return Date.parse(`${value}T00:00:00Z`);
  };
}

export function logLevel(value: string): LogLevel {
  return oneOf(LOG_LEVELS)(value);
}

/**
 * One of `values`, else what is allowed and the nearest: Commander's `.choices()` says only the
 * first. Given after `.choices()`, which still lists them in `--help`.
 */
export function oneOf<T extends string>(values: readonly T[]) {
  return (value: string): T => {
    const found = values.find((allowed) => allowed === value);
    if (found === undefined)
      throw new InvalidArgumentError(`Allowed: ${values.join(', ')}${didYouMean(value, values)}`);
    return found;
  };
}
