/**
 * "Did you mean ...?" for a near miss: a role, a key, a provider, an option value or a scope that
 * differs from an allowed one by a slip of the keyboard. Pure; used by config/, planner/,
 * providers/ and cli/ alike, which is why it lives with the shared vocabulary.
 */
import { distance } from 'fastest-levenshtein';

/**
 * The candidate `input` most likely stands for, or undefined when none is close. A difference of
 * letter case alone always counts (`Admin` for admin). Otherwise the edit distance, ignoring case,
 * must be at most 2 and at most a third of the longer text, so that short words are not "corrected"
 * into unrelated ones (`ab` is not a slip for `cd`). Ties go to the earlier candidate.
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === input) return undefined;
    const d = distance(wanted, candidate.toLowerCase());
    const allowed = Math.min(2, Math.floor(Math.max(wanted.length, candidate.length) / 3));
    if (d < bestDistance && (d === 0 || d <= allowed)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** `; did you mean X?` with X written by `show` (e.g. quoted), or '' when nothing is close. */
export function didYouMean(
  input: string,
  candidates: Iterable<string>,
  show: (candidate: string) => string = (candidate) => candidate,
): string {
  const match = closestMatch(input, candidates);
  return match === undefined ? '' : `; did you mean ${show(match)}?`;
}
