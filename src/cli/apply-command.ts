/**
 * `membership apply [PLANFILE]`. With a saved plan: no prompt (the review was the approval), but
 * every reviewed change must still be justified by the desired-state file and today's state, checked
 * by planning again now; without one: plan now and ask, or require --auto-approve where nobody can answer.
 */
import type { Logger } from 'pino';
import { applyPlan } from '../applier/apply-plan.js';
import {
  ConfigError,
  PlanFileError,
  SettingsError,
  StalePlanError,
  UnjustifiedPlanError,
  PlanProblemsError,
} from '../errors.js';
import type { DesiredState } from '../model/desired-state.js';
import type { Observed } from '../model/observed.js';
import { PLAN_FORMAT_VERSION, type Change, type Plan } from '../model/plan.js';
import type { Target } from '../model/providers.js';
import type { Result } from '../model/result.js';
import { justifyReviewedChanges } from '../planner/justify-reviewed-changes.js';
import { compareChanges } from '../plan-file/compare-changes.js';
import { readPlanFile, type PlanFile } from '../plan-file/plan-file.js';
import { createProviders, type ProviderSet } from '../providers/create-providers.js';
import { parseTarget } from '../providers/registry.js';
import { plural } from '../render/plural.js';
import { renderPlanText } from '../render/render-plan-text.js';
import { countResults, renderResultLine, renderResultsJson, renderResultsSummary } from '../render/render-results.js';
import { renderResultsMarkdown } from '../render/render-results-markdown.js';
import { renderStalePlan } from '../render/render-stale-plan.js';
import { renderUnjustifiedPlan, renderUnreviewedChanges } from '../render/render-unjustified-plan.js';
import { confirm } from './confirm.js';
import type { GlobalOptions } from './global-options.js';
import { interruptible } from './interrupts.js';
import type { CliIo } from './io.js';
import { createLiveProgress } from './live-progress.js';
import {
  makePlan,
  planScopes,
  providerOptions,
  readDesiredFile,
  type PlanSettings,
  type SafetyOptions,
} from './make-plan.js';
import { appendStepSummary } from './step-summary.js';
import { styleFor } from '../render/style.js';
import { EXIT, exitCodeForSignal } from './exit-codes.js';

export interface ApplyCommandOptions {
  readonly planFile?: string;
  readonly file: string;
  /** -f was given (rather than defaulted). */
  readonly fileExplicit: boolean;
  readonly autoApprove: boolean;
  readonly format: 'text' | 'json';
  readonly target: readonly string[];
  readonly maxRemovals: number;
  /** --max-removals was given: with a saved plan, a cap larger than the recorded one wins. */
  readonly maxRemovalsExplicit: boolean;
  readonly allowEmpty: boolean;
  readonly staleInviteDays: number;
  readonly expiryWarningDays: number;
}

export async function runApplyCommand(
  options: ApplyCommandOptions,
  globals: GlobalOptions,
  io: CliIo,
  logger: Logger,
): Promise<number> {
  // Created before any provider so that an interrupt also stops requests queued in their budgets.
  const controller = new AbortController();
  const approved = options.planFile
    ? await changesFromPlanFile(options.planFile, options, globals, io, logger, controller.signal)
    : await changesFromFreshPlan(options, globals, io, logger, controller.signal);
  if (approved === 'cancelled') return EXIT.error;
  return executeChanges(approved, options, globals, io, logger, controller);
}

const NOTHING_PLANNED: Plan = {
  format_version: PLAN_FORMAT_VERSION,
  changes: [],
  drift: [],
  problems: [],
  notices: [],
};
const NOTHING_OBSERVED: Observed = { turso: new Map(), planetscale: new Map() };

interface ApprovedChanges {
  /** Every approved change, in plan order. */
  readonly changes: readonly Change[];
  /** Approved, and already true today: reported without a request. */
  readonly converged: ReadonlySet<Change>;
  readonly providerSet: ProviderSet;
}

