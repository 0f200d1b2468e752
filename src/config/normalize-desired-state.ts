import { isMap, isScalar, isSeq, type ParsedNode } from 'yaml';
import type {
  DesiredState,
  PlanetScaleOrganizationSpec,
  PlanetScaleTeamSpec,
  TursoOrganizationSpec,
  TursoRole,
} from '../model/desired-state.js';
import { findPair, keyText } from './key-text.js';

/**
 * Builds the DesiredState from a document that passed every check, straight from the YAML AST:
 * Maps keep the file's order and take any key, `__proto__` included. A shape the checks should
 * have refused is a bug, hence plain Errors.
 */
export function normalizeDesiredState(root: ParsedNode): DesiredState {
  const turso = findPair(root, 'turso')?.value ?? null;
  const planetscale = findPair(root, 'planetscale')?.value ?? null;
  const desired: { -readonly [K in keyof DesiredState]: DesiredState[K] } = { version: 1 };
  if (turso !== null) desired.turso = { organizations: mapOf(section(turso), tursoOrganization) };
  if (planetscale !== null) {
    desired.planetscale = { organizations: mapOf(section(planetscale), planetScaleOrganization) };
  }
  return desired;
}

function section(node: ParsedNode): ParsedNode | null {
  return findPair(node, 'organizations')?.value ?? null;
}

function tursoOrganization(node: ParsedNode | null): TursoOrganizationSpec {
  const members = mapOf(findPair(node, 'members')?.value ?? null, tursoRole);
  const invites = findPair(node, 'invites');
  const prune = pruneOf(node);
  // An absent `invites:` means invites are not managed at all, unlike `invites: {}` (none wanted).
  return invites === undefined ? { members, prune } : { members, invites: mapOf(invites.value, tursoRole), prune };
}

function planetScaleOrganization(node: ParsedNode | null): PlanetScaleOrganizationSpec {
  const teamsPair = findPair(node, 'teams');
  const teams =
    teamsPair === undefined ? new Map<string, PlanetScaleTeamSpec>() : mapOf(teamsPair.value, planetScaleTeam);
  const members = findPair(node, 'members');
  // As for Turso invites: absent means organization membership is only read, not managed.
  const prune = pruneOf(node);
  return members === undefined ? { teams, prune } : { teams, members: mapOf(members.value, scalarText), prune };
}

function planetScaleTeam(node: ParsedNode | null): PlanetScaleTeamSpec {
  const members = findPair(node, 'members')?.value ?? null;
  if (!isSeq<ParsedNode>(members)) throw new Error('unchecked desired state: team members are not a list');
  return { members: members.items.map(scalarText), prune: pruneOf(node) };
}

function tursoRole(node: ParsedNode | null): TursoRole {
  return scalarText(node) as TursoRole;
}

/** `prune:` is opt-in: left out, nothing undeclared is ever removed. */
function pruneOf(node: ParsedNode | null): boolean {
  const pair = findPair(node, 'prune');
  if (pair === undefined) return false;
  if (!isScalar(pair.value) || typeof pair.value.value !== 'boolean') {
    throw new Error('unchecked desired state: prune is not a boolean');
  }
  return pair.value.value;
}

function mapOf<T>(node: ParsedNode | null, convert: (value: ParsedNode | null) => T): ReadonlyMap<string, T> {
  if (!isMap<ParsedNode, ParsedNode | null>(node)) throw new Error('unchecked desired state: expected a mapping');
  const result = new Map<string, T>();
  for (const pair of node.items) {
    const key = keyText(pair.key);
    if (key === null || result.has(key)) throw new Error('unchecked desired state: bad or repeated key');
    result.set(key, convert(pair.value));
  }
  return result;
}

function scalarText(node: ParsedNode | null): string {
  if (!isScalar(node) || typeof node.value !== 'string') throw new Error('unchecked desired state: expected text');
  return node.value;
}
