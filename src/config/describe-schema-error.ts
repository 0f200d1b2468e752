import type { ErrorObject } from 'ajv';
import { didYouMean } from '../model/did-you-mean.js';
import { quoteFileText } from './quote-file-text.js';

interface SchemaNode {
  readonly title?: string;
  readonly type?: string;
  readonly format?: string;
  readonly pattern?: string;
  readonly enum?: readonly unknown[];
  readonly properties?: Record<string, unknown>;
  /** What a free-form value or name may be, for messages; an annotation only (registered in validate-schema.ts). */
  readonly 'x-allowed'?: string;
}

// Turso's API can set admin|member|viewer; `owner` only ever appears in responses (docs/api-notes.md §1.4).
const OWNER_NOTE = ' (owner cannot be set through the API)';

// YAML 1.1 read these as booleans; the 1.2 core schema we parse with reads them as text.
const YAML11_BOOLEANS = new Set(['y', 'n', 'yes', 'no', 'on', 'off']);
const YAML11_NOTE = ' (YAML 1.2 reads yes, no, on and off as text)';

/**
 * A message that says what is wrong and what is allowed. Relies on `verbose: true` for `data` and
 * `parentSchema`; the schema's titles name the thing (e.g. "Role", "Turso username").
 */
export function describeSchemaError(error: ErrorObject): string {
  const schema = (error.parentSchema ?? {}) as SchemaNode;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const keys = Object.keys(schema.properties ?? {});
      const key = String(params.additionalProperty);
      return `unknown key ${quote(key)}; allowed: ${keys.join(', ')}${didYouMean(key, keys, quote)}`;
    }
    case 'required':
      return `missing required key ${quote(params.missingProperty)}`;
    case 'minProperties': {
      // Only used as "at least one of the known keys" (additionalProperties: false does the rest);
      // a switch such as `prune` (a boolean) is not one of them.
      const keys = Object.entries(schema.properties ?? {})
        .filter(([, property]) => (property as SchemaNode).type !== 'boolean')
        .map(([key]) => key);
      return `missing required key ${keys.map(quote).join(' or ')}; at least one of them is needed`;
    }
    case 'dependencies':
      return `${quote(params.property)} needs the key ${quote(params.missingProperty)} beside it`;
    case 'type':
      return allowedValues(schema) === null || isCollection(schema)
        ? describeShape(error.data, schema)
        : describeScalar(error.data, schema);
    case 'const':
      return `${render(error.data)} is not supported; allowed: ${render(params.allowedValue)}`;
    case 'enum':
      return describeScalar(error.data, schema);
    case 'format': {
      const expected = schema.format === 'email' ? 'an email address' : `a valid ${schema.format}`;
      return `${render(error.data)} is not ${expected}`;
    }
    case 'pattern': {
      if (error.propertyName === undefined && allowedValues(schema) !== null) return describeScalar(error.data, schema);
      // A key's pattern (propertyNames): `propertyName` is the offending key.
      const name = quote(error.propertyName ?? error.data);
      const allowed = schema['x-allowed'] ?? `text matching ${schema.pattern ?? 'the schema'}`;
      return `${schema.title ?? 'name'} ${name} is not allowed; allowed: ${allowed}`;
    }
    default:
      return error.message ?? `fails the schema's "${error.keyword}" rule`;
  }
}

/** A leaf value that is missing, of the wrong type, or not one of those allowed. */
function describeScalar(value: unknown, schema: SchemaNode): string {
  const noun = (schema.title ?? 'value').toLowerCase();
  const allowed = `allowed: ${allowedValues(schema) ?? ''}`;
  if (value === null) return `${noun} is missing; ${allowed}`;
  if (schema.type === 'boolean') {
    const note = typeof value === 'string' && YAML11_BOOLEANS.has(value.toLowerCase()) ? YAML11_NOTE : '';
    return `${noun} must be a boolean, got ${describeValue(value)}; ${allowed}${note}`;
  }
  if (typeof value !== 'string') return `${noun} must be text, got ${describeValue(value)}; ${allowed}`;
  const note = value === 'owner' && schema.enum !== undefined ? OWNER_NOTE : '';
  return `${noun} ${quote(value)} is not allowed; ${allowed}${note}${suggestValue(value, schema)}`;
}

/**
 * A near miss of an allowed value (`Admin`, `memeber` for a Turso role), or, for a value checked by
 * a pattern, its lower-case form when that would pass (`Admin` for a PlanetScale role).
 */
function suggestValue(value: string, schema: SchemaNode): string {
  if (schema.enum !== undefined) return didYouMean(value, schema.enum.map(String), quote);
  const lower = value.toLowerCase();
  if (schema.pattern === undefined || lower === value) return '';
  return new RegExp(schema.pattern, 'u').test(lower) ? `; did you mean ${quote(lower)}?` : '';
}

/** What a leaf value may be, or null for values whose shape alone matters (mappings, lists, names). */
function allowedValues(schema: SchemaNode): string | null {
  if (schema.enum !== undefined) return schema.enum.join(', ');
  if (schema.type === 'boolean') return 'true or false';
  return schema['x-allowed'] ?? null;
}

/** A mapping or a list; its x-allowed, if any, says what else may stand in its place (a group member). */
function isCollection(schema: SchemaNode): boolean {
  return schema.type === 'object' || schema.type === 'array';
}

function describeShape(value: unknown, schema: SchemaNode): string {
  return `expected ${schema['x-allowed'] ?? expectedShape(schema)}, got ${describeValue(value)}`;
}

function expectedShape(schema: SchemaNode): string {
  if (schema.type === 'object') return 'a mapping (key: value)';
  if (schema.type === 'array') return 'a list (one "- item" per line)';
  if (schema.format === 'email') return 'an email address';
  return schema.type === 'string' ? 'text' : `a ${schema.type ?? 'different value'}`;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text ${quote(value)}`;
  return `a ${typeof value} (${scalarText(value)})`;
}

function render(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'string') return quote(value);
  return typeof value === 'object' ? describeValue(value) : scalarText(value);
}

/** YAML scalars are strings, numbers and booleans; anything else is named by its type. */
function scalarText(value: unknown): string {
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string'
    ? String(value)
    : typeof value;
}

/** Keys and values from the file, cut and escaped; the schema's own names pass through unchanged. */
function quote(value: unknown): string {
  return quoteFileText(String(value));
}
