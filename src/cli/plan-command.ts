/** `membership plan`: observe, diff, print; optionally save the plan for a later `apply PLANFILE`. */
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { SettingsError } from '../errors.js';
import type { Plan } from '../model/plan.js';
import { toPlanFile, writePlanFile } from '../plan-file/plan-file.js';
import { renderPlanJson } from '../render/render-plan-json.js';
import { renderPlanMarkdown } from '../render/render-plan-markdown.js';
import { renderPlanText } from '../render/render-plan-text.js';
import { plural } from '../render/plural.js';
import { DEFAULTS, type GlobalOptions } from './global-options.js';
import type { CliIo } from './io.js';
import { makePlan } from './make-plan.js';
import { appendStepSummary } from './step-summary.js';
import { styleFor } from '../render/style.js';
import { EXIT } from './exit-codes.js';

export type PlanFormat = 'text' | 'json' | 'markdown';

export interface PlanCommandOptions {
  readonly file: string;
  readonly out?: string;
  readonly format: PlanFormat;
  readonly detailedExitcode: boolean;
  readonly target: readonly string[];
  readonly maxRemovals: number;
  readonly allowEmpty: boolean;
  readonly staleInviteDays: number;
}

export async function runPlanCommand(
  options: PlanCommandOptions,
  globals: GlobalOptions,
  io: CliIo,
  logger: Logger,
): Promise<number> {
  if (options.out !== undefined) await refuseOverwritingInput(options.out, options.file);
  const { plan, desiredSha256 } = await makePlan(options.file, options.target, options, globals, io, logger);
  const markdown = renderPlanMarkdown(plan, { file: options.file });
  io.stdout.write(render(plan, options, markdown, io));
  await appendStepSummary(markdown, io);

  if (plan.problems.length > 0) {
    if (options.out)
      io.stderr.write(`No plan file written: the plan has ${plural(plan.problems.length, 'problem')}.\n`);
    return EXIT.error;
  }
  if (options.out) {
    const origin = {
      desiredFile: options.file,
      desiredSha256,
      targets: options.target,
      maxRemovals: options.maxRemovals,
      allowEmpty: options.allowEmpty,
    };
    await writePlanFile(options.out, toPlanFile(plan, origin), io.redact);
    if (options.format === 'text') {
      // apply reads the file named by -f, never a path from the plan: say it whenever it is not the default.
      const file = options.file === DEFAULTS.file ? '' : ` -f ${options.file}`;
      io.stdout.write(
        `\nSaved the plan to ${options.out}. To apply exactly these changes, run:\n  membership apply ${options.out}${file}\n`,
      );
    }
  }
  return exitCodeFor(plan, options.detailedExitcode);
}

/** `--out membership.yaml` would replace the reviewed file with a plan of it: refused before anything is read. */
async function refuseOverwritingInput(out: string, file: string): Promise<void> {
  const [outPath, filePath] = await Promise.all([canonicalPath(out), canonicalPath(file)]);
  if (outPath === filePath) {
    throw new SettingsError(
      `--out ${out} is the desired-state file itself; save the plan elsewhere, e.g. --out plan.json`,
    );
  }
}

/** The real path when the file exists (symlinks resolved), else the absolute path. */
async function canonicalPath(path: string): Promise<string> {
  return realpath(path).catch(() => resolve(path));
}

function render(plan: Plan, options: PlanCommandOptions, markdown: string, io: CliIo): string {
  if (options.format === 'json') return renderPlanJson(plan);
  if (options.format === 'markdown') return markdown;
  return renderPlanText(plan, styleFor(io.stdout, io.env));
}

/** With --detailed-exitcode: 0 file and reality agree, 2 changes or drift present (1 is any error). */
function exitCodeFor(plan: Plan, detailed: boolean): number {
  if (!detailed) return EXIT.ok;
  return plan.changes.length > 0 || plan.drift.length > 0 ? EXIT.changes : EXIT.ok;
}
