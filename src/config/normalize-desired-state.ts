import { isSeq, type ParsedNode } from 'yaml';
import type {
  DesiredState,
  PlanetScaleOrganizationSpec,
  PlanetScaleTeamSpec,
  TursoOrganizationSpec,
  TursoRole,
} from '../model/desired-state.js';
import { mapOf, scalarText, switchOf } from './checked-nodes.js';
import { findPair } from './key-text.js';
import { peopleSpec, withPlanetScaleGrants, withTursoGrants } from './normalize-people.js';

/**
 * Builds the DesiredState from a document that passed every check, straight from the YAML AST:
 * Maps keep the file's order and take any key, `__proto__` included (checked-nodes.ts). The
 * person form (`people:`, `groups:`) is read by normalize-people.ts.
 */
export function normalizeDesiredState(root: ParsedNode): DesiredState {
  const tursoNode = findPair(root, 'turso')?.value ?? null;
  const planetscaleNode = findPair(root, 'planetscale')?.value ?? null;
  const peoplePair = findPair(root, 'people');
  let turso = tursoNode === null ? undefined : { organizations: mapOf(section(tursoNode), tursoOrganization) };
  let planetscale =
    planetscaleNode === null ? undefined : { organizations: mapOf(section(planetscaleNode), planetScaleOrganization) };
  // The person form: every organization and team a group grants joins the provider sections.
  const people =
    peoplePair === undefined ? undefined : peopleSpec(peoplePair.value, findPair(root, 'groups')?.value ?? null);
  if (people !== undefined) {
    turso = withTursoGrants(turso, people);
    planetscale = withPlanetScaleGrants(planetscale, people);
  }
  return {
    version: 1,
    ...(turso === undefined ? {} : { turso }),
    ...(planetscale === undefined ? {} : { planetscale }),
    ...(people === undefined ? {} : { people }),
  };
}

function section(node: ParsedNode): ParsedNode | null {
  return findPair(node, 'organizations')?.value ?? null;
}

function tursoOrganization(node: ParsedNode | null): TursoOrganizationSpec {
  const members = mapOf(findPair(node, 'members')?.value ?? null, tursoRole);
  const invites = findPair(node, 'invites');
  const prune = switchOf(node, 'prune');
  // An absent `invites:` means invites are not managed at all, unlike `invites: {}` (none wanted).
  return invites === undefined ? { members, prune } : { members, invites: mapOf(invites.value, tursoRole), prune };
}

function planetScaleOrganization(node: ParsedNode | null): PlanetScaleOrganizationSpec {
  const teamsPair = findPair(node, 'teams');
  const teams =
    teamsPair === undefined ? new Map<string, PlanetScaleTeamSpec>() : mapOf(teamsPair.value, planetScaleTeam);
  const members = findPair(node, 'members');
  // As for Turso invites: absent means organization membership is only read, not managed.
  const prune = switchOf(node, 'prune');
  return members === undefined ? { teams, prune } : { teams, members: mapOf(members.value, scalarText), prune };
}

function planetScaleTeam(node: ParsedNode | null): PlanetScaleTeamSpec {
  const members = findPair(node, 'members')?.value ?? null;
  if (!isSeq<ParsedNode>(members)) throw new Error('unchecked desired state: team members are not a list');
  return { members: members.items.map(scalarText), prune: switchOf(node, 'prune') };
}

function tursoRole(node: ParsedNode | null): TursoRole {
  return scalarText(node) as TursoRole;
}
