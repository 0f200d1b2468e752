// Imported, not read from disk: the tsc build copies it to dist/membership.schema.json beside
// dist/src, and the single-file bundle (bundle/membership.mjs) holds it, so neither looks for a
// file at run time. The file at the package root stays the one editors use (package.json "files").
import schema from '../../membership.schema.json' with { type: 'json' };

/** The name the schema has at the package root, and beside the files that `init` writes. */
export const SCHEMA_FILE_NAME = 'membership.schema.json';

/**
 * The JSON Schema of the desired-state file (the one accessor: validation and `membership schema`
 * both read it here), a fresh copy on each call, so a caller may keep or change it.
 */
export function readMembershipSchema(): Record<string, unknown> {
  return structuredClone(schema);
}
