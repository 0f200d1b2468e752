/**
 * `membership export`: today's membership as a desired-state file. Stable ordering (names sorted,
 * emails case-insensitively) so that re-exports diff cleanly; no timestamps. Owners cannot be
 * declared (no API can grant the role), so they appear as a comment, not as members.
 */
import { Document, YAMLMap } from 'yaml';
import { PROVIDER_NAMES, type ProviderName } from '../model/desired-state.js';
import type { Observed } from '../model/observed.js';

/**
 * Where the files this tool writes (export, init) point editors for the schema: a path relative to
 * the YAML file itself, as yaml-language-server resolves it. `membership schema >
 * membership.schema.json` (or `membership init`) puts the schema there, matching the installed
 * version and working offline; a URL would need a published copy and a network.
 */
export const SCHEMA_REFERENCE = './membership.schema.json';

/** The first line of every file export and init write (without its `#`). */
export const SCHEMA_COMMENT = `yaml-language-server: $schema=${SCHEMA_REFERENCE}`;

/** The organizations to export, per provider. */
export type ExportScopes = { readonly [P in ProviderName]: readonly string[] };

/** One provider's section: organization -> its YAML, and a comment to put before some of them. */
interface Section {
  readonly organizations: Map<string, unknown>;
  readonly comments: ReadonlyMap<string, string>;
}

/** Code-unit order: the same on every machine and locale, so re-exports diff cleanly. */
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Case-insensitively (as emails match), then exactly: a stable order for two spellings. */
export const byEmail = (a: string, b: string) => byText(a.toLowerCase(), b.toLowerCase()) || byText(a, b);

const SECTIONS: { readonly [P in ProviderName]: (observed: Observed, organizations: readonly string[]) => Section } = {
  turso: (observed, organizations) => {
    const section = new Map<string, unknown>();
    const comments = new Map<string, string>();
    for (const organization of [...organizations].sort(byText)) {
      const org = observed.turso.get(organization);
      if (!org) continue;
      const members = [...org.members.values()].sort((a, b) => byText(a.username, b.username));
      const owners = members.filter((member) => member.role === 'owner').map((member) => member.username);
      if (owners.length > 0)
        comments.set(organization, ` owners (cannot be declared; no API can grant the role): ${owners.join(', ')}`);
      section.set(
        organization,
        new Map([['members', new Map(members.filter((m) => m.role !== 'owner').map((m) => [m.username, m.role]))]]),
      );
    }
    return { organizations: section, comments };
  },
  planetscale: (observed, organizations) => {
    const section = new Map<string, unknown>();
    for (const organization of [...organizations].sort(byText)) {
      const org = observed.planetscale.get(organization);
      if (!org) continue;
      const teams = new Map<string, unknown>();
      for (const [slug, team] of [...org.teams].sort(([a], [b]) => byText(a, b))) {
        const emails = [...team.members.values()].map((member) => member.email).sort(byEmail);
        teams.set(slug, new Map([['members', emails]]));
      }
      section.set(organization, new Map([['teams', teams]]));
    }
    return { organizations: section, comments: new Map() };
  },
};

export function renderExportYaml(observed: Observed, scopes: ExportScopes, header: readonly string[]): string {
  const root = new Map<string, unknown>([['version', 1]]);
  const sections = PROVIDER_NAMES.map((name) => ({ name, ...SECTIONS[name](observed, scopes[name]) }));
  for (const { name, organizations } of sections) {
    if (organizations.size > 0) root.set(name, new Map([['organizations', organizations]]));
  }
  const doc = new Document(root);
  doc.commentBefore = [SCHEMA_COMMENT, '', ...header].map((line) => ` ${line}`).join('\n');
  for (const { name, comments } of sections) {
    const organizations = doc.getIn([name, 'organizations'], true);
    if (!(organizations instanceof YAMLMap)) continue;
    for (const [organization, comment] of comments) {
      const node = organizations.get(organization, true);
      if (node instanceof YAMLMap) node.commentBefore = comment;
    }
  }
  return doc.toString({ lineWidth: 0 });
}
