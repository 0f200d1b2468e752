import { isMap, isScalar, isSeq, type LineCounter, type ParsedNode } from 'yaml';
import { didYouMean } from '../model/did-you-mean.js';
import { dayProblem, ISO_DATE } from '../model/people.js';
import type { FoundIssue, PathSegment } from './found-issue.js';
import { entriesOf, findPair, keyText, organizationsOf, pairsOf } from './key-text.js';
import { quoteFileText } from './quote-file-text.js';

/** membership.schema.json's personId (and groupName) pattern; a test holds the two equal. */
export const PERSON_ID = /^[A-Za-z][A-Za-z0-9._-]*$/;

/** What the schema's x-allowed says a date may be; a test holds the two equal. */
export const DATE_ALLOWED = 'a day written YYYY-MM-DD that exists, such as 2026-12-31';

/** Unknown person ids that get a "did you mean": as many as a ConfigError shows issues by default. */
const SUGGESTIONS = 100;

/** Longer ids get no suggestion: an error shows 60 characters of them anyway. */
const MAX_SUGGESTED_LENGTH = 64;

/** A person of `people:` that other entries are checked against. */
interface DeclaredPerson {
  /** The line of `departed: true`, or null when the person has not departed. */
  readonly departedLine: number | null;
}

/** Whose an email or a Turso username is, for a departed person. */
interface DepartedIdentity {
  readonly person: string;
  readonly line: number;
}

/**
 * What the schema cannot say about the person form: group members that are not declared people,
 * departed people in groups or in the provider sections, a person twice in one group, a team twice
 * in one grant, and dates that do not exist. Values the schema refuses (a person id of the wrong
 * shape, a date not written YYYY-MM-DD) are left to it, so that each mistake is reported once.
 */
export function findPeopleIssues(root: ParsedNode, lineCounter: LineCounter): FoundIssue[] {
  return new PeopleChecker(root, lineCounter).check();
}

class PeopleChecker {
  private readonly issues: FoundIssue[] = [];
  /** Null when the file has no `people:` mapping: then group members are not checked against it. */
  private readonly people: ReadonlyMap<string, DeclaredPerson> | null;
  private readonly departedEmails = new Map<string, DepartedIdentity>();
  private readonly departedUsernames = new Map<string, DepartedIdentity>();
  private suggestions = 0;

  constructor(
    private readonly root: ParsedNode,
    private readonly lineCounter: LineCounter,
  ) {
    const people = findPair(root, 'people')?.value ?? null;
    this.people = isMap(people) ? this.readPeople(people) : null;
  }

  check(): FoundIssue[] {
    for (const [name, group] of entriesOf(findPair(this.root, 'groups')?.value ?? null)) {
      this.checkGroup(name, group);
    }
    if (this.departedEmails.size > 0 || this.departedUsernames.size > 0) this.checkProviderSections();
    return this.issues;
  }

  private readPeople(node: ParsedNode): Map<string, DeclaredPerson> {
    const people = new Map<string, DeclaredPerson>();
    for (const [id, person] of entriesOf(node)) {
      // A person id written twice is reported as a duplicate key (to-plain-value.ts); the first counts.
      if (people.has(id)) continue;
      const expires = findPair(person, 'expires')?.value ?? null;
      this.checkDate(expires, ['people', id, 'expires'], 'expires');
      const departed = findPair(person, 'departed');
      const isDeparted = departed !== undefined && isScalar(departed.value) && departed.value.value === true;
      const departedLine = isDeparted ? this.lineOf(departed.key.range[0]) : null;
      people.set(id, { departedLine });
      if (departedLine === null) continue;
      const identity = { person: id, line: departedLine };
      const email = textOf(findPair(person, 'email')?.value ?? null);
      if (email !== null) this.departedEmails.set(email.toLowerCase(), identity);
      const username = textOf(findPair(person, 'turso')?.value ?? null);
      if (username !== null) this.departedUsernames.set(username.toLowerCase(), identity);
    }
    return people;
  }

  private checkGroup(name: string, group: ParsedNode | null): void {
    const members = findPair(group, 'members')?.value ?? null;
    if (isSeq<ParsedNode>(members)) {
      const firstOffsets = new Map<string, number>();
      members.items.forEach((item, index) => {
        const path: PathSegment[] = ['groups', name, 'members', index];
        if (isMap(item)) {
          this.checkDate(findPair(item, 'until')?.value ?? null, [...path, 'until'], 'until');
          this.checkMember(findPair(item, 'person')?.value ?? null, [...path, 'person'], firstOffsets);
        } else {
          this.checkMember(item, path, firstOffsets);
        }
      });
    }
    for (const [organization, grant] of entriesOf(findPair(group, 'planetscale')?.value ?? null)) {
      const path = ['groups', name, 'planetscale', organization, 'teams'];
      this.checkTeams(findPair(grant, 'teams')?.value ?? null, path);
    }
  }

