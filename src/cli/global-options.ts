/** Options every command takes (they work before or after the subcommand). */
import { InvalidArgumentError } from 'commander';
import { LOG_LEVELS, type LogLevel } from '../logger.js';
import { DEFAULT_PLAN_OPTIONS } from '../planner/plan-parts.js';

export interface GlobalOptions {
  readonly logLevel: LogLevel;
  readonly concurrency: number;
  readonly maxRps: number;
  readonly retryAttempts: number;
  readonly retryMaxTime: number;
}

/** Defaults: PlanetScale documents 600 requests/minute (10/s); 8/s leaves room for other tools on the same token. */
export const DEFAULTS = { concurrency: 4, maxRps: 8, retryAttempts: 5, retryMaxTime: 60, maxRemovals: DEFAULT_PLAN_OPTIONS.maxRemovals, staleInviteDays: DEFAULT_PLAN_OPTIONS.staleInviteDays } as const;

export function nonNegativeInteger(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number, 0 or more`);
    return n;
  };
}

export function positiveInteger(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${max}`);
    }
    return n;
  };
}

export function positiveNumber(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || n > max) throw new InvalidArgumentError(`${name} must be a number above 0 and at most ${max}`);
    return n;
  };
}

export function logLevel(value: string): LogLevel {
  if (!(LOG_LEVELS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`allowed: ${LOG_LEVELS.join(', ')}`);
  }
  return value as LogLevel;
}
