/**
 * The person form, resolved against what is observed: each organization's and team's declarations
 * with the groups' grants merged in (highest role wins), why each is declared, and which accounts
 * must go whatever `prune` says (departed people, grants that ended). A Turso account is the
 * person's `turso` username, else the member whose email Turso reports as the person's, else an
 * invite by email. A file without `people:` resolves to its own provider sections. Pure.
 */
import type {
  DesiredState,
  PlanetScaleOrganizationSpec,
  PlanetScaleTeamSpec,
  TursoOrganizationSpec,
  TursoRole,
} from '../model/desired-state.js';
import type { ObservedPlanetScaleOrganization, ObservedTursoOrganization } from '../model/observed.js';
import {
  dayOf,
  daysUntilExpiry,
  groupOf,
  type IsoDate,
  type PeopleSpec,
  type Person,
  type Reason,
} from '../model/people.js';
import { roleRank, type PlanNotice, type PlanOptions } from '../model/plan.js';
import type { Observed } from '../model/observed.js';
import type { Target } from '../model/providers.js';
import { formatScope } from '../model/scope.js';
import { byPerson, grantsOf, peopleGrants, strongest, type Grant } from './people-grants.js';
import { spellingIn, spellingsOf } from './spellings.js';

/** Keys are lower-cased usernames and emails: both name one Turso account. */
export interface ResolvedTursoOrganization extends TursoOrganizationSpec {
  /** Why each declared member or invite is declared. */
  readonly because: ReadonlyMap<string, readonly Reason[]>;
  /** Members and invites removed whatever `prune` says, and why. */
  readonly revoke: ReadonlyMap<string, readonly Reason[]>;
}

/** Keys are lower-cased emails. */
export interface ResolvedPlanetScaleTeam extends PlanetScaleTeamSpec {
  readonly because: ReadonlyMap<string, readonly Reason[]>;
  readonly revoke: ReadonlyMap<string, readonly Reason[]>;
}

export interface PlanetScaleRevocation {
  readonly because: readonly Reason[];
  /** The person's `revoke_credentials: true`. */
  readonly revokeCredentials: boolean;
}

/** Keys are lower-cased emails. */
export interface ResolvedPlanetScaleOrganization extends Omit<PlanetScaleOrganizationSpec, 'teams'> {
  readonly teams: ReadonlyMap<string, ResolvedPlanetScaleTeam>;
  readonly because: ReadonlyMap<string, readonly Reason[]>;
  /** Organization members removed and invitations cancelled whatever `prune` says. */
  readonly revoke: ReadonlyMap<string, PlanetScaleRevocation>;
}

export interface Resolution {
  /** The file declares `people:`: every change says why. */
  readonly explain: boolean;
  readonly turso: ReadonlyMap<string, ResolvedTursoOrganization>;
  readonly planetscale: ReadonlyMap<string, ResolvedPlanetScaleOrganization>;
  /** `expiring` notices. */
  readonly notices: readonly PlanNotice[];
  /** The grants that hold on the day, by person id (none for a file without people). */
  readonly active: ReadonlyMap<string, readonly Grant[]>;
}

const NO_REASONS: ReadonlyMap<string, never> = new Map<string, never>();

export function resolvePeople(desired: DesiredState, observed: Observed, options: PlanOptions): Resolution {
  const people = desired.people;
  const turso = new Map<string, ResolvedTursoOrganization>();
  const planetscale = new Map<string, ResolvedPlanetScaleOrganization>();
  const notices: PlanNotice[] = [];
  if (people === undefined) {
    for (const [organization, spec] of desired.turso?.organizations ?? []) {
      turso.set(organization, { ...spec, because: NO_REASONS, revoke: NO_REASONS });
    }
    for (const [organization, spec] of desired.planetscale?.organizations ?? []) {
      const teams = new Map(
        [...spec.teams].map(([slug, team]) => [slug, { ...team, because: NO_REASONS, revoke: NO_REASONS }] as const),
      );
      planetscale.set(organization, { ...spec, teams, because: NO_REASONS, revoke: NO_REASONS });
    }
    return { explain: false, turso, planetscale, notices, active: new Map() };
  }
  const asOf = dayOf(options.now);
  const grants = peopleGrants(people, asOf);
  const context: Context = {
    people,
    active: byPerson(grants.active),
    ended: byPerson(grants.ended),
    asOf,
    options,
    notices,
  };
  for (const [organization, spec] of desired.turso?.organizations ?? []) {
    turso.set(organization, resolveTurso(context, organization, spec, observed.turso.get(organization)));
  }
  for (const [organization, spec] of desired.planetscale?.organizations ?? []) {
    planetscale.set(
      organization,
      resolvePlanetScale(context, organization, spec, observed.planetscale.get(organization)),
    );
  }
  return { explain: true, turso, planetscale, notices, active: context.active };
}

