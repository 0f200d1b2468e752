/**
 * The API's own words from an error body, made safe to print on one line. Bodies come in several
 * shapes, all parsed defensively:
 * - Turso `{error, code?}`, where `error` may not be a string (docs/api-notes.md §1.2);
 * - PlanetScale `{code, message}` and `{errors: [{namespace, name, errors: [...]}]}` (§2.2);
 * - no JSON at all (a proxy's HTML page, an empty body).
 */
import type { Redactor } from '../redact/create-redactor.js';

export interface ApiMessage {
  readonly message: string;
  readonly code?: string;
}

/** Longest message kept from a body; enough for any API sentence, short enough for one log line. */
const MAX_MESSAGE_CHARS = 200;

export function readApiMessage(text: string, status: number, redact: Redactor = (raw) => raw): ApiMessage {
  const parsed = parseJson(text);
  const fromJson = isRecord(parsed) ? messageFromObject(parsed) : undefined;
  const raw = fromJson?.message ?? toPlainText(text);
  // Redact before truncating, so that no cut-off piece of a secret survives.
  const message = toSingleLine(redact(raw)) || `HTTP ${status}`;
  const code = fromJson?.code === undefined ? undefined : toSingleLine(redact(fromJson.code));
  return code === undefined || code === '' ? { message } : { message, code };
}

/** One line, no control characters (a hostile body must not drive the terminal), truncated. */
export function toSingleLine(text: string): string {
  const line = text.replace(/[\p{Cc}\s]+/gu, ' ').trim();
  return line.length <= MAX_MESSAGE_CHARS ? line : `${line.slice(0, MAX_MESSAGE_CHARS - 1)}…`;
}

function messageFromObject(body: Record<string, unknown>): { message?: string; code?: string } | undefined {
  const code = typeof body['code'] === 'string' ? body['code'] : undefined;
  const message = describe(body['error']) ?? describe(body['message']) ?? describe(body['errors']);
  if (message === undefined && code === undefined) return undefined;
  return { ...(message === undefined ? {} : { message }), ...(code === undefined ? {} : { code }) };
}

/** Any JSON value to words: strings as they are, `{message}`/`{name, errors}` objects, arrays joined. */
function describe(value: unknown, depth = 0): string | undefined {
  if (value === undefined || value === null || depth > 3) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map((item) => describe(item, depth + 1)).filter((part) => part !== undefined);
    return parts.length === 0 ? undefined : parts.join('; ');
  }
  if (!isRecord(value)) return undefined;
  const own = describe(value['message'], depth + 1) ?? describe(value['error'], depth + 1);
  if (own !== undefined) return own;
  const nested = describe(value['errors'], depth + 1);
  const name = typeof value['name'] === 'string' ? value['name'] : undefined;
  if (nested !== undefined) return name === undefined ? nested : `${name}: ${nested}`;
  return name ?? JSON.stringify(value);
}

function toPlainText(text: string): string {
  return text.replace(/<[^>]*>/g, ' ');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
