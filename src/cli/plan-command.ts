/** `membership plan`: observe, diff, print; optionally save the plan for a later `apply PLANFILE`. */
import type { Logger } from 'pino';
import type { Plan } from '../model/plan.js';
import { toPlanFile, writePlanFile } from '../plan-file/plan-file.js';
import { renderPlanJson } from '../render/render-plan-json.js';
import { renderPlanMarkdown } from '../render/render-plan-markdown.js';
import { renderPlanText } from '../render/render-plan-text.js';
import type { GlobalOptions } from './global-options.js';
import type { CliIo } from './io.js';
import { makePlan } from './make-plan.js';
import { appendStepSummary } from './step-summary.js';
import { styleFor } from './style.js';

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

export async function runPlanCommand(options: PlanCommandOptions, globals: GlobalOptions, io: CliIo, logger: Logger): Promise<number> {
  const { plan, desiredSha256, observedSha256 } = await makePlan(
    { file: options.file, targets: options.target, allowEmpty: options.allowEmpty, staleInviteDays: options.staleInviteDays },
    globals,
    io,
    logger,
  );
  const markdown = renderPlanMarkdown(plan, { file: options.file, maxRemovals: options.maxRemovals });
  io.stdout.write(render(plan, options, markdown, io));
  await appendStepSummary(markdown, io);

  if (plan.problems.length > 0) {
    if (options.out) io.stderr.write(`No plan file written: the plan has ${plan.problems.length} problem(s).\n`);
    return 1;
  }
  if (options.out) {
    const planFile = toPlanFile(plan, { desiredFile: options.file, desiredSha256, observedSha256, targets: options.target });
    await writePlanFile(options.out, planFile, io.redact);
    if (options.format === 'text') {
      io.stdout.write(`\nSaved the plan to ${options.out}. To apply exactly these changes, run:\n  membership apply ${options.out}\n`);
    }
  }
  return exitCodeFor(plan, options.detailedExitcode);
}

function render(plan: Plan, options: PlanCommandOptions, markdown: string, io: CliIo): string {
  if (options.format === 'json') return renderPlanJson(plan);
  if (options.format === 'markdown') return markdown;
  return renderPlanText(plan, styleFor(io.stdout, io.env), { maxRemovals: options.maxRemovals });
}

/** With --detailed-exitcode: 0 file and reality agree, 2 changes or drift present (1 is any error). */
function exitCodeFor(plan: Plan, detailed: boolean): number {
  if (!detailed) return 0;
  return plan.changes.length > 0 || plan.drift.length > 0 ? 2 : 0;
}
