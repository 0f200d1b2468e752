import { isMap, isScalar, isSeq, type LineCounter, type ParsedNode } from 'yaml';
import type { FoundIssue, PathSegment } from './found-issue.js';
import { findPair, keyText } from './key-text.js';
import { quoteFileText } from './quote-file-text.js';

/**
 * The same email twice in one list of people, in any letter case: a PlanetScale team, PlanetScale
 * organization members or Turso invites. Both APIs match people by email case-insensitively
 * (API-NOTES.md §1.6, §2.3), so the second entry would be a second change for the same person.
 */
export function findDuplicateEmails(root: ParsedNode, lineCounter: LineCounter): FoundIssue[] {
  const finder = new DuplicateFinder(lineCounter);
  for (const [organization, node] of organizations(root, 'turso')) {
    finder.checkKeys(findPair(node, 'invites')?.value ?? null, ['turso', 'organizations', organization, 'invites']);
  }
  for (const [organization, node] of organizations(root, 'planetscale')) {
    const path = ['planetscale', 'organizations', organization];
    finder.checkKeys(findPair(node, 'members')?.value ?? null, [...path, 'members']);
    for (const [team, teamNode] of entries(findPair(node, 'teams')?.value ?? null)) {
      finder.checkItems(findPair(teamNode, 'members')?.value ?? null, [...path, 'teams', team, 'members']);
    }
  }
  return finder.issues;
}

class DuplicateFinder {
  readonly issues: FoundIssue[] = [];

  constructor(private readonly lineCounter: LineCounter) {}

  /** Emails as mapping keys. Keys repeated exactly are already reported as duplicate keys (to-plain-value.ts). */
  checkKeys(node: ParsedNode | null, path: readonly PathSegment[]): void {
    if (!isMap<ParsedNode, ParsedNode | null>(node)) return;
    const firstOffsets = new Map<string, number>();
    const written = new Set<string>();
    for (const { key } of node.items) {
      const text = keyText(key);
      if (text === null || key === null || written.has(text)) continue;
      written.add(text);
      this.check(firstOffsets, text, key.range[0], [...path, text]);
    }
  }

  /** Emails as list items. */
  checkItems(node: ParsedNode | null, path: readonly PathSegment[]): void {
    if (!isSeq<ParsedNode>(node)) return;
    const firstOffsets = new Map<string, number>();
    node.items.forEach((item, index) => {
      if (!isScalar(item) || typeof item.value !== 'string') return;
      this.check(firstOffsets, item.value, item.range[0], [...path, index]);
    });
  }

  private check(firstOffsets: Map<string, number>, email: string, offset: number, path: PathSegment[]): void {
    const folded = email.toLowerCase();
    const first = firstOffsets.get(folded);
    if (first === undefined) {
      firstOffsets.set(folded, offset);
      return;
    }
    const line = this.lineCounter.linePos(first).line;
    const message = `duplicate email ${quoteFileText(email)} (same as line ${line}, emails match case-insensitively)`;
    this.issues.push({ offset, path, message });
  }
}

function organizations(root: ParsedNode, provider: string): Array<[string, ParsedNode | null]> {
  return entries(findPair(findPair(root, provider)?.value ?? null, 'organizations')?.value ?? null);
}

function entries(node: ParsedNode | null): Array<[string, ParsedNode | null]> {
  if (!isMap<ParsedNode, ParsedNode | null>(node)) return [];
  return node.items.flatMap((pair): Array<[string, ParsedNode | null]> => {
    const text = keyText(pair.key);
    return text === null ? [] : [[text, pair.value]];
  });
}
