/**
 * `--target`: narrow a run to some scopes of the file. Pure. A target that names nothing in the
 * file is an error, not an empty plan: a typo must not read as "nothing to do". Reading the
 * `--target` text is each provider's grammar (providers/registry.ts parseTarget); `format` writes
 * a target back the same way, for the error.
 */
import type { DesiredState, PlanetScaleOrganizationSpec, TursoOrganizationSpec } from '../model/desired-state.js';
import { unreachable, type Target } from '../model/providers.js';
import { SettingsError } from '../errors.js';
import { closestMatch } from '../model/did-you-mean.js';

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
      findScope(scopes, name, what, format(target), () => nearestScope(desired, target, format));
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
        // A team target leaves organization members (and their prune) alone, whoever the file names.
        planetscale.set(target.organization, { teams, prune: false, teamsOnly: true });
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
    // Whole: the people and groups resolve into whichever scopes are selected.
    ...(desired.people === undefined ? {} : { people: desired.people }),
  };
}

function findScope<T>(
  scopes: ReadonlyMap<string, T> | undefined,
  name: string,
  what: string,
  text: string,
  nearest: () => string | undefined,
): T {
  const found = scopes?.get(name);
  if (found !== undefined) return found;
  const declared = [...(scopes?.keys() ?? [])];
  const suggestion = nearest();
  throw new SettingsError(
    `--target ${text}: the file declares no ${what} named "${name}"` +
      (declared.length > 0 ? `; declared: ${declared.join(', ')}` : '') +
      (suggestion === undefined ? '' : `; did you mean ${suggestion}?`),
  );
}

/**
 * The declared scope of the same provider and kind (organization, or team) that `target` most
 * likely misspells, written as --target takes it. Compared without the provider, which both share.
 */
function nearestScope(desired: DesiredState, target: Target, format: (target: Target) => string): string | undefined {
  const candidates = declaredScopes(desired, target).map(format);
  const prefix = `${target.provider}.`;
  const match = closestMatch(
    format(target).slice(prefix.length),
    candidates.map((text) => text.slice(prefix.length)),
  );
  return match === undefined ? undefined : `${prefix}${match}`;
}

function declaredScopes(desired: DesiredState, target: Target): Target[] {
  switch (target.provider) {
    case 'turso':
      return [...(desired.turso?.organizations.keys() ?? [])].map((organization) => ({
        provider: 'turso',
        organization,
      }));
    case 'planetscale': {
      const organizations = [...(desired.planetscale?.organizations ?? [])];
      if (target.team === undefined) {
        return organizations.map(([organization]) => ({ provider: 'planetscale', organization }));
      }
      return organizations.flatMap(([organization, spec]) =>
        [...spec.teams.keys()].map((team) => ({ provider: 'planetscale' as const, organization, team })),
      );
    }
    default:
      return unreachable(target.provider);
  }
}
