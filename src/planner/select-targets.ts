/**
 * `--target`: narrow a run to some scopes of the file. Pure. A target that names nothing in the
 * file is an error, not an empty plan: a typo must not read as "nothing to do". Reading the
 * `--target` text is each provider's grammar (providers/registry.ts parseTarget); `format` writes
 * a target back the same way, for the error.
 */
import type { DesiredState, PlanetScaleOrganizationSpec, TursoOrganizationSpec } from '../model/desired-state.js';
import { unreachable, type Target } from '../model/providers.js';
import { SettingsError } from '../errors.js';

export function selectTargets(
  desired: DesiredState,
  targets: readonly Target[],
  format: (target: Target) => string,
): DesiredState {
  if (targets.length === 0) return desired;
  const turso = new Map<string, TursoOrganizationSpec>();
  const planetscale = new Map<string, PlanetScaleOrganizationSpec>();
  for (const target of targets) {
    const find = <T>(scopes: ReadonlyMap<string, T> | undefined, name: string, what: string): T =>
      findScope(scopes, name, what, format(target));
    switch (target.provider) {
      case 'turso':
        turso.set(target.organization, find(desired.turso?.organizations, target.organization, 'Turso organization'));
        break;
      case 'planetscale': {
        const org = find(desired.planetscale?.organizations, target.organization, 'PlanetScale organization');
        if (target.team === undefined) {
          planetscale.set(target.organization, org);
          break;
        }
        const team = find(org.teams, target.team, `team of PlanetScale organization ${target.organization}`);
        const selected = planetscale.get(target.organization);
        // A whole-organization target already covers every team.
        if (selected === org) break;
        const teams = new Map(selected?.teams ?? []);
        teams.set(target.team, team);
        planetscale.set(target.organization, { teams });
        break;
      }
      default:
        unreachable(target.provider);
    }
  }
  return {
    version: desired.version,
    ...(turso.size > 0 ? { turso: { organizations: turso } } : {}),
    ...(planetscale.size > 0 ? { planetscale: { organizations: planetscale } } : {}),
  };
}

function findScope<T>(scopes: ReadonlyMap<string, T> | undefined, name: string, what: string, text: string): T {
  const found = scopes?.get(name);
  if (found !== undefined) return found;
  const declared = [...(scopes?.keys() ?? [])];
  throw new SettingsError(
    `--target ${text}: the file declares no ${what} named "${name}"` +
      (declared.length > 0 ? `; declared: ${declared.join(', ')}` : ''),
  );
}
