/**
 * What a plan made now would do differently from the reviewed one: the explanation a stale plan
 * owes its reviewers. Pure.
 */
import { changeKey, isSameChange, type Change } from '../model/plan.js';

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

export function compareChanges(reviewed: readonly Change[], now: readonly Change[]): ChangeDifference {
  const before = new Map(reviewed.map((change) => [changeKey(change), change]));
  const after = new Map(now.map((change) => [changeKey(change), change]));
  const added = now.filter((change) => !before.has(changeKey(change)));
  const dropped = reviewed.filter((change) => !after.has(changeKey(change)));
  const altered: AlteredChange[] = [];
  for (const [key, change] of after) {
    const old = before.get(key);
    if (old && !isSameChange(old, change)) altered.push({ reviewed: old, now: change });
  }
  return { added, dropped, altered };
}
