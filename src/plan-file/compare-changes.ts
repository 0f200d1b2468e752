/**
 * What a plan made now would do differently from the reviewed one: the explanation a stale plan
 * owes its reviewers. Pure.
 */
import type { Change } from '../model/plan.js';

export interface AlteredChange {
  readonly reviewed: Change;
  readonly now: Change;
}

export interface ChangeDifference {
  /** In a plan made now, not in the reviewed plan: nobody reviewed these. */
  readonly added: readonly Change[];
  /** In the reviewed plan, no longer wanted (or already converged). */
  readonly dropped: readonly Change[];
  /** Same member and scope, different details (a role, a resolved user id). */
  readonly altered: readonly AlteredChange[];
}

/** A change's identity: who, where and what, not how. PlanetScale emails match case-insensitively. */
export function changeKey(change: Change): string {
  const member = change.provider === 'planetscale' ? change.member.toLowerCase() : change.member;
  const team = 'team' in change ? change.team : '';
  return JSON.stringify([change.provider, change.action, change.organization, team, member]);
}

export function compareChanges(reviewed: readonly Change[], now: readonly Change[]): ChangeDifference {
  const before = new Map(reviewed.map((change) => [changeKey(change), change]));
  const after = new Map(now.map((change) => [changeKey(change), change]));
  const added = now.filter((change) => !before.has(changeKey(change)));
  const dropped = reviewed.filter((change) => !after.has(changeKey(change)));
  const altered: AlteredChange[] = [];
  for (const [key, change] of after) {
    const old = before.get(key);
    if (old && JSON.stringify(old) !== JSON.stringify(change)) altered.push({ reviewed: old, now: change });
  }
  return { added, dropped, altered };
}

export function isSame(difference: ChangeDifference): boolean {
  return difference.added.length === 0 && difference.dropped.length === 0 && difference.altered.length === 0;
}
