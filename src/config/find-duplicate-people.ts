import { isMap, isScalar, isSeq, type LineCounter, type ParsedNode } from 'yaml';
import type { FoundIssue, PathSegment } from './found-issue.js';
import { findPair, keyText, pairsOf } from './key-text.js';
import { quoteFileText } from './quote-file-text.js';

/** What a list names people by, and why two spellings of it are the same person. */
interface Identity {
  readonly noun: string;
  readonly reason: string;
}

/**
 * The tool compares emails case-insensitively, as mail systems treat them; neither vendor documents
 * its own rule ([A], docs/api-notes.md §1.6, §2.6).
 */
const EMAIL: Identity = { noun: 'email', reason: 'emails match case-insensitively' };

/** Turso accounts come from GitHub, whose logins are case-insensitive; so are Turso's usernames. */
const TURSO_USERNAME: Identity = { noun: 'username', reason: 'Turso usernames match case-insensitively' };

/**
 * The same person twice in one list, in any letter case: Turso members (by username), Turso
 * invites, PlanetScale organization members or a PlanetScale team (by email). The second entry
 * would be a second change for the same person.
 */
export function findDuplicatePeople(root: ParsedNode, lineCounter: LineCounter): FoundIssue[] {
  const finder = new DuplicateFinder(lineCounter);
  for (const [organization, node] of organizations(root, 'turso')) {
    const path = ['turso', 'organizations', organization];
    finder.checkKeys(findPair(node, 'members')?.value ?? null, [...path, 'members'], TURSO_USERNAME);
    finder.checkKeys(findPair(node, 'invites')?.value ?? null, [...path, 'invites'], EMAIL);
  }
  for (const [organization, node] of organizations(root, 'planetscale')) {
    const path = ['planetscale', 'organizations', organization];
    finder.checkKeys(findPair(node, 'members')?.value ?? null, [...path, 'members'], EMAIL);
    for (const [team, teamNode] of entries(findPair(node, 'teams')?.value ?? null)) {
      finder.checkItems(findPair(teamNode, 'members')?.value ?? null, [...path, 'teams', team, 'members'], EMAIL);
    }
  }
  return finder.issues;
}

class DuplicateFinder {
  readonly issues: FoundIssue[] = [];

  constructor(private readonly lineCounter: LineCounter) {}

  /** People as mapping keys. Keys repeated exactly are already reported as duplicate keys (to-plain-value.ts). */
  checkKeys(node: ParsedNode | null, path: readonly PathSegment[], identity: Identity): void {
    if (!isMap<ParsedNode, ParsedNode | null>(node)) return;
    const firstOffsets = new Map<string, number>();
    const written = new Set<string>();
    for (const { key } of pairsOf(node)) {
      const text = keyText(key);
      if (text === null || key === null || written.has(text)) continue;
      written.add(text);
      this.check(firstOffsets, text, key.range[0], [...path, text], identity);
    }
  }

  /** People as list items. */
  checkItems(node: ParsedNode | null, path: readonly PathSegment[], identity: Identity): void {
    if (!isSeq<ParsedNode>(node)) return;
    const firstOffsets = new Map<string, number>();
    node.items.forEach((item, index) => {
      if (!isScalar(item) || typeof item.value !== 'string') return;
      this.check(firstOffsets, item.value, item.range[0], [...path, index], identity);
    });
  }

  private check(
    firstOffsets: Map<string, number>,
    name: string,
    offset: number,
    path: PathSegment[],
    identity: Identity,
  ): void {
    const folded = name.toLowerCase();
    const first = firstOffsets.get(folded);
    if (first === undefined) {
      firstOffsets.set(folded, offset);
      return;
    }
    const line = this.lineCounter.linePos(first).line;
    const message = `duplicate ${identity.noun} ${quoteFileText(name)} (same as line ${line}, ${identity.reason})`;
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
