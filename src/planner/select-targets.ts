/**
 * `--target`: narrow a run to some scopes of the file (`turso.ORG`, `planetscale.ORG`,
 * `planetscale.ORG.TEAM`). Pure. A target that names nothing in the file is an error, not an
 * empty plan: a typo must not read as "nothing to do".
 *
 * The text splits at the first `.` into the provider and the rest. For Turso the rest is the whole
 * organization name, dots included. For PlanetScale the rest is one or two names separated by a
 * `.`; a name holding a dot is written in double quotes (`planetscale."my.org".team`) or with the
 * dot escaped (`planetscale.my\.org.team`); `\"` and `\\` escape a quote and a backslash.
 */
import type { DesiredState, PlanetScaleOrganizationSpec, TursoOrganizationSpec } from '../model/desired-state.js';
import { SettingsError } from '../errors.js';

export interface Target {
  readonly provider: 'turso' | 'planetscale';
  readonly organization: string;
  readonly team?: string;
}

const SHAPE =
  'expected turso.ORG, planetscale.ORG or planetscale.ORG.TEAM (quote a name that holds a dot: planetscale."my.org".team)';

export function parseTarget(text: string): Target {
  const dot = text.indexOf('.');
  const provider = dot < 0 ? text : text.slice(0, dot);
  const names = dot < 0 ? undefined : splitNames(text.slice(dot + 1));
  if (names === undefined || names.some((name) => name === '')) throw new SettingsError(`--target ${text}: ${SHAPE}`);
  if (provider === 'turso') {
    // One level only: the rest is the organization, dots and all.
    return { provider, organization: names.join('.') };
  }
  if (provider === 'planetscale' && names.length <= 2) {
    const [organization, team] = names as [string, string | undefined];
    return team === undefined ? { provider, organization } : { provider, organization, team };
  }
  throw new SettingsError(`--target ${text}: ${SHAPE}`);
}

/** Names separated by unquoted, unescaped dots; undefined when a quote is left open or an escape ends the text. */
function splitNames(text: string): string[] | undefined {
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (char === '\\') {
      if (i + 1 >= text.length) return undefined;
      current += text[++i];
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === '.' && !quoted) {
      names.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (quoted) return undefined;
  names.push(current);
  return names;
}

export function selectTargets(desired: DesiredState, targets: readonly Target[]): DesiredState {
  if (targets.length === 0) return desired;
  const turso = new Map<string, TursoOrganizationSpec>();
  const planetscale = new Map<string, PlanetScaleOrganizationSpec>();
  for (const target of targets) {
    if (target.provider === 'turso') {
      turso.set(
        target.organization,
        find(desired.turso?.organizations, target.organization, 'Turso organization', target),
      );
      continue;
    }
    const org = find(desired.planetscale?.organizations, target.organization, 'PlanetScale organization', target);
    if (target.team === undefined) {
      planetscale.set(target.organization, org);
      continue;
    }
    const team = find(org.teams, target.team, `team of PlanetScale organization ${target.organization}`, target);
    const selected = planetscale.get(target.organization);
    // A whole-organization target already covers every team.
    if (selected === org) continue;
    const teams = new Map(selected?.teams ?? []);
    teams.set(target.team, team);
    planetscale.set(target.organization, { teams });
  }
  return {
    version: desired.version,
    ...(turso.size > 0 ? { turso: { organizations: turso } } : {}),
    ...(planetscale.size > 0 ? { planetscale: { organizations: planetscale } } : {}),
  };
}

function find<T>(scopes: ReadonlyMap<string, T> | undefined, name: string, what: string, target: Target): T {
  const found = scopes?.get(name);
  if (found !== undefined) return found;
  const declared = [...(scopes?.keys() ?? [])];
  const text = [target.provider, target.organization, target.team].filter((part) => part !== undefined).join('.');
  throw new SettingsError(
    `--target ${text}: the file declares no ${what} named "${name}"` +
      (declared.length > 0 ? `; declared: ${declared.join(', ')}` : ''),
  );
}
