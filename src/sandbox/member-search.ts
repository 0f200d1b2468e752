/**
 * PlanetScale's `q` member filter, as the sandbox models it: a case-insensitive substring of email or
 * name. The vendor documents the parameter, not its matching rule (docs/api-notes.md §2.3).
 * One indexOf pass over every member's text joined in one string, built once per version of the
 * member list: a per-member `includes` costs seconds for 200 searches over 100k members.
 */
import type { OrganizationMembership } from './planetscale-state.js';

const SEPARATOR = '\u0000';

interface SearchIndex {
  readonly text: string;
  /** Offset in `text` where each member's part begins, ascending. */
  readonly starts: readonly number[];
}

/** Keyed by the member array itself: IndexedList hands out a new array after every change. */
const indexes = new WeakMap<readonly OrganizationMembership[], SearchIndex>();

export function searchMembers(members: readonly OrganizationMembership[], q: string): OrganizationMembership[] {
  const needle = q.toLowerCase();
  if (needle.includes(SEPARATOR)) return [];
  const { text, starts } = indexFor(members);
  const found: OrganizationMembership[] = [];
  let from = 0;
  for (let at = text.indexOf(needle, from); at !== -1; at = text.indexOf(needle, from)) {
    const position = lastStartAtOrBefore(starts, at);
    const member = members[position];
    if (member !== undefined) found.push(member);
    from = starts[position + 1] ?? text.length;
  }
  return found;
}

function indexFor(members: readonly OrganizationMembership[]): SearchIndex {
  const cached = indexes.get(members);
  if (cached !== undefined) return cached;
  const parts: string[] = [];
  const starts: number[] = [];
  let offset = 0;
  for (const { user } of members) {
    const part = `${user.email}${SEPARATOR}${user.name ?? ''}${SEPARATOR}`.toLowerCase();
    starts.push(offset);
    parts.push(part);
    offset += part.length;
  }
  const index = { text: parts.join(''), starts };
  indexes.set(members, index);
  return index;
}

function lastStartAtOrBefore(starts: readonly number[], at: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}
