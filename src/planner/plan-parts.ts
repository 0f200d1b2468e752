import type { Change, Drift, PlanNotice, PlanOptions, PlanProblem } from '../model/plan.js';
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

type Subject = Omit<PlanNotice, 'kind' | 'message'>;

/** Files a safety rule's refusal where it belongs: a notice, or a problem that blocks the plan. */
export function recordRefusal(parts: PlanParts, refusal: Refusal, subject: Subject): void {
  if (refusal.as === 'notice') parts.notices.push({ kind: refusal.kind, ...subject, message: refusal.message });
  else parts.problems.push({ kind: refusal.kind, ...subject, message: refusal.message });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days a pending invite has waited, or undefined when it is not yet stale (or the date is unreadable). */
export function staleDays(createdAt: string, options: PlanOptions): number | undefined {
  const created = Date.parse(createdAt);
  if (Number.isNaN(created)) return undefined;
  const days = Math.floor((options.now - created) / DAY_MS);
  return days >= options.staleInviteDays ? days : undefined;
}

/** `1 day`, `20 days`: an invite's age in a note. */
export function daysText(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}
