/**
 * Logs are JSON lines on stderr (stdout carries the plan). Synchronous, because an asynchronous
 * destination loses lines when the process exits or is killed mid-apply.
 * Messages are static; data goes in the object. Nothing logged may hold a credential: the HTTP
 * layer never logs headers, and `redact` is a second line of defence.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(level: LogLevel = 'warn', destination: NodeJS.WritableStream | number = 2): Logger {
  const stream = typeof destination === 'number' ? pino.destination({ dest: destination, sync: true }) : destination;
  return pino(
    {
      level,
      base: undefined,
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
