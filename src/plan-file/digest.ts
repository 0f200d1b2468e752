import { createHash } from 'node:crypto';
import type { Observed } from '../model/observed.js';

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A fingerprint of what the plan was diffed against: key order cannot change it. */
export function digestObserved(observed: Observed): string {
  return sha256(JSON.stringify(canonical(observed)));
}

function canonical(value: unknown): unknown {
  if (value instanceof Map) {
    return [...value.entries()].sort(([a], [b]) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0)).map(([k, v]) => [k, canonical(v)]);
  }
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]);
  }
  return value;
}
