/**
 * The plan as a pull-request comment: a marker the workflow finds its own comment by, a heading,
 * a one-line summary, then additions, drift and problems in fenced blocks.
 *
 * Member names, emails and organization names come from the file or from the APIs, so none of them
 * may reach Markdown as Markdown: they only ever appear inside code (a fence or a code span), where
 * GitHub renders no HTML, link, @mention or #reference, and with line breaks and invisible
 * characters shown as escapes, so nothing can close a fence or hide what a reviewer approves.
 */
import { changeKind, summarizePlan, type Plan } from '../model/plan.js';
import { legendEntries, MARKS, marksIn } from './marks.js';
import { changeLabel, driftLabel, matchesFile, otherCounts, planCounts } from './render-plan-text.js';
import { groupBy, scopeText, subjectLine } from './scope.js';
import { showInvisible } from './printable.js';

export interface PlanMarkdownOptions {
  /** The desired-state file, as given on the command line: named in the heading and the marker. */
  readonly file: string;
  /** Replaces the heading's text; written as plain text (escaped), not as Markdown. */
  readonly title?: string;
}

/**
 * The hidden first line of the comment. It names the file (encoded, so it cannot end the HTML
 * comment early) so that two plans of two files in one pull request keep two comments.
 */
export function planCommentMarker(file: string): string {
  return `<!-- membership-plan: ${encodeURIComponent(file)} -->`;
}

export function renderPlanMarkdown(plan: Plan, options: PlanMarkdownOptions): string {
  const heading =
    options.title === undefined ? `membership plan for ${inlineCode(options.file)}` : escapeText(options.title);
  const lines = [planCommentMarker(options.file), `### ${heading}`, '', summaryLine(plan)];

  if (plan.changes.length > 0) {
    // One diff block, the marks at the start of the line where GitHub colours them; each scope a heading line.
    const body: string[] = [];
    for (const [scope, changes] of groupBy(plan.changes, scopeText)) {
      if (body.length > 0) body.push('');
      body.push(scope, ...changes.map((change) => `${MARKS[changeKind(change)]} ${changeLabel(change)}`));
    }
    lines.push('', '#### Changes', '', ...fenced('diff', body));
  }
  if (plan.drift.length > 0) {
    lines.push('', '#### Drift', '', 'True today but not what the file says; apply leaves it alone.', '');
    lines.push(
      ...fenced(
        'text',
        plan.drift.map((drift) => `${MARKS.drift} ${scopeText(drift)}: ${driftLabel(drift)}`),
      ),
    );
  }
  if (plan.notices.length > 0) {
    lines.push('', '#### Notes', '');
    lines.push(
      ...fenced(
        'text',
        plan.notices.map((notice) => `${MARKS.note} ${subjectLine(notice)}`),
      ),
    );
  }
  if (plan.problems.length > 0) {
    lines.push(
      '',
      '#### Problems',
      '',
      'These declarations cannot be planned: fix them and plan again (apply refuses this plan).',
      '',
    );
    lines.push(
      ...fenced(
        'text',
        plan.problems.map((problem) => `${MARKS.problem} ${subjectLine(problem)}`),
      ),
    );
  }
  if (!matchesFile(plan)) {
    const marks = marksIn({ changes: plan.changes, ...summarizePlan(plan) });
    lines.push('', `Legend: ${legendEntries(marks, (mark) => `\`${MARKS[mark]}\``)}`);
  }
  return lines.join('\n') + '\n';
}

/** The text summary's words, with the counts that need attention in bold. */
function summaryLine(plan: Plan): string {
  const summary = summarizePlan(plan);
  const others = otherCounts(summary);
  if (matchesFile(plan))
    return others === ''
      ? 'No changes. Membership matches the file.'
      : `No changes. Membership matches the file. ${others}.`;
  return `**${planCounts(summary)}**` + (others === '' ? '' : ` ${others}.`);
}

/**
 * A fenced block: inside it nothing is Markdown. With line breaks escaped and the fence longer
 * than any backtick run in the lines, no line can close it early.
 */
export function fenced(info: 'diff' | 'text', lines: readonly string[]): string[] {
  const shown = lines.map(showInvisible);
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(shown.join('\n')) + 1));
  return [fence + info, ...shown, fence];
}

/** A code span that holds any text: its backtick fence is longer than any backtick run inside. */
export function inlineCode(text: string): string {
  const shown = showInvisible(text);
  if (shown === '') return '` `';
  const fence = '`'.repeat(longestBacktickRun(shown) + 1);
  const pad = /^[` ]|[` ]$/.test(shown) ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/** Plain text in Markdown: every ASCII punctuation character backslash-escaped, so none is syntax. */
export function escapeText(text: string): string {
  return showInvisible(text).replace(/[!-/:-@[-`{-~]/g, (char) => `\\${char}`);
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}
