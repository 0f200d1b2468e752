/**
 * `membership export --people`: today's membership in the person form. One person per distinct
 * email (PlanetScale organization members, and Turso members by the email Turso reports), one
 * group per distinct set of grants, so that planning the file back gives no changes. What has no
 * email, or is not a membership yet, stays in the provider sections: Turso members Turso reports
 * no email for, pending invites (Turso `invites:`, PlanetScale organization `members:`), and
 * PlanetScale teams no group grants. Deterministic: the same state always gives the same file.
 */
import { Document, YAMLMap, YAMLSeq } from 'yaml';
import { TURSO_ROLES, type TursoRole } from '../model/desired-state.js';
import type { Observed } from '../model/observed.js';
import { byEmail as inEmailOrder, byText, SCHEMA_COMMENT, type ExportScopes } from './render-export-yaml.js';

export interface ExportedGroup {
  /** Person ids, sorted. */
  readonly members: readonly string[];
  /** Turso organization -> role. */
  readonly turso: ReadonlyMap<string, TursoRole>;
  /** PlanetScale organization -> organization role and teams (sorted). */
  readonly planetscale: ReadonlyMap<string, { readonly role: string; readonly teams: readonly string[] }>;
}

export interface ExportedTursoOrganization {
  /** Members that cannot be a person's grant: no email reported (or one shared by two accounts). */
  readonly members: ReadonlyMap<string, string>;
  /** Pending invites: email -> role. */
  readonly invites: ReadonlyMap<string, string>;
  readonly owners: readonly string[];
}

export interface ExportedPlanetScaleOrganization {
  /** Pending invitations: email -> role. */
  readonly invitations: ReadonlyMap<string, string>;
  /** Teams no group grants (empty ones), with any member who is not an organization member. */
  readonly teams: ReadonlyMap<string, readonly string[]>;
}

export interface PeopleExport {
  /** person id -> email, sorted by id. */
  readonly people: ReadonlyMap<string, string>;
  /** group name -> group, sorted by name. */
  readonly groups: ReadonlyMap<string, ExportedGroup>;
  readonly turso: ReadonlyMap<string, ExportedTursoOrganization>;
  readonly planetscale: ReadonlyMap<string, ExportedPlanetScaleOrganization>;
}

/** A group name longer than this is replaced by `group-N`. */
const MAX_GROUP_NAME = 63;

interface Grants {
  /** The email as the first source spelled it (PlanetScale first). */
  email: string;
  readonly turso: Map<string, TursoRole>;
  readonly planetscale: Map<string, { role: string; teams: string[] }>;
}

export function exportPeople(observed: Observed, scopes: ExportScopes): PeopleExport {
  const byEmail = new Map<string, Grants>();
  const grantsOf = (email: string): Grants => {
    const key = email.toLowerCase();
    let grants = byEmail.get(key);
    if (!grants) {
      grants = { email, turso: new Map(), planetscale: new Map() };
      byEmail.set(key, grants);
    }
    return grants;
  };

  const planetscale = new Map<string, ExportedPlanetScaleOrganization>();
  for (const organization of [...scopes.planetscale].sort(byText)) {
    const org = observed.planetscale.get(organization);
    if (!org) continue;
    for (const member of sortedBy([...org.membersByEmail.values()], (m) => m.email.toLowerCase())) {
      grantsOf(member.email).planetscale.set(organization, { role: member.role, teams: [] });
    }
    const teams = new Map<string, string[]>();
    for (const [slug, team] of [...org.teams].sort(([a], [b]) => byText(a, b))) {
      const outside: string[] = [];
      for (const member of team.members.values()) {
        const orgMember = org.membersByEmail.get(member.email.toLowerCase());
        if (orgMember) grantsOf(orgMember.email).planetscale.get(organization)?.teams.push(slug);
        else outside.push(member.email);
      }
      if (outside.length > 0 || team.members.size === 0) teams.set(slug, outside.sort(inEmailOrder));
    }
    const invitations = new Map(
      sortedBy([...(org.invitations?.values() ?? [])], (i) => i.email.toLowerCase()).map((i) => [i.email, i.role]),
    );
    planetscale.set(organization, { invitations, teams });
  }

  const turso = new Map<string, ExportedTursoOrganization>();
  for (const organization of [...scopes.turso].sort(byText)) {
    const org = observed.turso.get(organization);
    if (!org) continue;
    const members = sortedBy([...org.members.values()], (m) => m.username);
    // An email two accounts of the organization report cannot say which account is the person's.
    const accounts = new Map<string, number>();
    for (const member of members) {
      if (member.email !== undefined)
        accounts.set(member.email.toLowerCase(), (accounts.get(member.email.toLowerCase()) ?? 0) + 1);
    }
    const kept = new Map<string, string>();
    for (const member of members) {
      if (member.role === 'owner') continue;
      const role = TURSO_ROLES.find((known) => known === member.role);
      if (member.email !== undefined && role !== undefined && accounts.get(member.email.toLowerCase()) === 1) {
        grantsOf(member.email).turso.set(organization, role);
      } else {
        kept.set(member.username, member.role);
      }
    }
    const invites = new Map(
      sortedBy([...(org.invites?.values() ?? [])], (i) => i.email.toLowerCase()).map((i) => [i.email, i.role]),
    );
    const owners = members.filter((member) => member.role === 'owner').map((member) => member.username);
    turso.set(organization, { members: kept, invites, owners });
  }

  const people = personIds([...byEmail.values()].map((grants) => grants.email));
  const groups = groupPeople(byEmail, people);
  return { people: new Map([...people].sort(([a], [b]) => byText(a, b))), groups, turso, planetscale };
}

