import { isMap, isScalar, isSeq, type LineCounter, type ParsedNode } from 'yaml';
import type { FoundIssue, PathSegment } from './found-issue.js';
import { entriesOf, findPair, keyText, organizationsOf, pairsOf } from './key-text.js';
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
 * would be a second change for the same person. Also two people of `people:` with one email or one
 * Turso username: the same account, declared twice.
 */
export function findDuplicatePeople(root: ParsedNode, lineCounter: LineCounter): FoundIssue[] {
  const finder = new DuplicateFinder(lineCounter);
  const people = findPair(root, 'people')?.value ?? null;
  finder.checkFields(people, 'email', EMAIL);
  finder.checkFields(people, 'turso', TURSO_USERNAME);
  for (const [organization, node] of organizationsOf(root, 'turso')) {
    const path = ['turso', 'organizations', organization];
    finder.checkKeys(findPair(node, 'members')?.value ?? null, [...path, 'members'], TURSO_USERNAME);
    finder.checkKeys(findPair(node, 'invites')?.value ?? null, [...path, 'invites'], EMAIL);
  }
  for (const [organization, node] of organizationsOf(root, 'planetscale')) {
    const path = ['planetscale', 'organizations', organization];
    finder.checkKeys(findPair(node, 'members')?.value ?? null, [...path, 'members'], EMAIL);
    for (const [team, teamNode] of entriesOf(findPair(node, 'teams')?.value ?? null)) {
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

  /** One text field of every person of `people:` (a mapping of person id to person). */
  checkFields(people: ParsedNode | null, field: string, identity: Identity): void {
    const firstOffsets = new Map<string, number>();
    const seen = new Set<string>();
    for (const [id, person] of entriesOf(people)) {
      // A person id written twice is already reported as a duplicate key (to-plain-value.ts).
      if (seen.has(id)) continue;
      seen.add(id);
      const value = findPair(person, field)?.value ?? null;
      if (!isScalar(value) || typeof value.value !== 'string') continue;
      this.check(firstOffsets, value.value, value.range[0], ['people', id, field], identity);
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
