import type { Change, Drift, PlanNotice, PlanProblem } from '../model/plan.js';
import type { Refusal } from './safety-rules.js';

/** The piece of a plan one scope contributes. */
export interface PlanParts {
  readonly changes: Change[];
  readonly drift: Drift[];
  readonly problems: PlanProblem[];
  readonly notices: PlanNotice[];
}

export function emptyParts(): PlanParts {
  return { changes: [], drift: [], problems: [], notices: [] };
}

type Subject = Omit<PlanNotice, 'message'>;

/** Files a safety rule's refusal where it belongs: a notice, or a problem that blocks the plan. */
export function recordRefusal(parts: PlanParts, refusal: Refusal, subject: Subject): void {
  (refusal.as === 'notice' ? parts.notices : parts.problems).push({ ...subject, message: refusal.message });
}

export interface PlanOptions {
  /** Allow a pruned scope whose declared list is empty to lose every member it has. */
  readonly allowEmpty: boolean;
  /** More removals than this make the plan a problem (--max-removals). */
  readonly maxRemovals: number;
  /** Pending invites older than this are reported as stale. */
  readonly staleInviteDays: number;
  /** The clock, passed in: the planner reads none. Milliseconds since the epoch. */
  readonly now: number;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = { allowEmpty: false, maxRemovals: 5, staleInviteDays: 14, now: 0 };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days a pending invite has waited, or undefined when it is not yet stale (or the date is unreadable). */
export function staleDays(createdAt: string, options: PlanOptions): number | undefined {
  const created = Date.parse(createdAt);
  if (Number.isNaN(created)) return undefined;
  const days = Math.floor((options.now - created) / DAY_MS);
  return days >= options.staleInviteDays ? days : undefined;
}
