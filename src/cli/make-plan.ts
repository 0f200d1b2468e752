/** The read-only half shared by plan and apply: load the file, observe the providers, diff. */
import type { Logger } from 'pino';
import { readDesiredStateInWorker } from '../config/read-desired-state-in-worker.js';
import { declaredProviders, type DesiredState } from '../model/desired-state.js';
import type { Observed } from '../model/observed.js';
import type { Plan } from '../model/plan.js';
import type { Target } from '../model/providers.js';
import { createPlan } from '../planner/create-plan.js';
import { selectTargets } from '../planner/select-targets.js';
import { sha256 } from '../plan-file/digest.js';
import { observeAll } from '../providers/observe-all.js';
import { createProviders, type ProviderOptions, type ProviderSet } from '../providers/create-providers.js';
import { formatScope } from '../model/scope.js';
import { parseTarget } from '../providers/registry.js';
import type { GlobalOptions } from './global-options.js';
import type { CliIo } from './io.js';
import { USER_AGENT } from './version.js';

/** The safety options a plan is made with; a saved plan records them, and apply re-plans with them. */
export interface SafetyOptions {
  readonly allowEmpty: boolean;
  readonly maxRemovals: number;
}

export interface PlanSettings extends SafetyOptions {
  readonly staleInviteDays: number;
  readonly expiryWarningDays: number;
  /** Plan as of this moment (ms since the epoch) instead of now: --as-of. */
  readonly asOf?: number;
  readonly signal?: AbortSignal;
}

export interface DesiredFile {
  readonly desired: DesiredState;
  /** sha256 of the desired-state file's bytes. */
  readonly desiredSha256: string;
}

export interface PlannedScopes {
  /** The desired state narrowed to the targets. */
  readonly desired: DesiredState;
  readonly observed: Observed;
  readonly plan: Plan;
  readonly providerSet: ProviderSet;
}

export type PlannedRun = PlannedScopes & DesiredFile;

export async function readDesiredFile(file: string): Promise<DesiredFile> {
  const { desired, bytes } = await readDesiredStateInWorker(file);
  // Hashed now, so that the file's bytes are not held while the providers are observed.
  return { desired, desiredSha256: sha256(bytes) };
}

/** Observes exactly the targeted scopes (all of the file when there are none) and diffs them. */
export async function planScopes(
  declared: DesiredState,
  targets: readonly Target[],
  settings: PlanSettings,
  options: GlobalOptions,
  io: CliIo,
  logger: Logger,
): Promise<PlannedScopes> {
  const desired = selectTargets(declared, targets, formatScope);
  const providerSet = await createProviders(
    declaredProviders(desired),
    providerOptions(options, io, logger, settings.signal),
  );
  const observed = await observeAll(desired, providerSet.providers);
  const plan = createPlan(desired, observed, {
    allowEmpty: settings.allowEmpty,
    maxRemovals: settings.maxRemovals,
    staleInviteDays: settings.staleInviteDays,
    expiryWarningDays: settings.expiryWarningDays,
    now: settings.asOf ?? Date.now(),
  });
  logger.info({ changes: plan.changes.length, drift: plan.drift.length, problems: plan.problems.length }, 'plan made');
  return { desired, observed, plan, providerSet };
}

/** `--target` values are checked before the file is read: a typo fails fast. */
export async function makePlan(
  file: string,
  targets: readonly string[],
  settings: PlanSettings,
  options: GlobalOptions,
  io: CliIo,
  logger: Logger,
): Promise<PlannedRun> {
  const parsedTargets = targets.map(parseTarget);
  const desiredFile = await readDesiredFile(file);
  return { ...desiredFile, ...(await planScopes(desiredFile.desired, parsedTargets, settings, options, io, logger)) };
}

export function providerOptions(
  options: GlobalOptions,
  io: CliIo,
  logger: Logger,
  signal?: AbortSignal,
): ProviderOptions {
  return {
    env: io.env,
    logger,
    concurrency: options.concurrency,
    maxRps: options.maxRps,
    retry: { maxAttempts: options.retryAttempts, maxTotalMs: options.retryMaxTime * 1000 },
    userAgent: USER_AGENT,
    ...(signal ? { signal } : {}),
  };
}
