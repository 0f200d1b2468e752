/**
 * `--target`: narrow a run to some scopes of the file (`turso.ORG`, `planetscale.ORG`,
 * `planetscale.ORG.TEAM`). Pure. A target that names nothing in the file is an error, not an
 * empty plan: a typo must not read as "nothing to do".
 */
import type { DesiredState, PlanetScaleOrganizationSpec, TursoOrganizationSpec } from '../model/desired-state.js';
import { SettingsError } from '../errors.js';

export interface Target {
  readonly provider: 'turso' | 'planetscale';
  readonly organization: string;
  readonly team?: string;
}

export function parseTarget(text: string): Target {
  const [provider, organization, team, ...rest] = text.split('.');
  const shapeOk =
    (provider === 'turso' && organization && team === undefined) ||
    (provider === 'planetscale' && organization && rest.length === 0 && team !== '');
  if (!shapeOk) {
    throw new SettingsError(`--target ${text}: expected turso.ORG, planetscale.ORG or planetscale.ORG.TEAM`);
  }
  return { provider, organization: organization!, ...(team !== undefined ? { team } : {}) } as Target;
}

export function selectTargets(desired: DesiredState, targets: readonly Target[]): DesiredState {
  if (targets.length === 0) return desired;
  const turso = new Map<string, TursoOrganizationSpec>();
  const planetscale = new Map<string, PlanetScaleOrganizationSpec>();
  for (const target of targets) {
    if (target.provider === 'turso') {
      turso.set(target.organization, find(desired.turso?.organizations, target.organization, 'Turso organization', target));
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
