/**
 * Reading the YAML AST of a document that passed every check (normalize-*.ts): a shape the checks
 * should have refused is a bug, hence plain Errors.
 */
import { isMap, isScalar, type ParsedNode } from 'yaml';
import { findPair, keyText } from './key-text.js';

/** A mapping as a Map in file order; any key, `__proto__` included. */
export function mapOf<T>(node: ParsedNode | null, convert: (value: ParsedNode | null) => T): ReadonlyMap<string, T> {
  if (!isMap<ParsedNode, ParsedNode | null>(node)) throw new Error('unchecked desired state: expected a mapping');
  const result = new Map<string, T>();
  for (const pair of node.items) {
    const key = keyText(pair.key);
    if (key === null || result.has(key)) throw new Error('unchecked desired state: bad or repeated key');
    result.set(key, convert(pair.value));
  }
  return result;
}

export function scalarText(node: ParsedNode | null): string {
  if (!isScalar(node) || typeof node.value !== 'string') throw new Error('unchecked desired state: expected text');
  return node.value;
}

/** A switch such as `prune:` or `departed:`: opt-in, so false when left out. */
export function switchOf(node: ParsedNode | null, key: string): boolean {
  const pair = findPair(node, key);
  if (pair === undefined) return false;
  if (!isScalar(pair.value) || typeof pair.value.value !== 'boolean') {
    throw new Error(`unchecked desired state: ${key} is not a boolean`);
  }
  return pair.value.value;
}
