import type { ErrorObject } from 'ajv';

interface SchemaNode {
  readonly title?: string;
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly properties?: Record<string, unknown>;
}

// Turso's API can set admin|member|viewer; `owner` only ever appears in responses (API-NOTES.md §1.4).
const OWNER_NOTE = ' (owner cannot be set through the API)';

/**
 * A message that says what is wrong and what is allowed. Relies on `verbose: true` for `data` and
 * `parentSchema`; the schema's titles name the thing (e.g. "Role", "Turso username").
 */
export function describeSchemaError(error: ErrorObject): string {
  const schema = (error.parentSchema ?? {}) as SchemaNode;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const allowed = Object.keys(schema.properties ?? {}).join(', ');
      return `unknown key ${quote(params.additionalProperty)}; allowed: ${allowed}`;
    }
    case 'required':
      return `missing required key ${quote(params.missingProperty)}`;
    case 'type':
      return `expected ${expectedShape(schema)}, got ${describeValue(error.data)}`;
    case 'const':
      return `${render(error.data)} is not supported; allowed: ${render(params.allowedValue)}`;
    case 'enum':
      return describeEnum(error.data, schema);
    case 'format': {
      const expected = schema.format === 'email' ? 'an email address' : `a valid ${schema.format}`;
      return `${render(error.data)} is not ${expected}`;
    }
    case 'pattern': {
      // Only key names have a pattern (propertyNames); `propertyName` is the offending key.
      const name = quote(error.propertyName ?? error.data);
      return `${schema.title ?? 'name'} ${name} is not allowed; it must be non-empty, without whitespace or "/"`;
    }
    default:
      return error.message ?? `fails the schema's "${error.keyword}" rule`;
  }
}

function describeEnum(value: unknown, schema: SchemaNode): string {
  const noun = (schema.title ?? 'value').toLowerCase();
  const allowed = `allowed: ${(schema.enum ?? []).join(', ')}`;
  if (value === null) return `${noun} is missing; ${allowed}`;
  if (typeof value !== 'string') return `${noun} must be text, got ${describeValue(value)}; ${allowed}`;
  const note = value === 'owner' ? OWNER_NOTE : '';
  return `${noun} ${quote(value)} is not allowed; ${allowed}${note}`;
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
  return `a ${typeof value} (${String(value)})`;
}

function render(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'string') return quote(value);
  return typeof value === 'object' ? describeValue(value) : String(value);
}

function quote(value: unknown): string {
  return JSON.stringify(String(value));
}
