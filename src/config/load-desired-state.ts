import type { DesiredState } from '../model/desired-state.js';
import { DEFAULT_CONFIG_LIMITS, type ConfigLimits } from './config-limits.js';
import { decodeUtf8 } from './decode-utf8.js';
import { findDuplicatePeople } from './find-duplicate-people.js';
import { findPeopleIssues } from './find-people-issues.js';
import { findSchemaIssues } from './find-schema-issues.js';
import { toConfigError } from './found-issue.js';
import { normalizeDesiredState } from './normalize-desired-state.js';
import { parseYaml } from './parse-yaml.js';
import { readConfigFile, tooLarge } from './read-config-file.js';
import { toPlainValue } from './to-plain-value.js';

/** Reads and checks the desired-state file. Throws ConfigError listing every problem found. */
export async function loadDesiredState(file: string, limits = DEFAULT_CONFIG_LIMITS): Promise<DesiredState> {
  return (await readDesiredStateFile(file, limits)).desired;
}

/** As loadDesiredState, also returning the bytes read (e.g. to fingerprint the file a plan came from). */
export async function readDesiredStateFile(
  file: string,
  limits = DEFAULT_CONFIG_LIMITS,
): Promise<{ desired: DesiredState; bytes: Uint8Array }> {
  const bytes = await readConfigFile(file, limits.maxFileBytes);
  return { desired: parseDesiredState(bytes, file, limits), bytes };
}

/**
 * Checks the file's contents and builds the DesiredState; no I/O. `file` only names the file in
 * issues. Throws ConfigError with every issue found (up to `limits.maxReportedIssues`); syntax
 * errors stop before the content checks, since nothing after them can be trusted.
 */
export function parseDesiredState(
  bytes: Uint8Array | string,
  file: string,
  limits: ConfigLimits = DEFAULT_CONFIG_LIMITS,
): DesiredState {
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes, 'utf8') : bytes.byteLength;
  if (size > limits.maxFileBytes) throw tooLarge(file, size, limits.maxFileBytes);
  const text = decodeUtf8(bytes, file);
  const { root, lineCounter } = parseYaml(text, file, limits);
  const plain = toPlainValue(root, text, lineCounter);
  const issues = [
    ...plain.issues,
    ...findSchemaIssues(plain, root),
    ...findDuplicatePeople(root, lineCounter),
    ...findPeopleIssues(root, lineCounter),
  ];
  if (issues.length > 0) throw toConfigError(issues, file, lineCounter, limits.maxReportedIssues);
  return normalizeDesiredState(root);
}
