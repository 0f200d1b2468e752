/**
 * The plan as JSON readers see it, on stdout (`plan --format json`) and in a saved plan file: the
 * same keys in the same order, and a `scope` on every change, drift item, notice and problem,
 * written as `--target` takes it (`planetscale.acme.backend`). `scope` is derived from the fields
 * beside it; it is there so a reader (or a `jq` filter) never has to rebuild it.
 */
import type { ProviderName } from './desired-state.js';
import { summarizePlan, type Change, type Drift, type Plan, type PlanNotice, type PlanProblem } from './plan.js';
import type { PlanSummary } from './plan.js';
import { formatScope } from './scope.js';

interface MaybeScoped {
  readonly provider?: ProviderName;
  readonly organization?: string;
  readonly team?: string;
}

/** `scope` first, then the item's own fields; null for what concerns the plan as a whole (the removal cap). */
export type WithScope<T> = { readonly scope: string | null } & T;

export function scopeOf(item: MaybeScoped): string | null {
  if (item.provider === undefined || item.organization === undefined) return null;
  return formatScope(
    item.team === undefined
      ? { provider: item.provider, organization: item.organization }
      : { provider: item.provider, organization: item.organization, team: item.team },
  );
}

/** The fields every item leads with, in this order, whichever order the planner built it in. */
const LEADING: readonly string[] = ['provider', 'action', 'kind', 'organization', 'team', 'member'];
/** And the one a change ends with: why it is planned, after what it does. */
const TRAILING: readonly string[] = ['because'];

export function withScope<T extends MaybeScoped>(item: T): WithScope<T> {
  const pick = (keys: readonly string[]) =>
    keys.filter((key) => key in item).map((key) => [key, item[key as keyof T]] as const);
  const rest = Object.entries(item).filter(([key]) => !LEADING.includes(key) && !TRAILING.includes(key));
  return {
    scope: scopeOf(item),
    ...(Object.fromEntries([...pick(LEADING), ...rest, ...pick(TRAILING)]) as T),
  };
}

export interface PlanDocument {
  readonly format_version: Plan['format_version'];
  readonly summary: PlanSummary;
  readonly changes: readonly WithScope<Change>[];
  readonly drift: readonly WithScope<Drift>[];
  readonly notices: readonly WithScope<PlanNotice>[];
  readonly problems: readonly WithScope<PlanProblem>[];
}

/** The body both JSON forms share; a saved plan file puts its own fields between format_version and summary. */
export function planDocument(plan: Plan): PlanDocument {
  return {
    format_version: plan.format_version,
    summary: summarizePlan(plan),
    changes: plan.changes.map(withScope),
    drift: plan.drift.map(withScope),
    notices: plan.notices.map(withScope),
    problems: plan.problems.map(withScope),
  };
}
