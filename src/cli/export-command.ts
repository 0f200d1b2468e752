/**
 * `membership export`: print today's membership of the organizations named in the file (or on the
 * command line) as YAML, the way to start managing an existing organization. Read-only.
 */
import { fstat } from 'node:fs';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import { parseDesiredState, readDesiredStateFile } from '../config/load-desired-state.js';
import { SettingsError } from '../errors.js';
import { PROVIDER_NAMES, type DesiredState, type ProviderName } from '../model/desired-state.js';
import { observeAll } from '../providers/observe-all.js';
import { createProviders } from '../providers/create-providers.js';
import { exportPeople, renderExportPeopleYaml } from '../render/render-export-people.js';
import { renderExportYaml, type ExportScopes } from '../render/render-export-yaml.js';
import type { GlobalOptions } from './global-options.js';
import type { CliIo } from './io.js';
import { providerOptions } from './make-plan.js';
import { refuseOverwritingInput, writeFileAtomically } from './output-file.js';
import { VERSION } from './version.js';
import { EXIT } from './exit-codes.js';

export interface ExportCommandOptions {
  readonly file: string;
  readonly provider?: ProviderName;
  readonly organization?: string;
  /** Write the YAML here (atomically) instead of to stdout. */
  readonly out?: string;
  /** Allow `out` to be the desired-state file: it is read first, then replaced. */
  readonly replace?: boolean;
  /** Write the person form: people and groups (--people). */
  readonly people?: boolean;
}

/** `accounts`: the provider sections only, as version 1 files have always been; `people`: people and groups. */
export type ExportForm = 'accounts' | 'people';

export async function runExportCommand(
  options: ExportCommandOptions,
  globals: GlobalOptions,
  io: CliIo,
  logger: Logger,
): Promise<number> {
  await checkOptions(options);
  const scopes = await exportScopes(options);
  if (PROVIDER_NAMES.every((name) => scopes[name].length === 0)) {
    throw new SettingsError(`nothing to export: ${options.file} names no ${describeSelection(options)}`);
  }
  const yaml = await exportYaml(scopes, globals, io, logger, options.people === true ? 'people' : 'accounts');
  if (options.out === undefined) {
    io.stdout.write(yaml);
  } else {
    await writeFileAtomically(options.out, io.redact(yaml));
    io.stdout.write(`Wrote the export to ${options.out}.\n`);
  }
  return EXIT.ok;
}

/**
 * Today's membership of `scopes` as a desired-state file, checked by the loader: what export prints
 * and `init --from-current` writes. Read-only; an organization not found is an error.
 */
export async function exportYaml(
  scopes: ExportScopes,
  globals: GlobalOptions,
  io: CliIo,
  logger: Logger,
  form: ExportForm = 'accounts',
): Promise<string> {
  const names = PROVIDER_NAMES.filter((name) => scopes[name].length > 0);
  const { providers } = await createProviders(names, providerOptions(globals, io, logger));
  const observed = await observeAll(skeleton(scopes, form), providers, 'everything');
  const missing = names.flatMap((name) =>
    scopes[name].filter((org) => !observed[name].has(org)).map((org) => `${name} ${org}`),
  );
  if (missing.length > 0) throw new SettingsError(`not found (or the token cannot see it): ${missing.join(', ')}`);

  const schemaLine =
    'The first line points editors at the schema; `membership schema > membership.schema.json` writes it.';
  const yaml =
    form === 'people'
      ? renderExportPeopleYaml(exportPeople(observed, scopes), [
          `Exported by membership ${VERSION} from the live APIs, in the person form: one person per email,`,
          'one group per distinct set of grants (rename them as you like). Members without an email, pending',
          'invites and teams no one is on stay in the provider sections below.',
          'Review, commit as membership.yaml, and `membership plan` shows no changes.',
          schemaLine,
        ])
      : renderExportYaml(observed, scopes, [
          `Exported by membership ${VERSION} from the live APIs.`,
          'Review, commit as membership.yaml, and `membership plan` shows no changes.',
          schemaLine,
        ]);
  // The export must be a valid file that plans back to nothing: check it before anyone relies on it.
  parseDesiredState(yaml, '(export)');
  return yaml;
}

/** Everything the options alone can say is wrong, before the file is read or a request made. */
async function checkOptions(options: ExportCommandOptions): Promise<void> {
  if (options.organization !== undefined && options.provider === undefined) {
    throw new SettingsError(`--organization needs --provider ${PROVIDER_NAMES.join('|')}`);
  }
  if (options.replace === true && options.out === undefined) {
    throw new SettingsError('--replace needs --out FILE (the file to replace)');
  }
  if (options.out !== undefined && options.replace !== true) {
    await refuseOverwritingInput(
      options.out,
      options.file,
      `to refresh it from the live APIs, add --replace (it is read first, then replaced in one step)`,
    );
  }
  const readsFile = options.provider === undefined || options.organization === undefined;
  if (options.out === undefined && readsFile && (await stdoutIsFile(options.file))) {
    throw new SettingsError(
      `standard output is ${options.file} itself (export > ${options.file}): the shell emptied it before export ` +
        `could read it. Restore the file (e.g. from version control), then run: ` +
        `membership export -f ${options.file} --out ${options.file} --replace`,
    );
  }
}

/** Whether stdout was redirected to `file`: `>` truncates it before the command starts. */
async function stdoutIsFile(file: string): Promise<boolean> {
  try {
    const [out, input] = await Promise.all([promisify(fstat)(1), stat(file)]);
    return out.isFile() && out.dev === input.dev && out.ino === input.ino;
  } catch {
    return false;
  }
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

/**
 * A desired state naming just the organizations to export: what observation takes as its scope.
 * The person form also reads pending invites (Turso `invites:`, PlanetScale organization
 * `members:`): it keeps them, since a plan of a file with `people:` reads them and would see them
 * as drift otherwise.
 */
function skeleton(scopes: ExportScopes, form: ExportForm): DesiredState {
  const people = form === 'people';
  const specs: { readonly [P in ProviderName]: NonNullable<DesiredState[P]> } = {
    turso: {
      organizations: new Map(
        scopes.turso.map((org) => [org, { members: new Map(), ...(people && { invites: new Map() }), prune: false }]),
      ),
    },
    planetscale: {
      organizations: new Map(
        scopes.planetscale.map((org) => [
          org,
          { teams: new Map(), ...(people && { members: new Map<string, string>() }), prune: false },
        ]),
      ),
    },
  };
  return { version: 1, ...specs };
}

function describeSelection(options: ExportCommandOptions): string {
  const provider = options.provider ? `${options.provider} ` : '';
  return options.organization ? `${provider}organization "${options.organization}"` : `${provider}organizations`;
}
