/**
 * `membership export`: today's membership as a desired-state file. Stable ordering (names sorted,
 * emails case-insensitively) so that re-exports diff cleanly; no timestamps. Owners cannot be
 * declared (no API can grant the role), so they appear as a comment, not as members.
 */
import { Document, YAMLMap } from 'yaml';
import type { Observed } from '../model/observed.js';

export interface ExportScopes {
  readonly turso: readonly string[];
  readonly planetscale: readonly string[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byEmail = (a: string, b: string) => byText(a.toLowerCase(), b.toLowerCase()) || byText(a, b);

export function renderExportYaml(observed: Observed, scopes: ExportScopes, header: readonly string[]): string {
  const root = new Map<string, unknown>([['version', 1]]);
  const ownerComments = new Map<string, string>();

  const turso = new Map<string, unknown>();
  for (const organization of [...scopes.turso].sort(byText)) {
    const org = observed.turso.get(organization);
    if (!org) continue;
    const members = [...org.members.values()].sort((a, b) => byText(a.username, b.username));
    const owners = members.filter((member) => member.role === 'owner').map((member) => member.username);
    if (owners.length > 0)
      ownerComments.set(organization, ` owners (cannot be declared; no API can grant the role): ${owners.join(', ')}`);
    turso.set(
      organization,
      new Map([['members', new Map(members.filter((m) => m.role !== 'owner').map((m) => [m.username, m.role]))]]),
    );
  }
  if (turso.size > 0) root.set('turso', new Map([['organizations', turso]]));

  const planetscale = new Map<string, unknown>();
  for (const organization of [...scopes.planetscale].sort(byText)) {
    const org = observed.planetscale.get(organization);
    if (!org) continue;
    const teams = new Map<string, unknown>();
    for (const [slug, team] of [...org.teams].sort(([a], [b]) => byText(a, b))) {
      const emails = [...team.members.values()].map((member) => member.email).sort(byEmail);
      teams.set(slug, new Map([['members', emails]]));
    }
    planetscale.set(organization, new Map([['teams', teams]]));
  }
  if (planetscale.size > 0) root.set('planetscale', new Map([['organizations', planetscale]]));

  const doc = new Document(root);
  doc.commentBefore = header.map((line) => ` ${line}`).join('\n');
  const tursoOrgs = doc.getIn(['turso', 'organizations'], true);
  if (tursoOrgs instanceof YAMLMap) {
    for (const [organization, comment] of ownerComments) {
      const node = tursoOrgs.get(organization, true);
      if (node instanceof YAMLMap) node.commentBefore = comment;
    }
  }
  return doc.toString({ lineWidth: 0 });
}
