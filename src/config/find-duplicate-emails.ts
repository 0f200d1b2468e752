import { isMap, isScalar, isSeq, type LineCounter, type ParsedNode } from 'yaml';
import type { FoundIssue } from './found-issue.js';
import { findPair, keyText } from './key-text.js';

/**
 * A team that lists the same email twice, in any letter case. PlanetScale matches members by
 * account email case-insensitively, so the second entry would be a second add of the same person.
 */
export function findDuplicateEmails(root: ParsedNode, lineCounter: LineCounter): FoundIssue[] {
  const issues: FoundIssue[] = [];
  const organizations = findPair(findPair(root, 'planetscale')?.value ?? null, 'organizations')?.value ?? null;
  for (const [organization, teams] of entries(organizations)) {
    for (const [team, teamNode] of entries(findPair(teams, 'teams')?.value ?? null)) {
      const members = findPair(teamNode, 'members')?.value ?? null;
      if (!isSeq<ParsedNode>(members)) continue;
      const path = ['planetscale', 'organizations', organization, 'teams', team, 'members'];
      const firstOffsets = new Map<string, number>();
      members.items.forEach((item, index) => {
        if (!isScalar(item) || typeof item.value !== 'string') return;
        const folded = item.value.toLowerCase();
        const first = firstOffsets.get(folded);
        if (first === undefined) {
          firstOffsets.set(folded, item.range[0]);
          return;
        }
        const line = lineCounter.linePos(first).line;
        const message =
          `duplicate email ${JSON.stringify(item.value)} ` +
          `(same as line ${line}, emails match case-insensitively)`;
        issues.push({ offset: item.range[0], path: [...path, index], message });
      });
    }
  }
  return issues;
}

function entries(node: ParsedNode | null): Array<[string, ParsedNode | null]> {
  if (!isMap<ParsedNode, ParsedNode | null>(node)) return [];
  return node.items.flatMap((pair): Array<[string, ParsedNode | null]> => {
    const text = keyText(pair.key);
    return text === null ? [] : [[text, pair.value]];
  });
}
