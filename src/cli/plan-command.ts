/** `membership plan`: observe, diff, print; optionally save the plan for a later `apply PLANFILE`. */
import type { Logger } from 'pino';
import type { Plan } from '../model/plan.js';
import { planFileText, toPlanFile } from '../plan-file/plan-file.js';
import { renderPlanJson } from '../render/render-plan-json.js';
import { renderPlanMarkdown } from '../render/render-plan-markdown.js';
import { renderPlanText } from '../render/render-plan-text.js';
import { plural } from '../render/plural.js';
import { DEFAULTS, type GlobalOptions } from './global-options.js';
import type { CliIo } from './io.js';
import { makePlan } from './make-plan.js';
import { refuseOverwritingInput, writeFileAtomically } from './output-file.js';
import { appendStepSummary } from './step-summary.js';
import { styleFor } from '../render/style.js';
import { EXIT } from './exit-codes.js';
import { SettingsError } from '../errors.js';

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
  readonly expiryWarningDays: number;
  readonly asOf?: number;
}

export async function runPlanCommand(
  options: PlanCommandOptions,
  globals: GlobalOptions,
  io: CliIo,
  logger: Logger,
): Promise<number> {
  if (options.asOf !== undefined && options.out !== undefined) {
    throw new SettingsError(
      '--as-of previews another day and cannot be saved with --out: apply acts as of the day it runs, so plan without --as-of',
    );
  }
  // `--out membership.yaml` would replace the reviewed file with a plan of it.
  if (options.out !== undefined) {
    await refuseOverwritingInput(options.out, options.file, 'save the plan elsewhere, e.g. --out plan.json');
  }
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
    // Atomic: a CI job that uploads the plan never picks up half a file.
    await writeFileAtomically(options.out, planFileText(toPlanFile(plan, origin), io.redact));
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
