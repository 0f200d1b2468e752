import { isMap, isSeq, type ParsedNode } from 'yaml';
import type {
  DesiredState,
  PlanetScaleOrganizationSpec,
  PlanetScaleTeamSpec,
  TursoOrganizationSpec,
  TursoRole,
} from '../model/desired-state.js';
import type { Group, GroupMembership, PeopleSpec, Person, PlanetScaleGroupGrant } from '../model/people.js';
import { mapOf, scalarText as text, switchOf } from './checked-nodes.js';
import { findPair } from './key-text.js';

type TursoSection = NonNullable<DesiredState['turso']>;
type PlanetScaleSection = NonNullable<DesiredState['planetscale']>;

/** The role a PlanetScale grant gives when the file leaves `role:` out. */
const DEFAULT_PLANETSCALE_ROLE = 'member';

/**
 * `people:` and `groups:` of a document that passed every check, as the model's PeopleSpec (Maps
 * in file order). `people` is the value of `people:`; `groups` that of `groups:`, or null without it.
 */
export function peopleSpec(people: ParsedNode | null, groups: ParsedNode | null): PeopleSpec {
  return {
    people: mapOf(people, person),
    groups: groups === null ? new Map<string, Group>() : mapOf(groups, group),
  };
}

/**
 * The Turso section with every organization a group grants, the ones the file does not declare
 * added as declaring no one (no members, prune false, invites not managed). Declared ones are kept
 * as written. Undefined when there was no section and no group grants anything on Turso.
 */
export function withTursoGrants(section: TursoSection | undefined, spec: PeopleSpec): TursoSection | undefined {
  const granted = [...spec.groups.values()].flatMap((grant) => [...grant.turso.keys()]);
  if (granted.length === 0) return section;
  const organizations = new Map<string, TursoOrganizationSpec>(section?.organizations ?? []);
  for (const organization of granted) {
    if (!organizations.has(organization)) organizations.set(organization, { members: new Map(), prune: false });
  }
  return { organizations };
}

/**
 * The PlanetScale section with every organization and team a group grants. An organization the file
 * does not declare is added with the granted teams, each declaring no one with prune false, and
 * `members` declaring no one; a declared one gets the granted teams it lacks, and `members` declaring
 * no one when it had no `members:`. What the file declares is kept as written.
 */
export function withPlanetScaleGrants(
  section: PlanetScaleSection | undefined,
  spec: PeopleSpec,
): PlanetScaleSection | undefined {
  const granted = [...spec.groups.values()].flatMap((grant) => [...grant.planetscale]);
  if (granted.length === 0) return section;
  const organizations = new Map<string, PlanetScaleOrganizationSpec>(section?.organizations ?? []);
  // The teams of each granted organization, copied once however many groups grant it.
  const grantedTeams = new Map<string, Map<string, PlanetScaleTeamSpec>>();
  for (const [organization, grant] of granted) {
    let teams = grantedTeams.get(organization);
    if (teams === undefined) {
      const declared = organizations.get(organization);
      teams = new Map(declared?.teams ?? []);
      grantedTeams.set(organization, teams);
      const members = declared?.members ?? new Map<string, string>();
      organizations.set(organization, { teams, members, prune: declared?.prune ?? false });
    }
    for (const team of grant.teams) if (!teams.has(team)) teams.set(team, { members: [], prune: false });
  }
  return { organizations };
}

function person(node: ParsedNode | null): Person {
  const turso = findPair(node, 'turso');
  const expires = findPair(node, 'expires');
  return {
    email: text(findPair(node, 'email')?.value ?? null),
    ...(turso === undefined ? {} : { turso: text(turso.value) }),
    departed: switchOf(node, 'departed'),
    ...(expires === undefined ? {} : { expires: text(expires.value) }),
    revokeCredentials: switchOf(node, 'revoke_credentials'),
  };
}

function group(node: ParsedNode | null): Group {
  const members = findPair(node, 'members')?.value ?? null;
  if (!isSeq<ParsedNode>(members)) throw new Error('unchecked desired state: group members are not a list');
  const turso = findPair(node, 'turso');
  const planetscale = findPair(node, 'planetscale');
  return {
    members: members.items.map(groupMembership),
    turso: turso === undefined ? new Map<string, TursoRole>() : mapOf(turso.value, (role) => text(role) as TursoRole),
    planetscale:
      planetscale === undefined ? new Map<string, PlanetScaleGroupGrant>() : mapOf(planetscale.value, planetScaleGrant),
  };
}

/** `alice`, or `{person: carol, until: 2026-12-31}`. */
function groupMembership(node: ParsedNode | null): GroupMembership {
  if (!isMap(node)) return { person: text(node) };
  const until = findPair(node, 'until');
  const person = text(findPair(node, 'person')?.value ?? null);
  return until === undefined ? { person } : { person, until: text(until.value) };
}

function planetScaleGrant(node: ParsedNode | null): PlanetScaleGroupGrant {
  const role = findPair(node, 'role');
  const teams = findPair(node, 'teams')?.value ?? null;
  if (teams !== null && !isSeq<ParsedNode>(teams)) {
    throw new Error('unchecked desired state: granted teams are not a list');
  }
  return {
    role: role === undefined ? DEFAULT_PLANETSCALE_ROLE : text(role.value),
    teams: teams === null ? [] : teams.items.map(text),
  };
}