interface Context {
  readonly people: PeopleSpec;
  /** Grants by person id: each person's are looked up per scope, so not searched among everyone's. */
  readonly active: ReadonlyMap<string, readonly Grant[]>;
  readonly ended: ReadonlyMap<string, readonly Grant[]>;
  readonly asOf: IsoDate;
  readonly options: PlanOptions;
  readonly notices: PlanNotice[];
}

function resolveTurso(
  context: Context,
  organization: string,
  spec: TursoOrganizationSpec,
  observed: ObservedTursoOrganization | undefined,
): ResolvedTursoOrganization {
  const scope: Target = { provider: 'turso', organization };
  const members = new Map(spec.members);
  const invites = new Map(spec.invites ?? []);
  const because = fileReasons([...members.keys(), ...invites.keys()]);
  const revoke = new Map<string, Reason[]>();
  const byEmail = new Map(
    [...(observed?.members.values() ?? [])].flatMap((m) =>
      m.email === undefined ? [] : [[m.email.toLowerCase(), m] as const],
    ),
  );
  for (const [id, person] of context.people.people) {
    const matched = person.turso === undefined ? byEmail.get(person.email.toLowerCase()) : undefined;
    const username = person.turso ?? matched?.username;
    const accountKeys = [person.email, ...(username === undefined ? [] : [username])].map(lower);
    if (person.departed) {
      for (const key of accountKeys) revoke.set(key, ['departed']);
      continue;
    }
    // A Turso account is a member by username; without one, the person is an invite by email.
    const account = username ?? person.email;
    const list = username === undefined ? invites : members;
    const active = grantsOf(context.active, id, scope);
    const best = strongest(active);
    if (best?.role !== undefined) grant(list, because, account, best.role as TursoRole, best.because);
    if (grantsOf(context.ended, id, scope).length > 0) {
      const key = lower(account);
      const declared = list.get(spellingIn(list, key) ?? '');
      const current = username === undefined ? undefined : observed?.members.get(lower(username))?.role;
      if (declared === undefined) for (const accountKey of accountKeys) revoke.set(accountKey, ['expired']);
      else markExpiredDemotion(because, key, declared, current);
    }
    noteExpiring(context, id, person, account, scope, active);
  }
  return {
    ...spec,
    members,
    ...(spec.invites === undefined && invites.size === 0 ? {} : { invites }),
    because,
    revoke,
  };
}

function resolvePlanetScale(
  context: Context,
  organization: string,
  spec: PlanetScaleOrganizationSpec,
  observed: ObservedPlanetScaleOrganization | undefined,
): ResolvedPlanetScaleOrganization {
  const orgScope: Target = { provider: 'planetscale', organization };
  let members = spec.members === undefined ? undefined : new Map(spec.members);
  const because = fileReasons([...(members?.keys() ?? [])]);
  const revoke = new Map<string, PlanetScaleRevocation>();
  const teams = new Map(
    [...spec.teams].map(([slug, team]) => {
      const resolved = {
        ...team,
        members: [...team.members],
        because: fileReasons(team.members),
        revoke: new Map<string, readonly Reason[]>(),
      };
      return [slug, resolved] as const;
    }),
  );
  // Each team's emails, lower-cased: looked up once per person and team.
  const onTeam = new Map([...teams].map(([slug, team]) => [slug, new Set(team.members.map(lower))] as const));
  const orgLevel = spec.teamsOnly !== true;
  for (const [id, person] of context.people.people) {
    const key = lower(person.email);
    if (person.departed) {
      const because: Reason[] = ['departed'];
      if (orgLevel) revoke.set(key, { because, revokeCredentials: person.revokeCredentials });
      // Narrowed to teams: off those teams, the organization is left to a run that targets it.
      else for (const team of teams.values()) team.revoke.set(key, because);
      continue;
    }
    const active = grantsOf(context.active, id, orgScope);
    const best = strongest(active);
    if (orgLevel && best?.role !== undefined) {
      members ??= new Map();
      grant(members, because, person.email, best.role, best.because);
    }
    if (orgLevel) noteExpiring(context, id, person, person.email, orgScope, active);
    for (const [slug, team] of teams) {
      const teamScope: Target = { provider: 'planetscale', organization, team: slug };
      const teamActive = grantsOf(context.active, id, teamScope);
      const teamBest = strongest(teamActive);
      const listed = onTeam.get(slug)?.has(key) === true;
      if (teamBest !== undefined) {
        if (!listed) {
          team.members.push(person.email);
          onTeam.get(slug)?.add(key);
        }
        team.because.set(key, listed ? union(team.because.get(key) ?? [], teamBest.because) : [...teamBest.because]);
      } else if (!listed && grantsOf(context.ended, id, teamScope).length > 0) {
        team.revoke.set(key, ['expired']);
      }
      noteExpiring(context, id, person, person.email, teamScope, teamActive);
    }
    if (!orgLevel || grantsOf(context.ended, id, orgScope).length === 0) continue;
    const declared = members?.get(spellingIn(members, key) ?? '');
    const inTeams = [...onTeam.values()].some((emails) => emails.has(key));
    const current = observed?.membersByEmail.get(key)?.role;
    if (declared !== undefined) markExpiredDemotion(because, key, declared, current);
    else if (!inTeams) revoke.set(key, { because: ['expired'], revokeCredentials: person.revokeCredentials });
  }
  return { ...spec, ...(members === undefined ? {} : { members }), teams, because, revoke };
}

