import type { CST } from 'yaml';

/**
 * Offset of the first collection nested deeper than `maxDepth`, or null. Works on the parser's
 * token tree with an explicit stack, because the `yaml` composer recurses once per level and a
 * file of 10,000 `[` would otherwise overflow the call stack.
 */
export function findExcessiveNesting(root: CST.Token, maxDepth: number): number | null {
  const stack: Array<{ token: CST.Token; depth: number }> = [{ token: root, depth: 0 }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { token, depth } = entry;
    if (token.type === 'document') {
      if (token.value) stack.push({ token: token.value, depth });
      continue;
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth >= maxDepth) return token.offset;
    // Pushed last-first so the earliest offending collection in the file is the one reported.
    for (const item of [...token.items].reverse()) {
      if (item.value) stack.push({ token: item.value, depth: depth + 1 });
      if (item.key) stack.push({ token: item.key, depth: depth + 1 });
    }
  }
  return null;
}
