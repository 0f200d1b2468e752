/**
 * The person form of the file: people declared once, granted access through groups. The config
 * reader builds these; the planner turns them into memberships per organization and team once the
 * providers are observed (a Turso account is found by the email Turso reports).
 */
import type { TursoRole } from './roles.js';

/** A calendar day, `YYYY-MM-DD`, read as UTC: a grant that ends on it holds through the day before. */
export type IsoDate = string;

export interface Person {
  /** The PlanetScale identity, and the Turso one when Turso reports the same email for the account. */
  readonly email: string;
  /** The Turso username, when the email does not match or to be explicit. */
  readonly turso?: string;
  /** Removed from every organization the file declares, whatever `prune` says. */
  readonly departed: boolean;
  /** Every grant of this person ends on this day. */
  readonly expires?: IsoDate;
  /** PlanetScale organization removals of this person also delete their passwords and service tokens. */
  readonly revokeCredentials: boolean;
}

export interface GroupMembership {
  /** A key of `people`. */
  readonly person: string;
  /** This person's grant through this group ends on this day. */
  readonly until?: IsoDate;
}

export interface PlanetScaleGroupGrant {
  /** The organization role the group grants (`member` when the file leaves it out). */
  readonly role: string;
  /** Team slugs the group's members belong to. */
  readonly teams: readonly string[];
}

export interface Group {
  readonly members: readonly GroupMembership[];
  /** Turso organization slug -> role. */
  readonly turso: ReadonlyMap<string, TursoRole>;
  /** PlanetScale organization name -> organization role and teams. */
  readonly planetscale: ReadonlyMap<string, PlanetScaleGroupGrant>;
}

export interface PeopleSpec {
  /** person id -> person, in the file's order. */
  readonly people: ReadonlyMap<string, Person>;
  /** group name -> group, in the file's order. */
  readonly groups: ReadonlyMap<string, Group>;
}

/**
 * Why a change is in the plan: a group's grant, the provider sections (`file`), `prune: true`,
 * a person's `departed: true`, or a grant that ended (`expired`).
 */
export type Reason = `group:${string}` | 'file' | 'prune' | 'departed' | 'expired';

const GROUP = 'group:';

export function groupReason(group: string): Reason {
  return `${GROUP}${group}`;
}

/** The group a reason names, or undefined for `file`, `prune`, `departed` and `expired`. */
export function groupOf(reason: string): string | undefined {
  return reason.startsWith(GROUP) ? reason.slice(GROUP.length) : undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An IsoDate's shape (membership.schema.json's date pattern; a test holds the two equal): the
 * shape only, `dayProblem` checks the day exists.
 */
export const ISO_DATE = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Why a date matching ISO_DATE is not a day of the calendar (`February 2026 has 28 days`), or null. */
export function dayProblem(date: string): string | null {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const last = new Date(Date.UTC(2000, month, 0));
  last.setUTCFullYear(year, month, 0);
  const days = last.getUTCDate();
  return day <= days ? null : `${MONTHS[month - 1] ?? 'that month'} ${year} has ${days} days`;
}

/** The UTC day a timestamp (ms since the epoch) falls on. */
export function dayOf(now: number): IsoDate {
  return new Date(now).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). Both are valid IsoDates. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * Days until a grant ending on `ends` is gone, when that is within `warningDays` of `asOf` (and it
 * has not ended yet): what makes a plan's `expiring` note and the access review's `expiring` status.
 */
export function daysUntilExpiry(asOf: IsoDate, ends: IsoDate, warningDays: number): number | undefined {
  const days = daysBetween(asOf, ends);
  return days > 0 && days <= warningDays ? days : undefined;
}
