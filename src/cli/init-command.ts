/**
 * `membership init`: writes a first desired-state file, never over an existing one. Without
 * `--from-current`, the commented starter (offline); with it, what `membership export` would print
 * for the organizations named on the command line (read-only requests). Either way the schema its
 * first line points at is written beside it when absent, and the last line printed is the command
 * to run next.
 */
import { lstat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { SCHEMA_FILE_NAME } from '../config/read-membership-schema.js';
import { SettingsError } from '../errors.js';
import { PROVIDER_NAMES, type ProviderName } from '../model/desired-state.js';
import { formatScope, parseScope, scopeForms } from '../model/scope.js';
import type { ExportScopes } from '../render/render-export-yaml.js';
import { renderStarterYaml } from '../render/render-starter-yaml.js';
import { exportYaml } from './export-command.js';
import { DEFAULTS, type GlobalOptions } from './global-options.js';
import type { CliIo } from './io.js';
import { writeFileAtomically } from './output-file.js';
import { membershipSchemaText } from './schema-command.js';
import { EXIT } from './exit-codes.js';

export interface InitCommandOptions {
  readonly file: string;
  readonly fromCurrent?: boolean;
  readonly provider?: ProviderName;
  readonly organization?: string;
  /** Positional `turso.ORG` / `planetscale.ORG` scopes, for --from-current. */
  readonly organizations?: readonly string[];
}

/** Needs no logger (and no token) without --from-current, so main.ts builds one only then. */
export async function runInitCommand(
  options: InitCommandOptions,
  globals: GlobalOptions,
  io: CliIo,
  logger: () => Promise<Logger>,
): Promise<number> {
  const scopes = initScopes(options);
  const schemaFile = join(dirname(options.file), SCHEMA_FILE_NAME);
  if (resolve(schemaFile) === resolve(options.file)) {
    throw new SettingsError(`-f ${options.file} is where the schema goes; name the desired-state file differently`);
  }
  // Before any request: an existing file (or a link, even a dangling one) is never replaced.
  await refuseExisting(options.file);

  const yaml = scopes === undefined ? renderStarterYaml() : await exportYaml(scopes, globals, io, await logger());
  const lines: string[] = [];
  if (await exists(schemaFile)) {
    lines.push(`Kept the existing ${schemaFile} (refresh it with: membership schema > ${shellWord(schemaFile)}).`);
  } else {
    await writeFileAtomically(schemaFile, membershipSchemaText(), { create: true });
    lines.push(`Wrote ${schemaFile}: the JSON Schema the file's first line points editors at.`);
  }
  // Linked into place, never renamed over: a file made while the export ran is not replaced.
  await writeFileAtomically(options.file, io.redact(yaml), { create: true });

  const plan = options.file === DEFAULTS.file ? 'membership plan' : `membership plan -f ${shellWord(options.file)}`;
  if (scopes === undefined) {
    lines.unshift(`Wrote ${options.file}: a commented starter (valid as it is; the names in it are examples).`);
    lines.push('Next, replace the example names with yours, then run:', `  ${plan}`);
  } else {
    lines.unshift(`Wrote ${options.file}: today's membership of ${describeScopes(scopes)}.`);
    lines.push('Next, review it, then run (it shows no changes):', `  ${plan}`);
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

/** The organizations to export with --from-current, or undefined for the starter; option errors first. */
function initScopes(options: InitCommandOptions): ExportScopes | undefined {
  const named = options.organizations ?? [];
  const picked = named.length > 0 || options.provider !== undefined || options.organization !== undefined;
  if (options.fromCurrent !== true) {
    if (picked) throw new SettingsError('organizations are named only with --from-current (which exports them)');
    return undefined;
  }
  if (options.organization !== undefined && options.provider === undefined) {
    throw new SettingsError(`--organization needs --provider ${PROVIDER_NAMES.join('|')}`);
  }
  if (options.provider !== undefined && options.organization === undefined) {
    throw new SettingsError(
      `--provider ${options.provider} needs --organization ORG (init has no file to read them from)`,
    );
  }
  const scopes: Record<ProviderName, string[]> = { turso: [], planetscale: [] };
  if (options.provider !== undefined && options.organization !== undefined) {
    scopes[options.provider].push(options.organization);
  }
  for (const text of named) {
    const scope = parseScope(text);
    if (scope === undefined) throw new SettingsError(`${text}: ${scopeForms()}`);
    if (scope.team !== undefined) {
      const organization = formatScope({ provider: scope.provider, organization: scope.organization });
      throw new SettingsError(`${text}: init exports whole organizations; name ${organization}`);
    }
    if (!scopes[scope.provider].includes(scope.organization)) scopes[scope.provider].push(scope.organization);
  }
  if (PROVIDER_NAMES.every((name) => scopes[name].length === 0)) {
    throw new SettingsError(
      '--from-current needs the organizations to export: turso.ORG or planetscale.ORG arguments, or --provider P --organization ORG',
    );
  }
  return scopes;
}

async function refuseExisting(file: string): Promise<void> {
  if (await exists(file)) {
    throw new SettingsError(
      `${file} already exists; init never overwrites a file (to refresh it from the live APIs: ` +
        `membership export -f ${shellWord(file)} --out ${shellWord(file)} --replace)`,
    );
  }
}

/** Whether anything is at `path`, a dangling symlink included. */
async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new SettingsError(`cannot check ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function describeScopes(scopes: ExportScopes): string {
  return PROVIDER_NAMES.flatMap((provider) =>
    scopes[provider].map((organization) => formatScope({ provider, organization })),
  ).join(', ');
}

/** `path` as one shell word, so the command printed can be pasted. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