  /** One person id of a group's `members`: declared, not departed, and not listed before in the group. */
  private checkMember(node: ParsedNode | null, path: PathSegment[], firstOffsets: Map<string, number>): void {
    const id = textOf(node);
    if (node === null || id === null || !PERSON_ID.test(id)) return;
    const offset = node.range[0];
    const first = firstOffsets.get(id);
    if (first !== undefined) {
      const message = `duplicate person ${quoteFileText(id)} (first at line ${this.lineOf(first)}); a group lists each person once`;
      this.issues.push({ offset, path, message });
      return;
    }
    firstOffsets.set(id, offset);
    if (this.people === null) return;
    const person = this.people.get(id);
    if (person === undefined) {
      const message = `unknown person ${quoteFileText(id)}; allowed: a person id declared under people${this.suggest(id)}`;
      this.issues.push({ offset, path, message });
    } else if (person.departedLine !== null) {
      const message =
        `person ${quoteFileText(id)} has departed: true (line ${person.departedLine}), ` +
        'so no group can grant them access; remove them from this group';
      this.issues.push({ offset, path, message });
    }
  }

  /**
   * `; did you mean "alice"?` for a near miss of a declared person id. The ids are the file's, any
   * number of them: only the first SUGGESTIONS unknown ids get a suggestion (no more issues are
   * shown), and only from ids within the edit distance closestMatch allows.
   */
  private suggest(id: string): string {
    if (this.people === null || id.length > MAX_SUGGESTED_LENGTH || this.suggestions >= SUGGESTIONS) return '';
    this.suggestions += 1;
    const near = [...this.people.keys()].filter((candidate) => Math.abs(candidate.length - id.length) <= 2);
    return didYouMean(id, near, quoteFileText);
  }

  /** A PlanetScale grant's `teams`: each slug once. */
  private checkTeams(node: ParsedNode | null, path: readonly PathSegment[]): void {
    if (!isSeq<ParsedNode>(node)) return;
    const firstOffsets = new Map<string, number>();
    node.items.forEach((item, index) => {
      const slug = textOf(item);
      if (slug === null) return;
      const first = firstOffsets.get(slug);
      if (first === undefined) {
        firstOffsets.set(slug, item.range[0]);
        return;
      }
      const message = `duplicate team ${quoteFileText(slug)} (first at line ${this.lineOf(first)})`;
      this.issues.push({ offset: item.range[0], path: [...path, index], message });
    });
  }

  /** `expires:` or `until:` written YYYY-MM-DD (else the schema says so) that is not a day of the calendar. */
  private checkDate(node: ParsedNode | null, path: PathSegment[], noun: string): void {
    const text = textOf(node);
    if (node === null || text === null || !ISO_DATE.test(text)) return;
    const problem = dayProblem(text);
    if (problem === null) return;
    const message = `${noun} ${quoteFileText(text)} is not a real day (${problem}); allowed: ${DATE_ALLOWED}`;
    this.issues.push({ offset: node.range[0], path, message });
  }

  /**
   * A departed person's email (Turso invites, PlanetScale organization and team members) or Turso
   * username (Turso members) in the provider sections: the file would both keep and remove them.
   */
  private checkProviderSections(): void {
    for (const [organization, node] of organizationsOf(this.root, 'turso')) {
      const path = ['turso', 'organizations', organization];
      this.checkKeys(
        findPair(node, 'members')?.value ?? null,
        [...path, 'members'],
        this.departedUsernames,
        'Turso username',
      );
      this.checkKeys(findPair(node, 'invites')?.value ?? null, [...path, 'invites'], this.departedEmails, 'email');
    }
    for (const [organization, node] of organizationsOf(this.root, 'planetscale')) {
      const path = ['planetscale', 'organizations', organization];
      this.checkKeys(findPair(node, 'members')?.value ?? null, [...path, 'members'], this.departedEmails, 'email');
      for (const [team, teamNode] of entriesOf(findPair(node, 'teams')?.value ?? null)) {
        const members = findPair(teamNode, 'members')?.value ?? null;
        if (!isSeq<ParsedNode>(members)) continue;
        members.items.forEach((item, index) => {
          const email = textOf(item);
          if (email === null) return;
          const teamPath = [...path, 'teams', team, 'members', index];
          this.checkDeparted(email, item.range[0], teamPath, this.departedEmails, 'email');
        });
      }
    }
  }

  private checkKeys(
    node: ParsedNode | null,
    path: readonly PathSegment[],
    departed: ReadonlyMap<string, DepartedIdentity>,
    noun: string,
  ): void {
    if (!isMap<ParsedNode, ParsedNode | null>(node)) return;
    for (const { key } of pairsOf(node)) {
      const text = keyText(key);
      if (key === null || text === null) continue;
      this.checkDeparted(text, key.range[0], [...path, text], departed, noun);
    }
  }

  private checkDeparted(
    name: string,
    offset: number,
    path: PathSegment[],
    departed: ReadonlyMap<string, DepartedIdentity>,
    noun: string,
  ): void {
    const identity = departed.get(name.toLowerCase());
    if (identity === undefined) return;
    const message =
      `${quoteFileText(name)} is the ${noun} of person ${quoteFileText(identity.person)}, who has departed: true ` +
      `(line ${identity.line}); remove this entry (the departure removes their access)`;
    this.issues.push({ offset, path, message });
  }

  private lineOf(offset: number): number {
    return this.lineCounter.linePos(offset).line;
  }
}

function textOf(node: ParsedNode | null): string | null {
  return isScalar(node) && typeof node.value === 'string' ? node.value : null;
}
