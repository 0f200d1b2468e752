/**
 * What the groups grant each person, scope by scope, on a given day: the person form's meaning
 * without any provider state. The planner merges it with the provider sections and what is
 * observed; `who` and `report` read it as it is. Pure.
 */
import { daysBetween, groupReason, type IsoDate, type PeopleSpec, type Reason } from '../model/people.js';
import type { Target } from '../model/providers.js';
import { roleRank } from '../model/plan.js';

/** One group's grant of one scope to one person. A PlanetScale team grant has no role. */
export interface Grant {
  readonly person: string;
  readonly group: string;
  readonly scope: Target;
  readonly role?: string;
  /** The day the grant ends: the earlier of the membership's `until` and the person's `expires`. */
  readonly ends?: IsoDate;
}

export interface PeopleGrants {
  /** Grants that hold on the day, in the file's order (groups, then their members, then scopes). */
  readonly active: readonly Grant[];
  /** Grants that ended on or before the day. */
  readonly ended: readonly Grant[];
}

/** The strongest of a person's grants of one scope: the role, every group granting it, and when it ends. */
export interface Strongest {
  readonly role?: string;
  readonly because: readonly Reason[];
  /** Undefined when any grant of that role has no end; else the latest end among them. */
  readonly ends?: IsoDate;
}

/**
 * Departed people hold no grant (the reader refuses them in groups; this keeps the rule local too).
 * A grant holds while `asOf` is before its end: on the end day itself it has ended.
 */
export function peopleGrants(spec: PeopleSpec, asOf: IsoDate): PeopleGrants {
  const active: Grant[] = [];
  const ended: Grant[] = [];
  for (const [group, definition] of spec.groups) {
    for (const membership of definition.members) {
      const person = spec.people.get(membership.person);
      if (person === undefined || person.departed) continue;
      const ends = earlier(membership.until, person.expires);
      const into = ends !== undefined && daysBetween(asOf, ends) <= 0 ? ended : active;
      const grant = (scope: Target, role?: string): Grant => ({
        person: membership.person,
        group,
        scope,
        ...(role === undefined ? {} : { role }),
        ...(ends === undefined ? {} : { ends }),
      });
      for (const [organization, role] of definition.turso) {
        into.push(grant({ provider: 'turso', organization }, role));
      }
      for (const [organization, { role, teams }] of definition.planetscale) {
        into.push(grant({ provider: 'planetscale', organization }, role));
        for (const team of teams) into.push(grant({ provider: 'planetscale', organization, team }));
      }
    }
  }
  return { active, ended };
}

/** The grants of `person` in exactly `scope` (a team scope matches its team only). */
export function grantsIn(grants: readonly Grant[], person: string, scope: Target): Grant[] {
  return grants.filter((grant) => grant.person === person && sameScope(grant.scope, scope));
}

/** Grants indexed by person id: looked up per person and scope, not searched among everyone's. */
export function byPerson(grants: readonly Grant[]): Map<string, Grant[]> {
  const index = new Map<string, Grant[]>();
  for (const grant of grants) {
    const held = index.get(grant.person);
    if (held === undefined) index.set(grant.person, [grant]);
    else held.push(grant);
  }
  return index;
}

/** The grants of `person` in exactly `scope`, from an index made by byPerson. */
export function grantsOf(index: ReadonlyMap<string, readonly Grant[]>, person: string, scope: Target): Grant[] {
  return grantsIn(index.get(person) ?? [], person, scope);
}

export function sameScope(a: Target, b: Target): boolean {
  return a.provider === b.provider && a.organization === b.organization && a.team === b.team;
}

/** Undefined for no grants. Highest role wins (model/plan.ts roleRank); ties list every group. */
export function strongest(grants: readonly Grant[]): Strongest | undefined {
  const [first] = grants;
  if (first === undefined) return undefined;
  const rank = (grant: Grant) => (grant.role === undefined ? 0 : roleRank(grant.role));
  const top = Math.max(...grants.map(rank));
  const winning = grants.filter((grant) => rank(grant) === top);
  const role = winning[0]?.role;
  const because = [...new Set(winning.map((grant) => groupReason(grant.group)))];
  const ends = winning.some((grant) => grant.ends === undefined)
    ? undefined
    : winning.map((grant) => grant.ends ?? '').reduce((a, b) => (a > b ? a : b));
  return { ...(role === undefined ? {} : { role }), because, ...(ends === undefined ? {} : { ends }) };
}

function earlier(a: IsoDate | undefined, b: IsoDate | undefined): IsoDate | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}