/**
 * The reviewed plan is the approval, not the authority: the file (named by -f, never by the plan)
 * must be the one reviewed, and a plan made now over the same scopes with the same safety options
 * must hold each reviewed change identically or show it converged. Anything else: zero writes.
 */
async function changesFromPlanFile(
  planPath: string,
  options: ApplyCommandOptions,
  globals: GlobalOptions,
  io: CliIo,
  logger: Logger,
  signal: AbortSignal,
): Promise<ApprovedChanges> {
  if (options.target.length > 0) {
    throw new SettingsError(
      '--target cannot narrow a saved plan: it applies exactly what was reviewed; pass --target to `membership plan` instead',
    );
  }
  const planFile = await readPlanFile(planPath);
  const { desired, desiredSha256 } = await readReviewedFile(planFile, options);
  const safety = safetyFor(planFile, options);
  const settings: PlanSettings = {
    ...safety,
    staleInviteDays: options.staleInviteDays,
    expiryWarningDays: options.expiryWarningDays,
    signal,
  };
  if (desiredSha256 !== planFile.desired_sha256)
    await refuseStale(planPath, planFile, desired, settings, options, globals, io, logger);

  const targets =
    planFile.targets.length > 0 ? planFile.targets.map(parseTarget) : touchedScopes(planFile.changes, desired);
  // Compared without the cap: the cap is checked on what would be written, not on what nobody reviewed.
  // No target (no change, or none in a scope the file declares): nothing to observe, nothing justified.
  const fresh =
    targets.length === 0
      ? {
          plan: NOTHING_PLANNED,
          observed: NOTHING_OBSERVED,
          providerSet: await createProviders([], providerOptions(globals, io, logger, signal)),
        }
      : await planScopes(desired, targets, { ...settings, maxRemovals: Number.POSITIVE_INFINITY }, globals, io, logger);
  const justification = justifyReviewedChanges(planFile.changes, fresh.plan, fresh.observed, desired, safety);
  if (justification.unjustified.length > 0 || justification.problems.length > 0) {
    const report = {
      planFile: planPath,
      desiredFile: options.file,
      unjustified: justification.unjustified,
      problems: justification.problems,
    };
    throw new UnjustifiedPlanError(renderUnjustifiedPlan(report));
  }
  const unreviewed = renderUnreviewedChanges(justification.unreviewed);
  if (unreviewed !== '') (options.format === 'text' ? io.stdout : io.stderr).write(unreviewed);
  return { changes: planFile.changes, converged: new Set(justification.converged), providerSet: fresh.providerSet };
}

/** The file named by -f; when it cannot be read and the plan names another, say so. */
async function readReviewedFile(
  planFile: PlanFile,
  options: ApplyCommandOptions,
): Promise<{ desired: DesiredState; desiredSha256: string }> {
  try {
    return await readDesiredFile(options.file);
  } catch (error) {
    if (!(error instanceof ConfigError) || options.fileExplicit || planFile.desired_file === options.file) throw error;
    throw new PlanFileError(`${error.message}
The plan was made from ${planFile.desired_file}: pass -f ${planFile.desired_file} to apply it`);
  }
}

/** The options the plan was reviewed with; an explicitly larger --max-removals, or --allow-empty, wins. */
function safetyFor(planFile: PlanFile, options: ApplyCommandOptions): SafetyOptions {
  return {
    maxRemovals: options.maxRemovalsExplicit
      ? Math.max(planFile.max_removals, options.maxRemovals)
      : planFile.max_removals,
    allowEmpty: planFile.allow_empty || options.allowEmpty,
  };
}

/** One whole-organization target per organization a change touches that the file declares. */
function touchedScopes(changes: readonly Change[], desired: DesiredState): Target[] {
  const targets = new Map<string, Target>();
  for (const { provider, organization } of changes) {
    if (desired[provider]?.organizations.has(organization) !== true) continue;
    targets.set(JSON.stringify([provider, organization]), { provider, organization });
  }
  return [...targets.values()];
}

