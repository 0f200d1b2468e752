import type { ErrorObject } from 'ajv';
import type { ParsedNode } from 'yaml';
import { closestMatch } from '../model/did-you-mean.js';
import { describeSchemaError } from './describe-schema-error.js';
import type { FoundIssue } from './found-issue.js';
import { NodeLocator } from './node-locator.js';
import { escapePointer, type PlainValue } from './to-plain-value.js';
import { validateSchema } from './validate-schema.js';

/** Schema violations, each placed on the key or value it is about. */
export function findSchemaIssues(plain: PlainValue, root: ParsedNode): FoundIssue[] {
  const locator = new NodeLocator(root);
  const issues: FoundIssue[] = [];
  const errors = validateSchema(plain.value);
  const misspelled = misspelledKeys(errors);
  for (const error of errors) {
    // Its inner error (pattern, minLength) already names the key; the branch taken after `if`
    // (a group member: a person id, or a mapping) already says what is wrong.
    if (error.keyword === 'propertyNames' || error.keyword === 'if') continue;
    // `member:` for `members:` is one mistake: "unknown key ...; did you mean" says it all.
    if (error.keyword === 'required' && misspelled.has(`${error.instancePath}/${String(keyOf(error))}`)) continue;
    const key = keyOf(error);
    const subject = key === undefined ? error.instancePath : `${error.instancePath}/${escapePointer(key)}`;
    if (isUnder(subject, plain.rejected)) continue;
    issues.push(placeIssue(error, key, locator));
  }
  return issues;
}

/** `PATH/KEY` of each known key that an unknown key of the same mapping looks like a misspelling of. */
function misspelledKeys(errors: readonly ErrorObject[]): Set<string> {
  const keys = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    const match = closestMatch(String(keyOf(error)), known);
    if (match !== undefined) keys.add(`${error.instancePath}/${match}`);
  }
  return keys;
}

/** The key an error is about, for errors reported on the mapping that holds (or lacks) it. */
function keyOf(error: ErrorObject): string | undefined {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return String(params.additionalProperty);
  if (error.keyword === 'required') return String(params.missingProperty);
  // `groups` without `people`: reported on the key that needs the other.
  if (error.keyword === 'dependencies') return String(params.property);
  return error.propertyName;
}

/** `minProperties` says "at least one of the allowed keys" (describe-schema-error.ts). */
const MISSING_KEY_KEYWORDS: ReadonlySet<string> = new Set(['required', 'minProperties']);

function placeIssue(error: ErrorObject, key: string | undefined, locator: NodeLocator): FoundIssue {
  const message = describeSchemaError(error);
  // A missing key is reported where its mapping's own key is; any other key error on the key itself.
  const missingKey = MISSING_KEY_KEYWORDS.has(error.keyword);
  const onKey = key !== undefined && !missingKey;
  const location = locator.locate(onKey ? `${error.instancePath}/${escapePointer(key)}` : error.instancePath);
  if (location === null) return { offset: null, path: [], message };
  const offset = onKey || missingKey ? location.keyOffset : location.valueOffset;
  return { offset, path: location.path, message };
}

/** Whether `pointer` or one of its ancestors was already reported and left out. */
function isUnder(pointer: string, rejected: ReadonlySet<string>): boolean {
  if (rejected.size === 0) return false;
  for (let end = pointer.length; end > 0; end = pointer.lastIndexOf('/', end - 1)) {
    if (rejected.has(pointer.slice(0, end))) return true;
  }
  return false;
}
