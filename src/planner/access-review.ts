/**
 * Who has access to what, and why: every person (declared under `people:`, named in the provider
 * sections, or only observed) against every organization and team the file declares, with the
 * access the file declares (the provider sections merged with the groups' grants, as the planner
 * resolves them), the reasons, the day the declared grant ends, and what is observed. What `who`
 * and `report` print. Pure: the day comes in the options.
 */
import {
  PROVIDER_NAMES,
  type DesiredState,
  type PlanetScaleOrganizationSpec,
  type PlanetScaleTeamSpec,
  type TursoOrganizationSpec,
} from '../model/desired-state.js';
import type { Observed, ObservedPlanetScaleOrganization, ObservedTursoOrganization } from '../model/observed.js';
import { dayOf, daysUntilExpiry, groupReason, type IsoDate, type Reason } from '../model/people.js';
import { DEFAULT_PLAN_OPTIONS } from '../model/plan.js';
import type { Target } from '../model/providers.js';
import { grantsOf, strongest, type Grant } from './people-grants.js';
import {
  resolvePeople,
  type ResolvedPlanetScaleOrganization,
  type ResolvedPlanetScaleTeam,
  type ResolvedTursoOrganization,
} from './resolve-people.js';
import { spellingIn } from './spellings.js';

/**
 * `ok`: what is observed is what the file declares (or neither grants anything); `expiring`: ok,
 * and the declared grant ends within the warning days; `mismatch`: another role (or an invite
 * where a membership is declared with another role); `undeclared`: access the file does not
 * declare; `missing`: declared access not held; `departed`: a departed person still has access.
 */
export type AccessStatus = 'ok' | 'expiring' | 'mismatch' | 'undeclared' | 'missing' | 'departed';
/** Most pressing first: the order summaries count them in. */
export const ACCESS_STATUSES: readonly AccessStatus[] = [
  'departed',
  'undeclared',
  'mismatch',
  'missing',
  'expiring',
  'ok',
];

/** A membership (with its role), a pending invite (with the role it offers), or nothing. */
export type ObservedAccess = 'member' | 'invited' | 'none';

/** Why the file declares access; `owner` marks a Turso owner, which no file can declare. */
export type AccessReason = Reason | 'owner';

/**
 * The declared role `any`: the file lists the person in a team of a PlanetScale organization whose
 * entry has no `members:`, so it needs them in the organization without saying with which role.
 */
export const ANY_ROLE = 'any';

/** Where a person stands with the file. */
export type Known = 'person' | 'file' | 'unknown';

export interface AccessIdentity {
  /** How output names them: the person id, else the Turso username, else the email. */
  readonly label: string;
  /** The key under `people:`, for declared people. */
  readonly id?: string;
  readonly email?: string;
  /** Turso usernames: the person's `turso`, or the accounts whose email Turso reports as theirs. Sorted. */
  readonly turso: readonly string[];
  /** `person`: under `people:`; `file`: named in the provider sections only; `unknown`: only observed. */
  readonly known: Known;
  readonly departed: boolean;
  /** The person's `expires`. */
  readonly expires?: IsoDate;
}

/** One source of declared access to a scope: the provider sections (`file`) or a group. */
export interface AccessGrant {
  /** Undefined for a PlanetScale team (team membership has no role). */
  readonly role?: string;
  readonly reason: Reason;
  readonly ends?: IsoDate;
}

export interface AccessRow {
  readonly identity: AccessIdentity;
  readonly scope: Target;
  readonly observed: ObservedAccess;
  /** The member's role or the role the invite offers; `member` for a PlanetScale team member. */
  readonly observedRole?: string;
  /** The role the file declares, after the highest grant wins; `member` for a team; ANY_ROLE (see there). */
  readonly declaredRole?: string;
  /** Why it is declared (or, when nothing is, why it must go: `departed`, `expired`; or `owner`). */
  readonly reasons: readonly AccessReason[];
  /** The day the declared role ends (a group's `until`, a person's `expires`), when it does. */
  readonly expiry?: IsoDate;
  readonly status: AccessStatus;
  /** Every declared source of access to this scope, the winning ones first. */
  readonly grants: readonly AccessGrant[];
}

