/**
 * `membership who PERSON` and `membership report`: read the file, observe the providers it
 * declares (read-only, like plan), and print the access review (planner/access-review.ts).
 */
import type { Logger } from 'pino';
import { UserError } from '../errors.js';
import { declaredProviders } from '../model/desired-state.js';
import { findIdentity, reviewAccess, rowsOf, type AccessReview } from '../planner/access-review.js';
import { observeAll } from '../providers/observe-all.js';
import { createProviders } from '../providers/create-providers.js';
import {
  renderReportCsv,
  renderReportJson,
  renderReportMarkdown,
  renderWhoJson,
  renderWhoMarkdown,
  renderWhoText,
} from '../render/render-access.js';
import type { GlobalOptions } from './global-options.js';
import type { CliIo } from './io.js';
import { providerOptions, readDesiredFile } from './make-plan.js';
import { EXIT } from './exit-codes.js';

interface ReviewOptions {
  readonly file: string;
  /** Review as of this moment (ms since the epoch) instead of now: --as-of. */
  readonly asOf?: number;
  readonly expiryWarningDays: number;
}

export interface WhoCommandOptions extends ReviewOptions {
  readonly person: string;
  readonly format: 'text' | 'json' | 'markdown';
}

export interface ReportCommandOptions extends ReviewOptions {
  readonly format: 'markdown' | 'csv' | 'json';
}

export async function runWhoCommand(
  options: WhoCommandOptions,
  globals: GlobalOptions,
  io: CliIo,
  logger: Logger,
): Promise<number> {
  const review = await reviewFile(options, globals, io, logger);
  const identity = findIdentity(review, options.person);
  if (identity === undefined) {
    throw new UserError(
      `${options.person}: ${options.file} declares no such person (id, email or Turso username), and no organization it declares has a member or pending invite with that email or username`,
    );
  }
  const rows = rowsOf(review, identity);
  const render = { text: renderWhoText, json: renderWhoJson, markdown: renderWhoMarkdown }[options.format];
  io.stdout.write(render(review, identity, rows));
  return EXIT.ok;
}

export async function runReportCommand(
  options: ReportCommandOptions,
  globals: GlobalOptions,
  io: CliIo,
  logger: Logger,
): Promise<number> {
  const review = await reviewFile(options, globals, io, logger);
  if (options.format === 'json') io.stdout.write(renderReportJson(review));
  else if (options.format === 'csv') io.stdout.write(renderReportCsv(review));
  else io.stdout.write(renderReportMarkdown(review, { file: options.file }));
  return EXIT.ok;
}

async function reviewFile(
  options: ReviewOptions,
  globals: GlobalOptions,
  io: CliIo,
  logger: Logger,
): Promise<AccessReview> {
  const { desired } = await readDesiredFile(options.file);
  const { providers } = await createProviders(declaredProviders(desired), providerOptions(globals, io, logger));
  const observed = await observeAll(desired, providers);
  const review = reviewAccess(desired, observed, {
    now: options.asOf ?? Date.now(),
    expiryWarningDays: options.expiryWarningDays,
  });
  logger.info({ people: review.identities.length, rows: review.rows.length }, 'access reviewed');
  return review;
}
