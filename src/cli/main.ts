#!/usr/bin/env node
/**
 * The only code that sees argv and decides exit codes. Commands are loaded lazily so that
 * `--help` and `--version` do not pay for got, ajv and pino.
 */
import { Command, Option } from 'commander';
import { PROVIDER_NAMES } from '../model/desired-state.js';
import { environmentHelp, secretsFromEnvironment } from '../providers/registry.js';
import { createRedactor } from '../redact/create-redactor.js';
import type { CliIo } from './io.js';
import type { ApplyCommandOptions } from './apply-command.js';
import {
  DEFAULTS,
  logLevel,
  nonNegativeInteger,
  oneOf,
  positiveInteger,
  isoDate,
  positiveNumber,
  type GlobalOptions,
} from './global-options.js';
import type { ReportCommandOptions, WhoCommandOptions } from './access-review-command.js';
import type { ExportCommandOptions } from './export-command.js';
import type { InitCommandOptions } from './init-command.js';
import type { PlanCommandOptions } from './plan-command.js';
import type { SandboxCommandOptions } from './sandbox-command.js';
import type { ValidateCommandOptions } from './validate-command.js';
import { redactingStream } from './redacting-stream.js';
import { reportUsageErrorsLikeTheTool } from './usage-errors.js';
import { VERSION } from './version.js';
import { EXIT } from './exit-codes.js';

// Every byte written passes one redactor: commands get only redacting streams, and the logger,
// plan files and job summaries take `io.redact`. Stack traces of bugs go through io.stderr too.
const redact = createRedactor(secretsFromEnvironment(process.env));
const io: CliIo = {
  stdout: redactingStream(process.stdout, redact),
  stderr: redactingStream(process.stderr, redact),
  stdin: process.stdin,
  env: process.env,
  redact,
};
/** sysexits' EX_SOFTWARE: distinguishes a bug from a known error (1) in CI logs. */

/** The running command's --format: under json, an error that ends the run is also printed as JSON on stdout. */
let errorFormat = 'text';