export interface AccessReview {
  /** The day of the review (UTC). */
  readonly asOf: IsoDate;
  readonly expiryWarningDays: number;
  /** Every organization and team the file declares: Turso first, by name, each organization before its teams. */
  readonly scopes: readonly Target[];
  /** Sorted by label. */
  readonly identities: readonly AccessIdentity[];
  /** Rows needing attention first (unknown people first among them), then by person and scope. */
  readonly rows: readonly AccessRow[];
  /** Declared scopes the providers did not find (or the tokens cannot see): observed as empty. */
  readonly notFound: readonly Target[];
}

export interface AccessReviewOptions {
  /** ms since the epoch; the review is of its UTC day. */
  readonly now: number;
  readonly expiryWarningDays: number;
}

export function reviewAccess(desired: DesiredState, observed: Observed, options: AccessReviewOptions): AccessReview {
  const resolution = resolvePeople(desired, observed, { ...DEFAULT_PLAN_OPTIONS, ...options });
  const asOf = dayOf(options.now);
  const identities = collectIdentities(desired, observed);
  const context: RowContext = { asOf, warningDays: options.expiryWarningDays, grants: resolution.active };
  const scopes: Target[] = [];
  const notFound: Target[] = [];
  const rows: AccessRow[] = [];

  for (const [organization, spec] of desired.turso?.organizations ?? []) {
    const scope: Target = { provider: 'turso', organization };
    const resolved = resolution.turso.get(organization);
    const seen = observed.turso.get(organization);
    scopes.push(scope);
    if (!seen) notFound.push(scope);
    if (!resolved) continue;
    for (const identity of identities) rows.push(tursoRow(context, identity, scope, spec, resolved, seen));
  }
  for (const [organization, spec] of desired.planetscale?.organizations ?? []) {
    const scope: Target = { provider: 'planetscale', organization };
    const resolved = resolution.planetscale.get(organization);
    const seen = observed.planetscale.get(organization);
    scopes.push(scope);
    if (!seen) notFound.push(scope);
    if (!resolved) continue;
    for (const identity of identities) rows.push(planetScaleRow(context, identity, scope, spec, resolved, seen));
    for (const [team, teamSpec] of spec.teams) {
      const teamScope: Target = { provider: 'planetscale', organization, team };
      const resolvedTeam = resolved.teams.get(team);
      const seenTeam = seen?.teams.get(team);
      scopes.push(teamScope);
      if (seen && !seenTeam) notFound.push(teamScope);
      if (!resolvedTeam) continue;
      for (const identity of identities) {
        rows.push(teamRow(context, identity, teamScope, teamSpec, resolvedTeam, resolved, seenTeam?.members));
      }
    }
  }
  scopes.sort(byScope);
  notFound.sort(byScope);
  rows.sort((a, b) => attention(a) - attention(b) || byLabel(a.identity, b.identity) || byScope(a.scope, b.scope));
  return { asOf, expiryWarningDays: options.expiryWarningDays, scopes, identities, rows, notFound };
}

/**
 * The identity `query` names: a person id (exactly, then case-insensitively), else an email, else
 * a Turso username (both case-insensitively). Each email and username belongs to one identity.
 */
export function findIdentity(review: AccessReview, query: string): AccessIdentity | undefined {
  const wanted = query.trim().toLowerCase();
  const tests: ((identity: AccessIdentity) => boolean)[] = [
    (identity) => identity.id === query.trim(),
    (identity) => identity.id?.toLowerCase() === wanted,
    (identity) => identity.email?.toLowerCase() === wanted,
    (identity) => identity.turso.some((username) => username.toLowerCase() === wanted),
  ];
  for (const test of tests) {
    const found = review.identities.find(test);
    if (found) return found;
  }
  return undefined;
}

/** The rows of one identity, in scope order. */
export function rowsOf(review: AccessReview, identity: AccessIdentity): AccessRow[] {
  return review.rows.filter((row) => row.identity === identity).sort((a, b) => byScope(a.scope, b.scope));
}