/** A grant that ended and leaves a lower role than held today: the role change says `expired` first. */
function markExpiredDemotion(
  because: Map<string, readonly Reason[]>,
  key: string,
  declared: string,
  current: string | undefined,
): void {
  if (current !== undefined && roleRank(current) > roleRank(declared)) {
    because.set(key, ['expired', ...(because.get(key) ?? [])]);
  }
}

/**
 * Grants `role` to `account` unless the list already holds a higher one (case-insensitively, in
 * the spelling already there); an equal role adds the reasons.
 */
function grant<R extends string>(
  list: Map<string, R>,
  because: Map<string, readonly Reason[]>,
  account: string,
  role: R,
  reasons: readonly Reason[],
): void {
  const key = lower(account);
  const spellings = spellingsOf(list);
  const existing = spellings.get(key);
  const current = existing === undefined ? undefined : list.get(existing);
  if (existing === undefined || current === undefined || roleRank(role) > roleRank(current)) {
    list.set(existing ?? account, role);
    spellings.set(key, existing ?? account);
    because.set(key, [...reasons]);
  } else if (roleRank(role) === roleRank(current)) {
    because.set(key, union(because.get(key) ?? [], reasons));
  }
}

/** `expiring`: a grant of this scope ends within --expiry-warning-days, and what remains after it. */
function noteExpiring(
  context: Context,
  id: string,
  person: Person,
  member: string,
  scope: Target,
  active: readonly Grant[],
): void {
  const ends = [...new Set(active.flatMap((g) => (g.ends === undefined ? [] : [g.ends])))].sort();
  for (const date of ends) {
    const days = daysUntilExpiry(context.asOf, date, context.options.expiryWarningDays);
    if (days === undefined) continue;
    const ending = active.filter((g) => g.ends === date);
    const after = strongest(active.filter((g) => g.ends === undefined || g.ends > date));
    const what = ending[0]?.role ?? 'team membership';
    const groups = [...new Set(ending.map((g) => g.group))].join(', ');
    const then =
      after === undefined
        ? 'then it is removed unless the provider sections grant it'
        : `then ${after.role ?? 'team membership'} through ${after.because.flatMap((reason) => groupOf(reason) ?? []).join(', ')}`;
    const expiresNote = person.expires === date ? ' (the person expires)' : '';
    context.notices.push({
      kind: 'expiring',
      provider: scope.provider,
      organization: scope.organization,
      ...(scope.team === undefined ? {} : { team: scope.team }),
      member,
      message: `${id}: ${what} on ${formatScope(scope)} through ${groups} ends on ${date}${expiresNote}, in ${days} ${days === 1 ? 'day' : 'days'}; ${then}`,
    });
  }
}

function fileReasons(accounts: readonly string[]): Map<string, readonly Reason[]> {
  return new Map(accounts.map((account) => [lower(account), ['file']]));
}

function union(a: readonly Reason[], b: readonly Reason[]): Reason[] {
  return [...new Set([...a, ...b])];
}

function lower(text: string): string {
  return text.toLowerCase();
}
