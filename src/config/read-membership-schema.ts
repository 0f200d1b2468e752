// Imported, not read from disk: the tsc build copies it to dist/membership.schema.json beside
// dist/src, and the single-file bundle (bundle/membership.mjs) holds it, so neither looks for a
// file at run time. The file at the package root stays the one editors use (package.json "files").
import schema from '../../membership.schema.json' with { type: 'json' };

/**
 * The JSON Schema of the desired-state file as JSON text: the same schema as membership.schema.json,
 * written with two-space indentation (not necessarily the file's exact bytes).
 */
export function membershipSchemaText(): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** The JSON Schema of the desired-state file, a fresh copy on each call (callers may keep or change it). */
export function readMembershipSchema(): Record<string, unknown> {
  return JSON.parse(membershipSchemaText()) as Record<string, unknown>;
}
