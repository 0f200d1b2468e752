/**
 * What parseDesiredState says about a file it refuses, for the config tests: the ConfigError it
 * throws, its issues, and expected issues written as rows.
 */
import type { ConfigLimits } from '../../src/config/config-limits.js';
import { parseDesiredState } from '../../src/config/load-desired-state.js';
import { ConfigError, type ConfigIssue } from '../../src/errors.js';

/** An expected issue as [line, column, path, message]. */
export type IssueRow = [number, number, string, string];

export interface ConfigErrors {
  /** The ConfigError parsing `input` throws; any other outcome fails the test. */
  readonly configErrorOf: (input: string | Uint8Array, limits?: ConfigLimits) => ConfigError;
  readonly issuesOf: (input: string | Uint8Array) => ConfigIssue[];
  /** The issue a row stands for. */
  readonly issue: (row: IssueRow) => ConfigIssue;
}

/** The helpers for a file parsed under the name `file`, which every issue then carries. */
export function configErrorsFor(file: string): ConfigErrors {
  function configErrorOf(input: string | Uint8Array, limits?: ConfigLimits): ConfigError {
    try {
      parseDesiredState(input, file, limits);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('expected a ConfigError');
  }
  return {
    configErrorOf,
    issuesOf: (input) => [...configErrorOf(input).issues],
    issue: ([line, column, path, message]) => ({ file, line, column, path, message }),
  };
}
