/** The read-only half shared by plan and apply: load the file, observe the providers, diff. */
import type { Logger } from 'pino';
import { readDesiredStateInWorker } from '../config/read-desired-state-in-worker.js';
import { declaredProviders, type DesiredState } from '../model/desired-state.js';
import type { Plan } from '../model/plan.js';
import { createPlan } from '../planner/create-plan.js';
import { DEFAULT_PLAN_OPTIONS } from '../planner/plan-parts.js';
import { parseTarget, selectTargets } from '../planner/select-targets.js';
import { digestObserved, sha256 } from '../plan-file/digest.js';
import { observeAll } from '../providers/observe-all.js';
import { createProviders, type ProviderOptions, type ProviderSet } from '../providers/registry.js';
import type { GlobalOptions } from './global-options.js';
import type { CliIo } from './io.js';
import { USER_AGENT } from './version.js';

export interface PlannedRun {
  readonly desired: DesiredState;
  readonly plan: Plan;
  /** sha256 of the desired-state file's bytes. */
  readonly desiredSha256: string;
  /** sha256 of what was observed, canonically serialised. */
  readonly observedSha256: string;
  readonly providerSet: ProviderSet;
}

export interface PlanRequest {
  readonly file: string;
  /** `--target` values; empty plans the whole file. */
  readonly targets?: readonly string[];
  readonly signal?: AbortSignal;
  readonly allowEmpty?: boolean;
  readonly staleInviteDays?: number;
}

export async function makePlan(
  { file, targets = [], signal, allowEmpty = false, staleInviteDays = DEFAULT_PLAN_OPTIONS.staleInviteDays }: PlanRequest,
  options: GlobalOptions,
  io: CliIo,
  logger: Logger,
): Promise<PlannedRun> {
  const parsedTargets = targets.map(parseTarget);
  const { desired: declared, bytes } = await readDesiredStateInWorker(file);
  // Hashed now, so that the file's bytes are not held while the providers are observed.
  const desiredSha256 = sha256(bytes);
  const desired = selectTargets(declared, parsedTargets);
  const providerSet = createProviders(declaredProviders(desired), providerOptions(options, io, logger, signal));
  const observed = await observeAll(desired, providerSet.providers);
  const plan = createPlan(desired, observed, { allowEmpty, staleInviteDays, now: Date.now() });
  logger.info({ changes: plan.changes.length, drift: plan.drift.length, problems: plan.problems.length }, 'plan made');
  return { desired, plan, desiredSha256, observedSha256: digestObserved(observed), providerSet };
}

export function providerOptions(options: GlobalOptions, io: CliIo, logger: Logger, signal?: AbortSignal): ProviderOptions {
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