/** The file changed since review: refuse (zero writes), showing what a plan made now would do differently. */
async function refuseStale(
  planPath: string,
  planFile: PlanFile,
  desired: DesiredState,
  settings: PlanSettings,
  options: ApplyCommandOptions,
  globals: GlobalOptions,
  io: CliIo,
  logger: Logger,
): Promise<never> {
  // Compared like with like: a plan made now over the same --target scopes.
  const fresh = await planScopes(desired, planFile.targets.map(parseTarget), settings, globals, io, logger);
  const difference = compareChanges(planFile.changes, fresh.plan.changes);
  throw new StalePlanError(
    renderStalePlan({
      planFile: planPath,
      desiredFile: options.file,
      difference,
      problems: fresh.plan.problems.length,
    }),
  );
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
    options.file,
    options.target,
    { ...options, signal },
    globals,
    io,
    logger,
  );
  if (options.format === 'text') io.stdout.write(renderPlanText(plan, styleFor(io.stdout, io.env)));
  if (plan.problems.length > 0) {
    throw new PlanProblemsError(plan.problems);
  }
  if (plan.changes.length > 0 && !options.autoApprove) {
    const human = options.format === 'text' ? io.stdout : io.stderr;
    if (!(await confirm(io, human, '\nDo you want to apply these changes?'))) {
      human.write('\nApply cancelled: nothing was changed.\n');
      return 'cancelled';
    }
  }
  return { changes: plan.changes, converged: new Set(), providerSet };
}

async function executeChanges(
  { changes, converged, providerSet }: ApprovedChanges,
  options: ApplyCommandOptions,
  globals: GlobalOptions,
  io: CliIo,
  logger: Logger,
  controller: AbortController,
): Promise<number> {
  const style = styleFor(io.stdout, io.env);
  if (changes.length === 0) {
    io.stdout.write(options.format === 'json' ? renderResultsJson([], false) : 'Nothing to apply.\n');
    await appendStepSummary(renderResultsMarkdown([]), io);
    return EXIT.ok;
  }

  if (options.format === 'text') io.stdout.write(`\nApplying ${plural(changes.length, 'change')}...\n`);
  const completed = new Map<Change, Result>();
  const progress = createLiveProgress(io.stderr, changes.length);
  const onResult = (result: Result) => {
    completed.set(result.change, result);
    logger.info(logFields(result), 'change finished');
    progress.clear();
    if (options.format === 'text') io.stdout.write(renderResultLine(result, style) + '\n');
    progress.record(result);
  };
  // Converged since the review: true already, so no request is made for them.
  for (const change of converged) onResult({ change, outcome: 'already_present' });
  const toRun = changes.filter((change) => !converged.has(change));
  const { signal } = await interruptible(io, controller, (abortSignal) =>
    applyPlan(toRun, providerSet.providers, { concurrency: globals.concurrency, signal: abortSignal, onResult }),
  );
  progress.clear();
  // In plan order; if the grace period ran out, what never answered is reported, not guessed.
  const results = changes.map((change) => completed.get(change) ?? inFlightAtExit(change));

  const interrupted = signal !== undefined;
  io.stdout.write(
    options.format === 'json'
      ? renderResultsJson(results, interrupted)
      : '\n' + renderResultsSummary(results, interrupted, style),
  );
  await appendStepSummary(renderResultsMarkdown(results, interrupted), io);
  if (signal) return exitCodeForSignal(signal);
  const counts = countResults(results);
  return counts.failed > 0 || counts.skipped > 0 ? EXIT.error : EXIT.ok;
}

/** An audit trail for --log-level info: the change's own fields (never a header or token) and its outcome. */
function logFields(result: Result): Record<string, unknown> {
  const { change, outcome } = result;
  if (result.outcome === 'failed')
    return { ...change, outcome, status: result.error.status, error: result.error.message };
  if (result.outcome === 'skipped') return { ...change, outcome, reason: result.reason };
  return { ...change, outcome };
}

function inFlightAtExit(change: Change): Result {
  return {
    change,
    outcome: 'skipped',
    reason: 'still in flight when the interrupt grace period ended; run apply again to converge',
  };
}
