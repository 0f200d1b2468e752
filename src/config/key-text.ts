import { isMap, isScalar, type Pair, type ParsedNode, type YAMLMap } from 'yaml';

/**
 * A scalar key as the user wrote it (after unquoting): `1:` is the username "1" and `1.0:` is
 * "1.0", not the number 1. Non-scalar keys are rejected earlier; they map to null here.
 */
export function keyText(key: unknown): string | null {
  if (key === null) return '';
  if (!isScalar(key)) return null;
  return key.source ?? String(key.value);
}

/** A parsed pair as it really is: `: value` and `? ` parse with a null key, which yaml's types leave out. */
export type ParsedPair = Pair<ParsedNode | null, ParsedNode | null>;

export function pairsOf(map: YAMLMap): readonly ParsedPair[] {
  return map.items as ParsedPair[];
}

/** The first pair of `node` (when it is a mapping) whose key reads `key`. */
export function findPair(node: ParsedNode | null, key: string): Pair<ParsedNode, ParsedNode | null> | undefined {
  if (!isMap<ParsedNode, ParsedNode | null>(node)) return undefined;
  return node.items.find((pair) => keyText(pair.key) === key);
}

/** The entries of a mapping whose keys are text, in file order; nothing when `node` is not a mapping. */
export function entriesOf(node: ParsedNode | null): Array<[string, ParsedNode | null]> {
  if (!isMap<ParsedNode, ParsedNode | null>(node)) return [];
  return node.items.flatMap((pair): Array<[string, ParsedNode | null]> => {
    const text = keyText(pair.key);
    return text === null ? [] : [[text, pair.value]];
  });
}

/** `turso.organizations` or `planetscale.organizations` (`provider`), as entries. */
export function organizationsOf(root: ParsedNode, provider: string): Array<[string, ParsedNode | null]> {
  return entriesOf(findPair(findPair(root, provider)?.value ?? null, 'organizations')?.value ?? null);
}
