/**
 * `membership apply [PLANFILE]`: with a saved plan, execute exactly its changes (the review was the
 * approval); without one, plan now and ask, or require --auto-approve where nobody can answer.
 */
import type { Logger } from 'pino';
import { applyPlan } from '../applier/apply-plan.js';
import { SettingsError, StalePlanError, UserError } from '../errors.js';
import { isRemoval, type Change } from '../model/plan.js';
import type { Result } from '../model/result.js';
import { readDesiredStateFile } from '../config/load-desired-state.js';
import { compareChanges } from '../plan-file/compare-changes.js';
import { sha256 } from '../plan-file/digest.js';
import { readPlanFile, type PlanFile } from '../plan-file/plan-file.js';
import { renderStalePlan } from '../render/render-stale-plan.js';
import { createProviders, type ProviderSet } from '../providers/registry.js';
import { renderPlanText } from '../render/render-plan-text.js';
import { countResults, renderResultLine, renderResultsJson, renderResultsSummary } from '../render/render-results.js';
import { renderResultsMarkdown } from '../render/render-results-markdown.js';
import { confirm } from './confirm.js';
import { appendStepSummary } from './step-summary.js';
import type { GlobalOptions } from './global-options.js';
import type { CliIo } from './io.js';
import { makePlan, providerOptions } from './make-plan.js';
import { interruptible } from './interrupts.js';
import { createLiveProgress } from './live-progress.js';
import { styleFor } from './style.js';

export interface ApplyCommandOptions {
  readonly planFile?: string;
  readonly file: string;
  /** -f was given: check the plan against this file rather than the one the plan names. */
  readonly fileExplicit: boolean;
  readonly autoApprove: boolean;
  readonly format: 'text' | 'json';
  readonly target: readonly string[];
  readonly maxRemovals: number;
  readonly allowEmpty: boolean;
  readonly staleInviteDays: number;
}

export async function runApplyCommand(options: ApplyCommandOptions, globals: GlobalOptions, io: CliIo, logger: Logger): Promise<number> {
  // Created before any provider so that an interrupt also stops requests queued in their budgets.
  const controller = new AbortController();
  const approved = options.planFile
    ? await changesFromPlanFile(options.planFile, options, globals, io, logger, controller.signal)
    : await changesFromFreshPlan(options, globals, io, logger, controller.signal);
  if (approved === 'cancelled') return 1;
  return executeChanges(approved, options, globals, io, logger, controller);
}

interface ApprovedChanges {
  readonly changes: readonly Change[];
  readonly providerSet: ProviderSet;
}

/** The reviewed plan is the approval: no prompt, but it must still match the file it came from. */
async function changesFromPlanFile(
  planPath: string,
  options: ApplyCommandOptions,
  globals: GlobalOptions,
  io: CliIo,
  logger: Logger,
  signal: AbortSignal,
): Promise<ApprovedChanges> {
  if (options.target.length > 0) {
    throw new SettingsError('--target cannot narrow a saved plan: it applies exactly what was reviewed; pass --target to `membership plan` instead');
  }
  const planFile = await readPlanFile(planPath);
  await refuseIfStale(planPath, planFile, options.fileExplicit ? options.file : planFile.desired_file, globals, io, logger);
  refuseOverRemovalCap(planFile.changes, options.maxRemovals);
  const names = [...new Set(planFile.changes.map((change) => change.provider))];
  return { changes: planFile.changes, providerSet: createProviders(names, providerOptions(globals, io, logger, signal)) };
}

/** Plan now, show it, and ask: on a terminal a person answers; elsewhere only --auto-approve does. */
async function changesFromFreshPlan(
  options: ApplyCommandOptions,
  globals: GlobalOptions,
  io: CliIo,
  logger: Logger,
  signal: AbortSignal,
): Promise<ApprovedChanges | 'cancelled'> {
  if (!options.autoApprove && !io.stdin.isTTY) {
    throw new SettingsError(
      'apply needs approval, but stdin is not a terminal: pass --auto-approve, or review a saved plan and apply it (membership plan --out plan.json, then membership apply plan.json)',
    );
  }
  const { plan, providerSet } = await makePlan(
    { file: options.file, targets: options.target, signal, allowEmpty: options.allowEmpty, staleInviteDays: options.staleInviteDays },
    globals,
    io,
    logger,
  );
  if (options.format === 'text') io.stdout.write(renderPlanText(plan, styleFor(io.stdout, io.env), { maxRemovals: options.maxRemovals }));
  if (plan.problems.length > 0) {
    throw new UserError(`nothing applied: the plan has ${plan.problems.length} problem(s); fix them and plan again`);
  }
  refuseOverRemovalCap(plan.changes, options.maxRemovals);
  if (plan.changes.length > 0 && !options.autoApprove) {
    const human = options.format === 'text' ? io.stdout : io.stderr;
    if (!(await confirm(io, human, '\nDo you want to apply these changes?'))) {
      human.write('\nApply cancelled: nothing was changed.\n');
      return 'cancelled';
    }
  }
  return { changes: plan.changes, providerSet };
}

