/**
 * What apply did, for GitHub's job summary: how it ended and the counts, every change not applied
 * (failed with status and API message, skipped with why), and the full list folded away. API
 * messages and names are shown only inside fences (see render-plan-markdown.ts), so an API's
 * answer cannot turn into Markdown or HTML.
 */
import { applyStatus, type Result } from '../model/result.js';
import { fenced } from './render-plan-markdown.js';
import { notApplied, notAppliedHeading, renderResultLine, STATUS_TEXT, summaryCounts } from './render-results.js';

export function renderResultsMarkdown(results: readonly Result[], interrupted = false): string {
  const lines = ['### membership apply', ''];
  if (results.length === 0 && !interrupted) {
    lines.push('Nothing to apply: membership already matches the file.');
    return lines.join('\n') + '\n';
  }
  const status = applyStatus(results, interrupted);
  lines.push(`**${STATUS_TEXT[status]}:** ${summaryCounts(results)}.`);

  const left = notApplied(results);
  if (left.length > 0) {
    lines.push('', `#### ${notAppliedHeading(results)}`, '');
    lines.push(
      ...fenced(
        'text',
        left.map((result) => renderResultLine(result)),
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
