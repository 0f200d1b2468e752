/** What apply did: one line per change as it completes, then a summary that names every failure. */
import { describeChange } from '../model/plan.js';
import type { Outcome, Result } from '../model/result.js';
import { PLAIN, type Style } from '../cli/style.js';
import { showInvisible } from './printable.js';

export type ResultCounts = Readonly<Record<Outcome, number>>;

export function countResults(results: readonly Result[]): ResultCounts {
  const counts = { applied: 0, already_present: 0, failed: 0, skipped: 0 };
  for (const result of results) counts[result.outcome] += 1;
  return counts;
}

export function renderResultLine(result: Result, style: Style = PLAIN): string {
  const what = showInvisible(describeChange(result.change));
  switch (result.outcome) {
    case 'applied':
      return `${style.add('✓')} ${what}: added`;
    case 'already_present':
      return `${style.add('✓')} ${what}: already present`;
    case 'failed':
      return `${style.error('✗')} ${what}: failed (${statusText(result.error.status)}): ${showInvisible(result.error.message)}`;
    case 'skipped':
      return `${style.change('-')} ${what}: skipped: ${result.reason}`;
  }
}

export function renderResultsSummary(results: readonly Result[], style: Style = PLAIN): string {
  const counts = countResults(results);
  const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : '';
  const line = `Apply complete: ${counts.applied} added, ${counts.already_present} already present, ${counts.failed} failed${skipped}.`;
  const lines = [counts.failed > 0 || counts.skipped > 0 ? style.error(line) : style.bold(line)];
  const failures = results.filter((result) => result.outcome === 'failed');
  if (failures.length > 0) {
    lines.push('Failed:');
    for (const failure of failures) {
      lines.push(`  - ${showInvisible(describeChange(failure.change))}: ${statusText(failure.error.status)}: ${showInvisible(failure.error.message)}`);
    }
  }
  return lines.join('\n') + '\n';
}

export function renderResultsJson(results: readonly Result[]): string {
  const body = {
    format_version: 1,
    results: results.map(({ change, ...rest }) => ({ ...change, ...rest })),
    summary: countResults(results),
  };
  return JSON.stringify(body, null, 2) + '\n';
}

function statusText(status: number | null): string {
  return status === null ? 'no response' : String(status);
}
