/**
 * `membership schema`: the desired-state file's JSON Schema on stdout, so that
 * `membership schema > membership.schema.json` puts the schema the installed version checks
 * against where the files' `$schema` line points editors. Offline.
 */
import { readMembershipSchema } from '../config/read-membership-schema.js';
import type { CliIo } from './io.js';
import { EXIT } from './exit-codes.js';

/** The schema as JSON text, two-space indented and newline-terminated. */
export function membershipSchemaText(): string {
  return `${JSON.stringify(readMembershipSchema(), null, 2)}\n`;
}

export function runSchemaCommand(io: CliIo): number {
  io.stdout.write(membershipSchemaText());
  return EXIT.ok;
}