/** person id -> email: the email's local part as a slug; clashes take the domain, then a number. */
function personIds(emails: readonly string[]): Map<string, string> {
  const sorted = sortedBy([...emails], (email) => email.toLowerCase());
  const base = (email: string) => personSlug(localPart(email));
  const counts = new Map<string, number>();
  for (const email of sorted) counts.set(base(email), (counts.get(base(email)) ?? 0) + 1);
  const ids = new Map<string, string>();
  // Emails whose local part is theirs alone keep it; the others are told apart by their domain.
  for (const email of sorted) if (counts.get(base(email)) === 1) ids.set(base(email), email);
  for (const email of sorted) {
    if (counts.get(base(email)) === 1) continue;
    const domain = email.slice(email.lastIndexOf('@') + 1).split('.')[0] ?? '';
    ids.set(unique(personSlug(`${localPart(email)}-${domain}`), ids), email);
  }
  return ids;
}

function localPart(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? email : email.slice(0, at);
}

/** Lower-case letters, digits and single hyphens, starting with a letter. */
function personSlug(text: string): string {
  const slug = slugify(text);
  if (slug === '') return 'person';
  return /^[a-z]/.test(slug) ? slug : `person-${slug}`;
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function unique(name: string, taken: ReadonlyMap<string, unknown>): string {
  if (!taken.has(name)) return name;
  let n = 2;
  while (taken.has(`${name}-${n}`)) n += 1;
  return `${name}-${n}`;
}

/**
 * One group per distinct set of grants, named after what it grants (`turso-acme-admin`,
 * `planetscale-acme-member-backend`, joined when it grants several), or `group-N` when that name
 * would be longer than MAX_GROUP_NAME characters.
 */
function groupPeople(
  byEmail: ReadonlyMap<string, Grants>,
  people: ReadonlyMap<string, string>,
): Map<string, ExportedGroup> {
  const idOf = new Map([...people].map(([id, email]) => [email.toLowerCase(), id]));
  const sets = new Map<string, { members: string[]; grants: Grants }>();
  for (const [key, grants] of byEmail) {
    const id = idOf.get(key);
    if (id === undefined || (grants.turso.size === 0 && grants.planetscale.size === 0)) continue;
    const canonical = canonicalGrants(grants);
    const set = sets.get(canonical) ?? { members: [], grants };
    set.members.push(id);
    sets.set(canonical, set);
  }
  const groups = new Map<string, ExportedGroup>();
  let numbered = 0;
  for (const [, { members, grants }] of [...sets].sort(([a], [b]) => byText(a, b))) {
    const described = groupName(grants);
    const name = unique(described.length <= MAX_GROUP_NAME ? described : `group-${(numbered += 1)}`, groups);
    groups.set(name, {
      members: members.sort(byText),
      turso: new Map([...grants.turso].sort(([a], [b]) => byText(a, b))),
      planetscale: new Map(
        [...grants.planetscale]
          .sort(([a], [b]) => byText(a, b))
          .map(([org, grant]) => [org, { role: grant.role, teams: [...grant.teams].sort(byText) }]),
      ),
    });
  }
  return new Map([...groups].sort(([a], [b]) => byText(a, b)));
}

function canonicalGrants(grants: Grants): string {
  return JSON.stringify([
    [...grants.turso].sort(([a], [b]) => byText(a, b)),
    [...grants.planetscale]
      .sort(([a], [b]) => byText(a, b))
      .map(([org, grant]) => [org, grant.role, [...grant.teams].sort(byText)]),
  ]);
}

function groupName(grants: Grants): string {
  const parts = [
    ...[...grants.turso].sort(([a], [b]) => byText(a, b)).map(([org, role]) => ['turso', org, role]),
    ...[...grants.planetscale]
      .sort(([a], [b]) => byText(a, b))
      .map(([org, grant]) => ['planetscale', org, grant.role, ...[...grant.teams].sort(byText)]),
  ];
  return slugify(parts.flat().join('-')) || 'group';
}

// ---------------------------------------------------------------------------------------------
// YAML

export function renderExportPeopleYaml(exported: PeopleExport, header: readonly string[]): string {
  const root = new Map<string, unknown>([['version', 1]]);
  if (exported.people.size > 0) {
    root.set('people', new Map([...exported.people].map(([id, email]) => [id, new Map([['email', email]])])));
  }
  if (exported.groups.size > 0) {
    const groups = new Map<string, unknown>();
    for (const [name, group] of exported.groups) {
      const body = new Map<string, unknown>([['members', [...group.members]]]);
      if (group.turso.size > 0) body.set('turso', new Map(group.turso));
      if (group.planetscale.size > 0) {
        const grants = new Map<string, unknown>();
        for (const [org, { role, teams }] of group.planetscale) {
          grants.set(
            org,
            new Map<string, unknown>([['role', role], ...(teams.length > 0 ? [['teams', [...teams]] as const] : [])]),
          );
        }
        body.set('planetscale', grants);
      }
      groups.set(name, body);
    }
    root.set('groups', groups);
  }
  if (exported.turso.size > 0) {
    const organizations = new Map<string, unknown>();
    for (const [org, spec] of exported.turso) {
      const body = new Map<string, unknown>([['members', new Map(spec.members)]]);
      if (spec.invites.size > 0) body.set('invites', new Map(spec.invites));
      organizations.set(org, body);
    }
    root.set('turso', new Map([['organizations', organizations]]));
  }
  if (exported.planetscale.size > 0) {
    const organizations = new Map<string, unknown>();
    for (const [org, spec] of exported.planetscale) {
      const body = new Map<string, unknown>();
      if (spec.invitations.size > 0) body.set('members', new Map(spec.invitations));
      // An organization entry needs members: or teams: (the groups say the rest).
      if (spec.teams.size > 0 || spec.invitations.size === 0) {
        body.set(
          'teams',
          new Map([...spec.teams].map(([slug, members]) => [slug, new Map([['members', [...members]]])])),
        );
      }
      organizations.set(org, body);
    }
    root.set('planetscale', new Map([['organizations', organizations]]));
  }

  const doc = new Document(root);
  doc.commentBefore = [SCHEMA_COMMENT, '', ...header].map((line) => ` ${line}`).join('\n');
  // Short entries on one line each: a person, a group's members, a grant.
  for (const id of exported.people.keys()) flow(doc.getIn(['people', id], true));
  for (const [name, group] of exported.groups) {
    flow(doc.getIn(['groups', name, 'members'], true));
    flow(doc.getIn(['groups', name, 'turso'], true));
    for (const org of group.planetscale.keys()) flow(doc.getIn(['groups', name, 'planetscale', org], true));
  }
  for (const [org, spec] of exported.turso) {
    const node = doc.getIn(['turso', 'organizations', org], true);
    if (node instanceof YAMLMap && spec.owners.length > 0) {
      node.commentBefore = ` owners (cannot be declared; no API can grant the role): ${spec.owners.join(', ')}`;
    }
    const invites = doc.getIn(['turso', 'organizations', org, 'invites'], true);
    if (invites instanceof YAMLMap) invites.commentBefore = ' pending invites: people once they accept';
  }
  for (const org of exported.planetscale.keys()) {
    const members = doc.getIn(['planetscale', 'organizations', org, 'members'], true);
    if (members instanceof YAMLMap) members.commentBefore = ' pending invitations: people once they accept';
  }
  return doc.toString({ lineWidth: 0 });
}

function flow(node: unknown): void {
  if (node instanceof YAMLMap || node instanceof YAMLSeq) node.flow = true;
}

function sortedBy<T>(items: T[], key: (item: T) => string): T[] {
  return items.sort((a, b) => byText(key(a), key(b)));
}
