import { isMap, isScalar, isSeq, type ParsedNode, type YAMLMap } from 'yaml';
import type { PathSegment } from './found-issue.js';
import { keyText, pairsOf, type ParsedPair } from './key-text.js';

export interface Location {
  /** The YAML path, with numbers for list indexes. */
  readonly path: PathSegment[];
  /** Where the entry's key is (for a list item or the root: the node itself). */
  readonly keyOffset: number;
  /** Where the value is; the key's offset when the value is empty (`alice:`). */
  readonly valueOffset: number;
}

/**
 * Finds the YAML node behind a JSON pointer from an Ajv error. Only called for reported errors, so
 * a mapping is indexed the first time an error points into it, not up front.
 */
export class NodeLocator {
  private readonly indexes = new WeakMap<YAMLMap, Map<string, ParsedPair>>();

  constructor(private readonly root: ParsedNode) {}

  locate(pointer: string): Location | null {
    const path: PathSegment[] = [];
    let node: ParsedNode | null = this.root;
    let keyOffset = this.root.range[0];
    for (const segment of pointerSegments(pointer)) {
      if (isMap<ParsedNode, ParsedNode | null>(node)) {
        const pair = this.index(node).get(segment);
        if (pair === undefined) return null;
        keyOffset = pair.key?.range[0] ?? pair.value?.range[0] ?? keyOffset;
        node = pair.value;
        path.push(segment);
      } else if (isSeq<ParsedNode>(node)) {
        const index = Number(segment);
        node = node.items[index] ?? null;
        if (node === null) return null;
        keyOffset = node.range[0];
        path.push(index);
      } else {
        return null;
      }
    }
    if (node === null) return { path, keyOffset, valueOffset: keyOffset };
    const empty = isScalar(node) && node.range[0] === node.range[1];
    return { path, keyOffset, valueOffset: empty ? keyOffset : node.range[0] };
  }

  private index(map: YAMLMap): Map<string, ParsedPair> {
    let index = this.indexes.get(map);
    if (index !== undefined) return index;
    index = new Map();
    for (const pair of pairsOf(map)) {
      const text = keyText(pair.key);
      // The first occurrence is the one that reached the schema check (to-plain-value.ts).
      if (text !== null && !index.has(text)) index.set(text, pair);
    }
    this.indexes.set(map, index);
    return index;
  }
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}
