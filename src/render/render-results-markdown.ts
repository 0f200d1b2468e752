/**
 * What apply did, for GitHub's job summary: the counts, every failure and skip with its reason,
 * and the full list folded away. API messages and names are shown only inside fences
 * (see render-plan-markdown.ts), so an API's answer cannot turn into Markdown or HTML.
 */
import type { Result } from '../model/result.js';
import { fenced } from './render-plan-markdown.js';
import { appliedByKind, countResults, renderResultLine } from './render-results.js';

export function renderResultsMarkdown(results: readonly Result[]): string {
  const lines = ['### membership apply', ''];
  if (results.length === 0) {
    lines.push('Nothing to apply: membership already matches the file.');
    return lines.join('\n') + '\n';
  }
  const counts = countResults(results);
  const flagged = (count: number, label: string) => (count > 0 ? `**${count} ${label}**` : `${count} ${label}`);
  const applied = appliedByKind(results);
  const done = [`**${applied.add} added**`];
  if (applied.change > 0) done.push(`**${applied.change} changed**`);
  if (applied.remove > 0) done.push(`**${applied.remove} removed**`);
  lines.push(
    `${done.join(', ')}, ${counts.already_present} already present, ${flagged(counts.failed, 'failed')}, ${flagged(counts.skipped, 'skipped')}`,
  );

  const failed = results.filter((result) => result.outcome === 'failed');
  if (failed.length > 0) {
    lines.push(
      '',
      '#### Failed',
      '',
      ...fenced(
        'text',
        failed.map((result) => renderResultLine(result)),
      ),
    );
  }
  const skipped = results.filter((result) => result.outcome === 'skipped');
  if (skipped.length > 0) {
    lines.push(
      '',
      '#### Skipped',
      '',
      ...fenced(
        'text',
        skipped.map((result) => renderResultLine(result)),
      ),
    );
  }
  // GitHub renders Markdown inside <details> only after a blank line.
  lines.push('', `<details><summary>Every change (${results.length})</summary>`, '');
  lines.push(
    ...fenced(
      'text',
      results.map((result) => renderResultLine(result)),
    ),
    '',
    '</details>',
  );
  return lines.join('\n') + '\n';
}
