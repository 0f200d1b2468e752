/**
 * The saved plan (`plan --out`): the reviewed changes plus what they were made from. Plain,
 * versioned JSON a reviewer can read; it holds no secrets (no URLs, no headers, no tokens).
 * `apply PLANFILE` executes exactly these changes, so reading it is strict: any field out of
 * place refuses the whole file.
 */
import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { planDocument, scopeOf, type PlanDocument } from '../model/plan-document.js';
import { DEFAULT_PLAN_OPTIONS, PLAN_FORMAT_VERSION, type Change, type Plan } from '../model/plan.js';
import { PlanFileError } from '../errors.js';
import type { Redactor } from '../redact/create-redactor.js';
import { PLAN_FILE_SCHEMA } from './plan-file-schema.js';

export const PLAN_FILE_KIND = 'membership-plan';

/** As read back: the plan's changes without the `scope` written beside them (it is checked, then dropped). */
export interface PlanFile extends Plan {
  readonly kind: typeof PLAN_FILE_KIND;
  /**
   * The desired-state file as given on the command line. A record for the reader only: apply reads
   * the file named by its own -f, never a path from inside a plan (a plan file is untrusted input).
   */
  readonly desired_file: string;
  /** sha256 of the desired-state file's bytes, to notice a file edited after review. */
  readonly desired_sha256: string;
  /** The --target scopes the plan was limited to; empty for the whole file. */
  readonly targets: readonly string[];
  /** The --max-removals the plan was made (and reviewed) with; apply re-plans with it. */
  readonly max_removals: number;
  /** Whether --allow-empty was given; apply re-plans with it. */
  readonly allow_empty: boolean;
}

/** As written: the same keys, in the same order, as `plan --format json`, with the origin after format_version. */
type PlanFileDocument = Omit<PlanFile, keyof Plan> & PlanDocument;

export interface PlanOrigin {
  readonly desiredFile: string;
  readonly desiredSha256: string;
  readonly targets: readonly string[];
  readonly maxRemovals: number;
  readonly allowEmpty: boolean;
}

export function toPlanFile(plan: Plan, origin: PlanOrigin): PlanFileDocument {
  const { format_version, ...body } = planDocument(plan);
  return {
    format_version,
    kind: PLAN_FILE_KIND,
    desired_file: origin.desiredFile,
    desired_sha256: origin.desiredSha256,
    targets: origin.targets,
    max_removals: origin.maxRemovals,
    allow_empty: origin.allowEmpty,
    ...body,
  };
}

/**
 * The file's text (the CLI writes it atomically). Redacted like every other output: a plan that
 * quoted a secret then no longer matches a plan made now, so apply refuses it as unjustified, the
 * safe way for such a plan to fail.
 */
export function planFileText(planFile: PlanFileDocument, redact: Redactor): string {
  return redact(JSON.stringify(planFile, null, 2)) + '\n';
}

let validate: ReturnType<Ajv['compile']> | undefined;

export async function readPlanFile(path: string): Promise<PlanFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PlanFileError(`cannot read plan file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new PlanFileError(
      `${path} is not a plan file: it is not JSON. Apply a desired-state file with: membership apply -f ${path}; ` +
        'or save a plan to review with: membership plan --out plan.json',
    );
  }
  const version = (data as { format_version?: unknown } | null)?.format_version;
  if (typeof data === 'object' && data !== null && version !== undefined && version !== PLAN_FORMAT_VERSION) {
    throw new PlanFileError(
      `${path} has plan format_version ${JSON.stringify(version)}; this membership reads version ${PLAN_FORMAT_VERSION}: plan again with this version`,
    );
  }
  validate ??= new Ajv({ allErrors: false, strict: true }).compile(PLAN_FILE_SCHEMA);
  if (!validate(data)) {
    const error = validate.errors?.[0];
    const where = error?.instancePath ? ` at ${error.instancePath}` : '';
    throw new PlanFileError(`${path} is not a valid plan file${where}: ${error?.message ?? 'unexpected content'}`);
  }
  // Written before these were recorded: the defaults they were made with.
  const {
    max_removals = DEFAULT_PLAN_OPTIONS.maxRemovals,
    allow_empty = false,
    targets = [],
  } = data as Partial<PlanFile>;
  const changes = (data as { changes: readonly ScopedChange[] }).changes.map((change, index) =>
    unscoped(change, `${path} changes[${index}]`),
  );
  return { ...(data as PlanFile), changes, max_removals, allow_empty, targets };
}

type ScopedChange = Change & { readonly scope?: string };

/** A scope that disagrees with the fields beside it is a hand edit: which one was meant is unknowable. */
function unscoped({ scope, ...change }: ScopedChange, where: string): Change {
  if (scope !== undefined && scope !== scopeOf(change)) {
    throw new PlanFileError(
      `${where}: scope ${JSON.stringify(scope)} does not match the change's provider, organization and team`,
    );
  }
  return change;
}
