/**
 * `membership export`: print today's membership of the organizations named in the file (or on the
 * command line) as YAML, the way to start managing an existing organization. Read-only.
 */
import type { Logger } from 'pino';
import { parseDesiredState, readDesiredStateFile } from '../config/load-desired-state.js';
import { SettingsError } from '../errors.js';
import { PROVIDER_NAMES, type DesiredState, type ProviderName } from '../model/desired-state.js';
import { observeAll } from '../providers/observe-all.js';
import { createProviders } from '../providers/create-providers.js';
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
  const names = PROVIDER_NAMES.filter((name) => scopes[name].length > 0);
  if (names.length === 0) {
    throw new SettingsError(`nothing to export: ${options.file} names no ${describeSelection(options)}`);
  }
  const { providers } = await createProviders(names, providerOptions(globals, io, logger));
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
  const { provider, organization } = options;
  const desired = provider && organization ? undefined : (await readDesiredStateFile(options.file)).desired;
  const pick = (name: ProviderName): string[] => {
    if (provider && provider !== name) return [];
    // With both --provider and --organization, the file is not needed.
    if (desired === undefined) return organization ? [organization] : [];
    const orgs = [...(desired[name]?.organizations.keys() ?? [])];
    return organization ? orgs.filter((org) => org === organization) : orgs;
  };
  return Object.fromEntries(PROVIDER_NAMES.map((name) => [name, pick(name)])) as Record<ProviderName, string[]>;
}

/** A desired state naming just the organizations to export: what observation takes as its scope. */
function skeleton(scopes: ExportScopes): DesiredState {
  const specs: { readonly [P in ProviderName]: NonNullable<DesiredState[P]> } = {
    turso: { organizations: new Map(scopes.turso.map((org) => [org, { members: new Map(), prune: false }])) },
    planetscale: { organizations: new Map(scopes.planetscale.map((org) => [org, { teams: new Map() }])) },
  };
  return { version: 1, ...specs };
}

function describeSelection(options: ExportCommandOptions): string {
  const provider = options.provider ? `${options.provider} ` : '';
  return options.organization ? `${provider}organization "${options.organization}"` : `${provider}organizations`;
}
