/**
 * `membership export`: print today's membership of the organizations named in the file (or on the
 * command line) as YAML, the way to start managing an existing organization. Read-only.
 */
import type { Logger } from 'pino';
import { parseDesiredState, readDesiredStateFile } from '../config/load-desired-state.js';
import { SettingsError } from '../errors.js';
import type { DesiredState, ProviderName } from '../model/desired-state.js';
import { observeAll } from '../providers/observe-all.js';
import { createProviders } from '../providers/registry.js';
import { renderExportYaml, type ExportScopes } from '../render/render-export-yaml.js';
import type { GlobalOptions } from './global-options.js';
import type { CliIo } from './io.js';
import { providerOptions } from './make-plan.js';
import { VERSION } from './version.js';
import { EXIT } from './exit-codes.js';

export interface ExportCommandOptions {
  readonly file: string;
  readonly provider?: ProviderName;
  readonly organization?: string;
}

export async function runExportCommand(
  options: ExportCommandOptions,
  globals: GlobalOptions,
  io: CliIo,
  logger: Logger,
): Promise<number> {
  const scopes = await exportScopes(options);
  const names = (['turso', 'planetscale'] as const).filter((name) => scopes[name].length > 0);
  if (names.length === 0) {
    throw new SettingsError(`nothing to export: ${options.file} names no ${describeSelection(options)}`);
  }
  const { providers } = createProviders(names, providerOptions(globals, io, logger));
  const observed = await observeAll(skeleton(scopes), providers, 'everything');
  const missing = names.flatMap((name) =>
    scopes[name].filter((org) => !observed[name].has(org)).map((org) => `${name} ${org}`),
  );
  if (missing.length > 0) throw new SettingsError(`not found (or the token cannot see it): ${missing.join(', ')}`);

  const yaml = renderExportYaml(observed, scopes, [
    `Exported by membership ${VERSION} from the live APIs.`,
    'Review, commit as membership.yaml, and `membership plan` shows no changes.',
  ]);
  // The export must be a valid file that plans back to nothing: check it before anyone relies on it.
  parseDesiredState(yaml, '(export)');
  io.stdout.write(yaml);
  return EXIT.ok;
}

async function exportScopes(options: ExportCommandOptions): Promise<ExportScopes> {
  if (options.provider && options.organization) {
    return {
      turso: options.provider === 'turso' ? [options.organization] : [],
      planetscale: options.provider === 'planetscale' ? [options.organization] : [],
    };
  }
  const { desired } = await readDesiredStateFile(options.file);
  const pick = (name: ProviderName): string[] => {
    if (options.provider && options.provider !== name) return [];
    const orgs = [...(desired[name]?.organizations.keys() ?? [])];
    return options.organization ? orgs.filter((org) => org === options.organization) : orgs;
  };
  return { turso: pick('turso'), planetscale: pick('planetscale') };
}

function skeleton(scopes: ExportScopes): DesiredState {
  return {
    version: 1,
    turso: { organizations: new Map(scopes.turso.map((org) => [org, { members: new Map(), prune: false }])) },
    planetscale: { organizations: new Map(scopes.planetscale.map((org) => [org, { teams: new Map() }])) },
  };
}

function describeSelection(options: ExportCommandOptions): string {
  const provider = options.provider ? `${options.provider} ` : '';
  return options.organization ? `${provider}organization "${options.organization}"` : `${provider}organizations`;
}