function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('membership')
    .description('Declarative membership for Turso organizations and PlanetScale teams: plan, then apply.')
    .version(VERSION, '-V, --version')
    // Help and usage errors (which quote the arguments given) through the same redacting streams;
    // subcommands inherit this.
    .configureOutput({ writeOut: (text) => void io.stdout.write(text), writeErr: (text) => void io.stderr.write(text) })
    .addOption(
      new Option('--log-level <level>', 'log level for JSON logs on stderr').default('warn').argParser(logLevel),
    )
    .addOption(
      new Option('--concurrency <n>', 'requests in flight per provider')
        .default(DEFAULTS.concurrency)
        .argParser(positiveInteger('--concurrency', 64)),
    )
    .addOption(
      new Option('--max-rps <n>', 'request starts per second per provider')
        .default(DEFAULTS.maxRps)
        .argParser(positiveInteger('--max-rps', 1000)),
    )
    .addOption(
      new Option('--retry-attempts <n>', 'attempts per request for retryable failures (429, 5xx, resets)')
        .default(DEFAULTS.retryAttempts)
        .argParser(positiveInteger('--retry-attempts', 20)),
    )
    .addOption(
      new Option('--retry-max-time <seconds>', 'total time one request may spend retrying')
        .default(DEFAULTS.retryMaxTime)
        .argParser(positiveNumber('--retry-max-time', 3600)),
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  membership validate',
        '  membership plan --out plan.json            review it, then:',
        '  membership apply plan.json                 applies that plan, as far as the file and today still justify it',
        '  membership plan --detailed-exitcode        nightly drift check: exit 2 means drift or pending changes',
        '  membership init                            writes a commented starter membership.yaml',
        "  membership init --from-current turso.acme  writes turso.acme's membership today instead",
        '  membership schema > membership.schema.json',
        '  membership export --provider turso --organization acme > membership.yaml',
        '  membership export --people                 the same, as people and groups (one group per set of grants)',
        '  membership who alice@acme.dev              where alice has access, and why',
        '  membership report --format csv             the access review: one row per person per organization and team',
        '',
        ...environmentHelp(),
      ].join('\n'),
    );

  const run =
    (action: (globals: GlobalOptions) => Promise<number>) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      errorFormat = command.opts<{ format?: string }>().format ?? 'text';
      setExitCode(await action(command.optsWithGlobals<GlobalOptions>()));
    };
  const targetOption = () =>
    new Option('--target <scope>', 'limit to turso.ORG, planetscale.ORG or planetscale.ORG.TEAM (repeatable)')
      .argParser((value: string, previous: string[]) => [...previous, value])
      .default([]);
  const reconcileOptions = (command: Command) =>
    command
      .addOption(
        new Option('--max-removals <n>', 'refuse to apply a plan that removes more than this (0 forbids removals)')
          .default(DEFAULTS.maxRemovals)
          .argParser(nonNegativeInteger('--max-removals')),
      )
      .option('--allow-empty', 'allow a pruned scope whose declared list is empty to lose all its members', false)
      .addOption(
        new Option('--stale-invite-days <days>', 'report pending invites older than this as stale')
          .default(DEFAULTS.staleInviteDays)
          .argParser(positiveInteger('--stale-invite-days', 3650)),
      )
      .addOption(expiryWarningOption());
  const fileOption = () => new Option('-f, --file <file>', 'desired-state file').default(DEFAULTS.file);
  const formatOption = (formats: string[], help = 'output format') =>
    new Option('--format <format>', help).choices(formats).argParser(oneOf(formats)).default(formats[0]);
  const asOfOption = (help: string) => new Option('--as-of <date>', help).argParser(isoDate('--as-of'));
  const expiryWarningOption = (help = 'note grants that end within this many days') =>
    new Option('--expiry-warning-days <days>', help)
      .default(DEFAULTS.expiryWarningDays)
      .argParser(nonNegativeInteger('--expiry-warning-days'));

  program
    .command('validate')
    .description('check the desired-state file offline (no API requests)')
    .addOption(fileOption())
    .addOption(formatOption(['text', 'json']))
    .action(
      run(async (globals) => {
        const { runValidateCommand } = await import('./validate-command.js');
        return runValidateCommand(globals as GlobalOptions & ValidateCommandOptions, io);
      }),
    );

  reconcileOptions(
    program
      .command('plan')
      .description('compare the file with the current membership and print what apply would change')
      .addOption(fileOption())
      .addOption(formatOption(['text', 'json', 'markdown']))
      .option('--out <planfile>', 'also save the plan as JSON, for `membership apply PLANFILE`')
      .addOption(targetOption())
      .option('--detailed-exitcode', 'exit 0 when nothing differs, 2 when changes or drift exist, 1 on error', false)
      .addOption(asOfOption('plan as of this day (YYYY-MM-DD, UTC): expiry, and invite ages')),
  ).action(
    run(async (globals) => {
      const { runPlanCommand } = await import('./plan-command.js');
      return runPlanCommand(globals as GlobalOptions & PlanCommandOptions, globals, io, await logger(globals));
    }),
  );

  const apply = reconcileOptions(
    program
      .command('apply')
      .description('make the API calls that close the gap (from a saved plan, or after planning and approval)')
      .argument('[planfile]', 'a plan saved with `membership plan --out`: applied exactly, without a prompt')
      .addOption(fileOption())
      .addOption(formatOption(['text', 'json']))
      .addOption(targetOption())
      .option('--auto-approve', 'apply a fresh plan without asking (required when stdin is not a terminal)', false),
  );
  apply.action(
    run(async (globals) => {
      const { runApplyCommand } = await import('./apply-command.js');
      const planFile = apply.args[0];
      const fileExplicit = apply.getOptionValueSource('file') !== 'default';
      const maxRemovalsExplicit = apply.getOptionValueSource('maxRemovals') !== 'default';
      const options = globals as GlobalOptions &
        Omit<ApplyCommandOptions, 'fileExplicit' | 'maxRemovalsExplicit' | 'planFile'>;
      const explicit = { fileExplicit, maxRemovalsExplicit };
      return runApplyCommand(
        { ...options, ...explicit, ...(planFile ? { planFile } : {}) },
        globals,
        io,
        await logger(globals),
      );
    }),
  );

  const who = program
    .command('who')
    .description(
      "show one person's access, declared (and why) and observed, in every organization and team of the file",
    )
    .argument('<person>', 'a person id from people:, an email or a Turso username (case-insensitive)')
    .addOption(fileOption())
    .addOption(formatOption(['text', 'json', 'markdown']))
    .addOption(asOfOption('review as of this day (YYYY-MM-DD, UTC): which grants hold, and which are expiring'))
    .addOption(expiryWarningOption('show grants that end within this many days as expiring'));
  who.action(
    run(async (globals) => {
      const { runWhoCommand } = await import('./access-review-command.js');
      const options = { ...(globals as GlobalOptions & Omit<WhoCommandOptions, 'person'>), person: who.args[0] ?? '' };
      return runWhoCommand(options, globals, io, await logger(globals));
    }),
  );

  program
    .command('report')
    .description(
      'print the access review: one row per person per organization and team, observed and declared, with reasons',
    )
    .addOption(fileOption())
    .addOption(
      formatOption(
        ['markdown', 'csv', 'json'],
        "output format (csv: RFC 4180; a field starting with = + - @ gets a leading ' so spreadsheets run no formula)",
      ),
    )
    .addOption(asOfOption('review as of this day (YYYY-MM-DD, UTC): which grants hold, and which are expiring'))
    .addOption(expiryWarningOption('show grants that end within this many days as expiring'))
    .action(
      run(async (globals) => {
        const { runReportCommand } = await import('./access-review-command.js');
        return runReportCommand(globals as GlobalOptions & ReportCommandOptions, globals, io, await logger(globals));
      }),
    );

  program
    .command('export')
    .description('print the current membership as YAML (of the organizations in the file, or the one named)')
    .addOption(fileOption())
    .addOption(
      new Option('--provider <provider>', 'only this provider')
        .choices(PROVIDER_NAMES)
        .argParser(oneOf(PROVIDER_NAMES)),
    )
    .option('--organization <org>', 'only this organization (needs --provider; then the file is not needed)')
    .option('--out <file>', 'write the YAML to this file, replaced in one step, instead of to stdout')
    .option('--replace', 'let --out replace the desired-state file (-f): it is read first, then replaced', false)
    .option(
      '--people',
      'write the person form: one person per email, one group per distinct set of grants (pending invites, and members without an email, stay in the provider sections)',
      false,
    )
    .action(
      run(async (globals) => {
        const { runExportCommand } = await import('./export-command.js');
        return runExportCommand(globals as GlobalOptions & ExportCommandOptions, globals, io, await logger(globals));
      }),
    );

  const init = program
    .command('init')
    .description("write a starter desired-state file (or, with --from-current, today's membership); never overwrites")
    .argument('[organizations...]', 'with --from-current: the organizations to export, as turso.ORG or planetscale.ORG')
    .addOption(fileOption())
    .option('--from-current', 'write what `membership export` prints for the organizations named', false)
    .addOption(
      new Option('--provider <provider>', 'with --from-current and --organization: this provider')
        .choices(PROVIDER_NAMES)
        .argParser(oneOf(PROVIDER_NAMES)),
    )
    .option('--organization <org>', 'with --from-current and --provider: this organization');
  init.action(
    run(async (globals) => {
      const { runInitCommand } = await import('./init-command.js');
      const options = { ...(globals as GlobalOptions & InitCommandOptions), organizations: init.args };
      return runInitCommand(options, globals, io, () => logger(globals));
    }),
  );

  program
    .command('schema')
    .description('print the JSON Schema of the desired-state file (membership schema > membership.schema.json)')
    .action(
      run(async () => {
        const { runSchemaCommand } = await import('./schema-command.js');
        return runSchemaCommand(io);
      }),
    );

  program
    .command('sandbox')
    .description('run a local fake of both APIs, seeded from a JSON file, and print the variables to use it')
    .requiredOption('--seed <file>', 'sandbox seed (see examples/sandbox-seed.json)')
    .option('--latency <ms>', 'delay every response', positiveInteger('--latency', 60_000))
    .option(
      '--rate-limit <rps>',
      'answer 429 above this many requests per second',
      positiveInteger('--rate-limit', 100_000),
    )
    .action(
      run(async (globals) => {
        const { runSandboxCommand } = await import('./sandbox-command.js');
        return runSandboxCommand(globals as GlobalOptions & SandboxCommandOptions, io);
      }),
    );

  reportUsageErrorsLikeTheTool(program);
  return program;
}

async function logger(globals: GlobalOptions) {
  const { createLogger } = await import('../logger.js');
  return createLogger(globals.logLevel, 2, io.redact);
}

async function main(): Promise<number> {
  let exitCode = 0;
  try {
    await buildProgram((code) => (exitCode = code)).parseAsync(process.argv);
    return exitCode;
  } catch (error) {
    // On stdout as schemas/error.schema.json says, and on stderr as below, for the people reading the log.
    if (errorFormat === 'json') io.stdout.write((await import('./error-json.js')).renderErrorJson(error));
    const { UserError } = await import('../errors.js');
    if (error instanceof UserError) {
      const { printableLines } = await import('../render/printable.js');
      io.stderr.write(`Error: ${printableLines(error.message)}\n`);
      return EXIT.error;
    }
    io.stderr.write(
      `membership: unexpected error (this is a bug; please report it):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.bug;
  }
}

const code = await main();
process.exitCode = code;
// Keep-alive sockets and stray timers must not hold a finished command open.
process.stdout.write('', () => process.exit(code));