/** Counts per status, every status present (zero included), in ACCESS_STATUSES order. */
export function countStatuses(rows: readonly AccessRow[]): Record<AccessStatus, number> {
  const counts = Object.fromEntries(ACCESS_STATUSES.map((status) => [status, 0])) as Record<AccessStatus, number>;
  for (const row of rows) counts[row.status] += 1;
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Identities

interface MutableIdentity {
  label: string;
  id?: string;
  email?: string;
  turso: string[];
  known: Known;
  departed: boolean;
  expires?: IsoDate;
  /** A declared person with a declared `turso`: other accounts with their email are not theirs. */
  fixedTurso: boolean;
}

/**
 * People first (their accounts: the declared `turso`, else every Turso member reporting their
 * email); then every Turso account and email the provider sections name or the providers report,
 * joined by email where Turso reports one. Accounts named in the provider sections are `file`.
 */
function collectIdentities(desired: DesiredState, observed: Observed): AccessIdentity[] {
  const all: MutableIdentity[] = [];
  const byEmail = new Map<string, MutableIdentity>();
  const byUsername = new Map<string, MutableIdentity>();
  const tursoByEmail = new Map<string, string[]>();
  for (const org of observed.turso.values()) {
    for (const member of org.members.values()) {
      if (member.email === undefined) continue;
      const usernames = tursoByEmail.get(lower(member.email)) ?? [];
      usernames.push(member.username);
      tursoByEmail.set(lower(member.email), usernames);
    }
  }

  for (const [id, person] of desired.people?.people ?? []) {
    const identity: MutableIdentity = {
      label: id,
      id,
      email: person.email,
      turso: [],
      known: 'person',
      departed: person.departed,
      ...(person.expires === undefined ? {} : { expires: person.expires }),
      fixedTurso: person.turso !== undefined,
    };
    all.push(identity);
    byEmail.set(lower(person.email), identity);
    const usernames = person.turso !== undefined ? [person.turso] : (tursoByEmail.get(lower(person.email)) ?? []);
    for (const username of usernames) addUsername(identity, username, byUsername);
  }

  const known = (identity: MutableIdentity, declared: boolean) => {
    if (declared && identity.known === 'unknown') identity.known = 'file';
  };
  const account = (username: string, email: string | undefined, declared: boolean) => {
    let identity = byUsername.get(lower(username));
    if (!identity && email !== undefined) {
      const owner = byEmail.get(lower(email));
      if (owner && !owner.fixedTurso) identity = owner;
    }
    if (!identity) {
      // An email that is a declared person's (whose `turso` names another account) stays theirs.
      const own = email !== undefined && !byEmail.has(lower(email)) ? email : undefined;
      identity = {
        label: username,
        ...(own === undefined ? {} : { email: own }),
        turso: [],
        known: 'unknown',
        departed: false,
        fixedTurso: false,
      };
      all.push(identity);
      if (own !== undefined) byEmail.set(lower(own), identity);
    }
    addUsername(identity, username, byUsername);
    known(identity, declared);
  };
  const emailAccount = (email: string, declared: boolean) => {
    let identity = byEmail.get(lower(email));
    if (!identity) {
      identity = { label: email, email, turso: [], known: 'unknown', departed: false, fixedTurso: false };
      all.push(identity);
      byEmail.set(lower(email), identity);
    }
    known(identity, declared);
  };

  // Declared accounts first, so that an account's spelling in the file is the one shown.
  for (const [organization, spec] of desired.turso?.organizations ?? []) {
    const seen = observed.turso.get(organization);
    for (const username of spec.members.keys()) {
      account(username, seen?.members.get(lower(username))?.email, true);
    }
  }
  for (const org of observed.turso.values()) {
    for (const member of org.members.values()) account(member.username, member.email, false);
  }
  for (const spec of desired.turso?.organizations.values() ?? []) {
    for (const email of spec.invites?.keys() ?? []) emailAccount(email, true);
  }
  for (const spec of desired.planetscale?.organizations.values() ?? []) {
    for (const email of spec.members?.keys() ?? []) emailAccount(email, true);
    for (const team of spec.teams.values()) for (const email of team.members) emailAccount(email, true);
  }
  for (const org of observed.turso.values()) {
    for (const invite of org.invites?.values() ?? []) emailAccount(invite.email, false);
  }
  for (const org of observed.planetscale.values()) {
    for (const member of org.membersByEmail.values()) emailAccount(member.email, false);
    for (const invitation of org.invitations?.values() ?? []) emailAccount(invitation.email, false);
    for (const team of org.teams.values())
      for (const member of team.members.values()) emailAccount(member.email, false);
  }

  return all
    .map((identity): AccessIdentity => {
      const turso = [...identity.turso].sort(byText);
      return {
        label: identity.id ?? turso[0] ?? identity.email ?? identity.label,
        ...(identity.id === undefined ? {} : { id: identity.id }),
        ...(identity.email === undefined ? {} : { email: identity.email }),
        turso,
        known: identity.known,
        departed: identity.departed,
        ...(identity.expires === undefined ? {} : { expires: identity.expires }),
      };
    })
    .sort(byLabel);
}

function addUsername(identity: MutableIdentity, username: string, byUsername: Map<string, MutableIdentity>): void {
  if (byUsername.has(lower(username))) return;
  byUsername.set(lower(username), identity);
  identity.turso.push(username);
}

// ---------------------------------------------------------------------------------------------
// Rows

interface RowContext {
  readonly asOf: IsoDate;
  readonly warningDays: number;
  /** The grants that hold on the day, by person. */
  readonly grants: ReadonlyMap<string, readonly Grant[]>;
}

interface Declared {
  readonly role?: string;
  /** Declared as a pending invite (a Turso person without an account, or `invites:`). */
  readonly asInvite: boolean;
  readonly reasons: readonly AccessReason[];
}

interface Seen {
  readonly observed: ObservedAccess;
  readonly role?: string;
}

function tursoRow(
  context: RowContext,
  identity: AccessIdentity,
  scope: Target,
  spec: TursoOrganizationSpec,
  resolved: ResolvedTursoOrganization,
  seen: ObservedTursoOrganization | undefined,
): AccessRow {
  const usernames = identity.turso.map(lower);
  const email = identity.email === undefined ? undefined : lower(identity.email);
  const declaredMember = findEntry(resolved.members, usernames);
  const declaredInvite = email === undefined ? undefined : findEntry(resolved.invites, [email]);
  const accountKeys = [...usernames, ...(email === undefined ? [] : [email])];
  let declared: Declared;
  if (declaredMember !== undefined) {
    const [key, role] = declaredMember;
    declared = { role, asInvite: false, reasons: resolved.because.get(lower(key)) ?? [] };
  } else if (declaredInvite !== undefined) {
    const [key, role] = declaredInvite;
    declared = { role, asInvite: true, reasons: resolved.because.get(lower(key)) ?? [] };
  } else {
    declared = { asInvite: false, reasons: firstOf(accountKeys.map((key) => resolved.revoke.get(key))) };
  }

  const member = usernames.map((username) => seen?.members.get(username)).find((m) => m !== undefined);
  const invite = email === undefined ? undefined : seen?.invites?.get(email);
  const observed: Seen = member
    ? { observed: 'member', role: member.role }
    : invite
      ? { observed: 'invited', role: invite.role }
      : { observed: 'none' };
  if (declared.role === undefined && member?.role === 'owner') declared = { ...declared, reasons: ['owner'] };

  const fileRole = (findEntry(spec.members, usernames) ??
    (email === undefined ? undefined : findEntry(spec.invites, [email])))?.[1];
  // A pending invite holds what is declared only where an invite is what the file declares.
  return row(context, identity, scope, declared, observed, fileRole, declared.asInvite);
}

function planetScaleRow(
  context: RowContext,
  identity: AccessIdentity,
  scope: Target,
  spec: PlanetScaleOrganizationSpec,
  resolved: ResolvedPlanetScaleOrganization,
  seen: ObservedPlanetScaleOrganization | undefined,
): AccessRow {
  const email = identity.email === undefined ? undefined : lower(identity.email);
  let declared: Declared = { asInvite: false, reasons: [] };
  let observed: Seen = { observed: 'none' };
  let file: string | undefined;
  if (email !== undefined) {
    const member = findEntry(resolved.members, [email]);
    if (member !== undefined) {
      declared = { role: member[1], asInvite: false, reasons: resolved.because.get(email) ?? [] };
    } else if (resolved.members === undefined && [...resolved.teams.values()].some((team) => lists(team, email))) {
      const reasons = [...resolved.teams.values()].flatMap((team) =>
        lists(team, email) ? teamReasons(team, email) : [],
      );
      declared = { role: ANY_ROLE, asInvite: false, reasons: [...new Set(reasons)] };
    } else {
      declared = { asInvite: false, reasons: resolved.revoke.get(email)?.because ?? [] };
    }
    const current = seen?.membersByEmail.get(email);
    const invitation = seen?.invitations?.get(email);
    observed = current
      ? { observed: 'member', role: current.role }
      : invitation
        ? { observed: 'invited', role: invitation.role }
        : { observed: 'none' };
    file = findEntry(spec.members, [email])?.[1];
  }
  return row(context, identity, scope, declared, observed, file, true);
}

function teamRow(
  context: RowContext,
  identity: AccessIdentity,
  scope: Target,
  spec: PlanetScaleTeamSpec,
  resolved: ResolvedPlanetScaleTeam,
  organization: ResolvedPlanetScaleOrganization,
  seen: ReadonlyMap<string, { readonly email: string }> | undefined,
): AccessRow {
  const email = identity.email === undefined ? undefined : lower(identity.email);
  if (email === undefined) return row(context, identity, scope, { asInvite: false, reasons: [] }, { observed: 'none' });
  const declared: Declared = lists(resolved, email)
    ? { role: 'member', asInvite: false, reasons: teamReasons(resolved, email) }
    : {
        asInvite: false,
        reasons: resolved.revoke.get(email) ?? organization.revoke.get(email)?.because ?? [],
      };
  const isMember = seen !== undefined && emailsOf(seen).has(email);
  const file = lowerSet(spec.members).has(email) ? 'member' : undefined;
  return row(
    context,
    identity,
    scope,
    declared,
    isMember ? { observed: 'member', role: 'member' } : { observed: 'none' },
    file,
  );
}

/** The row, its grants (the provider sections' `fileRole`, then the groups'), expiry and status. */
function row(
  context: RowContext,
  identity: AccessIdentity,
  scope: Target,
  resolved: Declared,
  observed: Seen,
  fileRole?: string,
  invitationSatisfies = false,
): AccessRow {
  let declared = resolved;
  const isTeam = scope.team !== undefined;
  const groupGrants = identity.id === undefined ? [] : grantsOf(context.grants, identity.id, scope);
  const grants: AccessGrant[] = [
    ...(fileRole === undefined ? [] : [{ ...(isTeam ? {} : { role: fileRole }), reason: 'file' as const }]),
    ...groupGrants.map((grant) => ({
      ...(grant.role === undefined ? {} : { role: grant.role }),
      reason: groupReason(grant.group),
      ...(grant.ends === undefined ? {} : { ends: grant.ends }),
    })),
  ];
  // A file without `people:` resolves to its provider sections, with no reasons recorded: all `file`.
  if (declared.role !== undefined && declared.reasons.length === 0 && fileRole !== undefined) {
    declared = { ...declared, reasons: ['file'] };
  }
  const winning = new Set(declared.reasons);
  grants.sort((a, b) => Number(winning.has(b.reason)) - Number(winning.has(a.reason)));
  const expiry = expiryOf(declared, groupGrants);
  const status = statusOf(context, identity, declared, observed, expiry, invitationSatisfies);
  return {
    identity,
    scope,
    observed: observed.observed,
    ...(observed.role === undefined ? {} : { observedRole: observed.role }),
    ...(declared.role === undefined ? {} : { declaredRole: declared.role }),
    reasons: declared.reasons,
    ...(expiry === undefined ? {} : { expiry }),
    status,
    grants,
  };
}

/**
 * The day the declared role ends: never when the provider sections declare it (`file`), else the
 * end of the strongest group grants, when all of them end.
 */
function expiryOf(declared: Declared, groupGrants: readonly Grant[]): IsoDate | undefined {
  if (declared.role === undefined || declared.reasons.includes('file')) return undefined;
  const best = strongest(groupGrants);
  if (best === undefined) return undefined;
  const sameRole = best.role === declared.role || (best.role === undefined && declared.role === 'member');
  return sameRole ? best.ends : undefined;
}

function statusOf(
  context: RowContext,
  identity: AccessIdentity,
  declared: Declared,
  observed: Seen,
  expiry: IsoDate | undefined,
  invitationSatisfies: boolean,
): AccessStatus {
  const holds = observed.observed !== 'none';
  if (identity.departed) return holds ? 'departed' : 'ok';
  if (declared.role === undefined) {
    if (!holds || declared.reasons.includes('owner')) return 'ok';
    return 'undeclared';
  }
  if (declared.role === ANY_ROLE) return observed.observed === 'member' ? 'ok' : 'missing';
  if (!holds) return 'missing';
  if (observed.observed === 'invited' && !invitationSatisfies) return 'missing';
  if (observed.role !== declared.role) return 'mismatch';
  if (expiry !== undefined && daysUntilExpiry(context.asOf, expiry, context.warningDays) !== undefined) {
    return 'expiring';
  }
  return 'ok';
}

function lists(team: ResolvedPlanetScaleTeam, email: string): boolean {
  return lowerSet(team.members).has(email);
}

function teamReasons(team: ResolvedPlanetScaleTeam, email: string): readonly Reason[] {
  return team.because.get(email) ?? ['file'];
}

function firstOf(lists: readonly (readonly Reason[] | undefined)[]): readonly Reason[] {
  return lists.find((list) => list !== undefined) ?? [];
}

// Every row looks its person up in the same lists: each list's lower-cased set is made once.
const lowered = new WeakMap<object, ReadonlySet<string>>();

function lowerSet(list: readonly string[]): ReadonlySet<string> {
  let set = lowered.get(list);
  if (set === undefined) {
    set = new Set(list.map(lower));
    lowered.set(list, set);
  }
  return set;
}

/** The lower-cased emails of a team's observed members. */
function emailsOf(members: ReadonlyMap<string, { readonly email: string }>): ReadonlySet<string> {
  let set = lowered.get(members);
  if (set === undefined) {
    set = new Set([...members.values()].map((member) => lower(member.email)));
    lowered.set(members, set);
  }
  return set;
}

/** The entry whose key is one of `keys` (lower-cased), compared case-insensitively: the first key's first. */
function findEntry<V>(map: ReadonlyMap<string, V> | undefined, keys: readonly string[]): [string, V] | undefined {
  if (map === undefined) return undefined;
  for (const wanted of keys) {
    const key = spellingIn(map, wanted);
    const value = key === undefined ? undefined : map.get(key);
    if (key !== undefined && value !== undefined) return [key, value];
  }
  return undefined;
}

/** 0: needs attention, unknown people first; 1: needs attention; 2: ok. */
function attention(row: AccessRow): number {
  if (row.status === 'ok') return 2;
  return row.identity.known === 'unknown' ? 0 : 1;
}

/** In the providers' order (Turso first), then by organization, each before its teams, teams by slug. */
function byScope(a: Target, b: Target): number {
  const provider = (scope: Target) => PROVIDER_NAMES.indexOf(scope.provider);
  return (
    provider(a) - provider(b) ||
    byText(a.organization, b.organization) ||
    (a.team === undefined ? -1 : 0) - (b.team === undefined ? -1 : 0) ||
    byText(a.team ?? '', b.team ?? '')
  );
}

function byLabel(a: { readonly label: string }, b: { readonly label: string }): number {
  return byText(lower(a.label), lower(b.label)) || byText(a.label, b.label);
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function lower(text: string): string {
  return text.toLowerCase();
}
