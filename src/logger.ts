/**
 * Logs are JSON lines on stderr (stdout carries the plan). Synchronous, because an asynchronous
 * destination loses lines when the process exits or is killed mid-apply.
 * Messages are static; data goes in the object. Nothing logged may hold a credential: the HTTP
 * layer never logs headers, pino's `redact` drops fields named like one, and each line passes the
 * output redactor (any piece of a known secret, wherever in the line) on its way to the stream.
 */
import { pino, type Logger } from 'pino';
import type { Redactor } from './redact/create-redactor.js';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(
  level: LogLevel = 'warn',
  destination: NodeJS.WritableStream | number = 2,
  redact: Redactor = (line) => line,
): Logger {
  const stream = typeof destination === 'number' ? pino.destination({ dest: destination, sync: true }) : destination;
  return pino(
    {
      level,
      // No pid or hostname on every line: the lines are read in CI logs, where they are noise.
      base: null,
      // pino's hook for the finished line, just before the write: the destination stays pino's own
      // synchronous one (https://getpino.io/#/docs/api?id=streamwrite).
      hooks: { streamWrite: redact },
      redact: {
        paths: ['authorization', '*.authorization', 'headers', '*.headers', 'token', '*.token'],
        censor: '[redacted]',
      },
    },
    stream,
  );
}

/** A logger that drops everything: for library callers and unit tests that do not read logs. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
