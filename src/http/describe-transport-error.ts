/**
 * Words for a request that got no answer. Only the error's `code` is read: got's error object carries
 * the request options, headers included, so it must never reach a message, a log line or a `cause`.
 */

export interface TransportFailure {
  /** errno-style code (`ECONNRESET`), or `ERR_UNKNOWN` when the error had none. */
  readonly code: string;
  readonly description: string;
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  ECONNRESET: 'connection reset',
  ECONNREFUSED: 'connection refused',
  EPIPE: 'connection closed while sending',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  ENOTFOUND: 'host not found',
};

export function describeTransportError(error: unknown, timeoutMs: number): TransportFailure {
  const code = readCode(error);
  if (code === 'ETIMEDOUT') return { code, description: `no response within ${timeoutMs} ms` };
  const known = DESCRIPTIONS[code];
  if (known !== undefined) return { code, description: known };
  if (code.startsWith('ERR_TLS') || code.includes('CERT')) return { code, description: 'TLS handshake failed' };
  return { code, description: 'request failed' };
}

function readCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'ERR_UNKNOWN';
  const code = (error as { code?: unknown }).code;
  // Codes are short identifiers; anything else is not something we should print.
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'ERR_UNKNOWN';
}
