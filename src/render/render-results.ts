/** What apply did: one line per change as it completes, then a summary that names every failure. */
import { withScope } from '../model/plan-document.js';
import { changeKind, describeChange, type Change } from '../model/plan.js';
import { applyStatus, type Outcome, type Result } from '../model/result.js';
import { PLAIN, type Style } from './style.js';
import { showInvisible } from './printable.js';

export type ResultCounts = Readonly<Record<Outcome, number>>;

export function countResults(results: readonly Result[]): ResultCounts {
  const counts = { applied: 0, already_present: 0, failed: 0, skipped: 0 };
  for (const result of results) counts[result.outcome] += 1;
  return counts;
}

/** What "applied" and "already present" mean for each action, in words a person reads. */
const DONE: Record<Change['action'], readonly [applied: string, alreadyDone: string]> = {
  add: ['added', 'already present'],
  invite: ['invited', 'already invited'],
  change_role: ['changed', 'already so'],
  remove: ['removed', 'already gone'],
  cancel_invite: ['cancelled', 'already gone'],
};

export function renderResultLine(result: Result, style: Style = PLAIN): string {
  const what = showInvisible(describeChange(result.change));
  switch (result.outcome) {
    case 'applied':
      return `${style.add('✓')} ${what}: ${DONE[result.change.action][0]}`;
    case 'already_present':
      return `${style.add('✓')} ${what}: ${DONE[result.change.action][1]}`;
    case 'failed':
      return `${style.error('✗')} ${what}: failed (${statusText(result.error.status)}): ${showInvisible(result.error.message)}`;
    case 'skipped':
      return `${style.change('-')} ${what}: skipped: ${result.reason}`;
  }
}

export type AppliedByKind = Record<'add' | 'change' | 'remove', number>;

/** Applied changes by kind: adds (and invites), role changes, removals (and cancelled invites). */
export function appliedByKind(results: readonly Result[]): AppliedByKind {
  const applied = { add: 0, change: 0, remove: 0 };
  for (const result of results) if (result.outcome === 'applied') applied[changeKind(result.change)] += 1;
  return applied;
}

/** `N added, M already present, K failed`, with changed/removed counts when there are any. */
export function summaryCounts(results: readonly Result[]): string {
  return formatCounts(countResults(results), appliedByKind(results));
}

/** The same from running totals (the live progress count keeps them as changes complete). */
export function formatCounts(counts: ResultCounts, applied: AppliedByKind): string {
  const parts = [`${applied.add} added`];
  if (applied.change > 0) parts.push(`${applied.change} changed`);
  if (applied.remove > 0) parts.push(`${applied.remove} removed`);
  parts.push(`${counts.already_present} already present`, `${counts.failed} failed`);
  if (counts.skipped > 0) parts.push(`${counts.skipped} skipped`);
  return parts.join(', ');
}

export function renderResultsSummary(results: readonly Result[], style: Style = PLAIN): string {
  const counts = countResults(results);
  const line = `Apply complete: ${summaryCounts(results)}.`;
  const lines = [counts.failed > 0 || counts.skipped > 0 ? style.error(line) : style.bold(line)];
  const failures = results.filter((result) => result.outcome === 'failed');
  if (failures.length > 0) {
    lines.push('Failed:');
    for (const failure of failures) {
      lines.push(
        `  - ${showInvisible(describeChange(failure.change))}: ${statusText(failure.error.status)}: ${showInvisible(failure.error.message)}`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * `apply --format json` (schemas/apply-results.schema.json): how the run ended (`applyStatus`), each
 * change with `scope` first and its outcome, and the counts. `interrupted`: a signal stopped it.
 */
export function renderResultsJson(results: readonly Result[], interrupted: boolean): string {
  const body = {
    format_version: 1,
    status: applyStatus(results, interrupted),
    results: results.map(({ change, ...rest }) => ({ ...withScope(change), ...rest })),
    summary: countResults(results),
  };
  return JSON.stringify(body, null, 2) + '\n';
}

function statusText(status: number | null): string {
  return status === null ? 'no response' : String(status);
}