async function executeChanges(
  { changes, providerSet }: ApprovedChanges,
  options: ApplyCommandOptions,
  globals: GlobalOptions,
  io: CliIo,
  logger: Logger,
  controller: AbortController,
): Promise<number> {
  const style = styleFor(io.stdout, io.env);
  if (changes.length === 0) {
    io.stdout.write(options.format === 'json' ? renderResultsJson([]) : 'Nothing to apply.\n');
    await appendStepSummary(renderResultsMarkdown([]), io);
    return 0;
  }

  if (options.format === 'text') io.stdout.write(`\nApplying ${changes.length} change(s)...\n`);
  const completed = new Map<Change, Result>();
  const progress = createLiveProgress(io.stderr, changes.length);
  const { value, signal } = await interruptible(io, controller, (abortSignal) =>
    applyPlan(changes, providerSet.providers, {
      concurrency: globals.concurrency,
      signal: abortSignal,
      onResult: (result: Result) => {
        completed.set(result.change, result);
        logger.info(logFields(result), 'change finished');
        progress.clear();
        if (options.format === 'text') io.stdout.write(renderResultLine(result, style) + '\n');
        progress.record(result);
      },
    }),
  );
  progress.clear();
  // The grace period ran out: what never answered is reported, not guessed.
  const results = value ?? changes.map((change) => completed.get(change) ?? inFlightAtExit(change));

  io.stdout.write(options.format === 'json' ? renderResultsJson(results) : '\n' + renderResultsSummary(results, style));
  await appendStepSummary(renderResultsMarkdown(results), io);
  if (signal) return signal === 'SIGINT' ? 130 : 143;
  const counts = countResults(results);
  return counts.failed > 0 || counts.skipped > 0 ? 1 : 0;
}

/** Safe by construction: a typo or a bad merge must not empty an organization. */
function refuseOverRemovalCap(changes: readonly Change[], maxRemovals: number): void {
  const removals = changes.filter(isRemoval).length;
  if (removals <= maxRemovals) return;
  throw new UserError(
    `nothing applied: the plan removes ${removals}, more than --max-removals ${maxRemovals} allows; ` +
      `if that is intended, run apply again with --max-removals ${removals}`,
  );
}

/**
 * Apply only what was reviewed: when the desired-state file differs from the one the plan was made
 * from, refuse (zero writes) and show what a plan made now would do differently.
 */
async function refuseIfStale(
  planPath: string,
  planFile: PlanFile,
  desiredFile: string,
  globals: GlobalOptions,
  io: CliIo,
  logger: Logger,
): Promise<void> {
  const { bytes } = await readDesiredStateFile(desiredFile);
  if (sha256(bytes) === planFile.desired_sha256) return;
  // Compared like with like: a plan made now over the same --target scopes.
  const fresh = await makePlan({ file: desiredFile, targets: planFile.targets ?? [] }, globals, io, logger);
  const difference = compareChanges(planFile.changes, fresh.plan.changes);
  throw new StalePlanError(renderStalePlan({ planFile: planPath, desiredFile, difference, problems: fresh.plan.problems.length }));
}

/** An audit trail for --log-level info: the change's own fields (never a header or token) and its outcome. */
function logFields(result: Result): Record<string, unknown> {
  const { change, outcome } = result;
  if (result.outcome === 'failed') return { ...change, outcome, status: result.error.status, error: result.error.message };
  if (result.outcome === 'skipped') return { ...change, outcome, reason: result.reason };
  return { ...change, outcome };
}

function inFlightAtExit(change: Change): Result {
  return { change, outcome: 'skipped', reason: 'still in flight when the interrupt grace period ended; run apply again to converge' };
}
