/**
 * The published JSON Schemas (schemas/), loaded together (the plan file and the apply results refer
 * to plan.schema.json by `$id`) into one strict draft 2020-12 validator, as a consumer would.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from '@jest/globals';

export const SCHEMA_NAMES = ['plan', 'plan-file', 'apply-results', 'error', 'validate', 'who', 'report'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

export type JsonSchema = Record<string, unknown>;

export function readSchema(name: SchemaName): JsonSchema {
  return JSON.parse(readFileSync(new URL(`../../schemas/${name}.schema.json`, import.meta.url), 'utf8')) as JsonSchema;
}

export const SCHEMA_ID_BASE = 'urn:membership:schemas:';

let ajv: Ajv2020 | undefined;

function validator(): Ajv2020 {
  if (ajv) return ajv;
  ajv = new Ajv2020({ strict: true, allErrors: true });
  for (const name of SCHEMA_NAMES) ajv.addSchema(readSchema(name));
  return ajv;
}

/** Every way `value` breaks the schema, as `instancePath: message` lines; empty when it is valid. */
export function schemaErrors(name: SchemaName, value: unknown): string[] {
  const validate = validator().getSchema(`${SCHEMA_ID_BASE}${name}.schema.json`);
  if (!validate) throw new Error(`no schema ${name}`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '/'}: ${error.message ?? ''} ${JSON.stringify(error.params)}`,
  );
}

/** Parses JSON text (CLI output or a file) and expects it to satisfy the schema; returns the value. */
export function expectMatchesSchema(name: SchemaName, text: string): unknown {
  const value: unknown = JSON.parse(text);
  expect(schemaErrors(name, value)).toEqual([]);
  return value;
}
