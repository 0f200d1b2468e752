/* global module, require, process */
'use strict';
/**
 * Writes the pull-request comment that reports what apply.yml did with the reviewed plan, from what
 * `membership apply PLANFILE --format json` printed (the results, or the error that refused the
 * plan), or from why no reviewed plan was found. Run by actions/github-script in apply.yml's apply
 * job, which sets the output `comment`; the job that may write to pull requests posts it.
 *
 *   require('./.github/membership/apply-comment.cjs')({ context, core });
 *
 * Names and messages from the file or the APIs appear only inside code fences longer than any
 * backtick run they hold, so none can turn into Markdown. Environment: MEMBERSHIP_FILE,
 * APPLY_OUTPUT_FILE and APPLY_EXIT_CODE (the membership step's outputs), FIND_MODE, FIND_MESSAGE,
 * PR_NUMBER, HEAD_SHA, PLAN_RUN_URL (the lookup's outputs).
 */
// github-script hands scripts its own `require`; this is a CommonJS file run by Node, not a module.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs = require('fs');

/** The comment's first line: found again on the next run, so the pull request keeps one comment. */
function applyCommentMarker(file) {
  return `<!-- membership-apply: ${encodeURIComponent(file)} -->`;
}

const LIMIT = 60000;

const DONE = {
  add: ['added', 'already present'],
  invite: ['invited', 'already invited'],
  change_role: ['changed', 'already so'],
  remove: ['removed', 'already gone'],
  cancel_invite: ['cancelled', 'already gone'],
};

function describe(change) {
  const where = change.scope;
  switch (change.action) {
    case 'add':
      return change.role ? `${where}: add ${change.member} as ${change.role}` : `${where}: add ${change.member}`;
    case 'change_role':
      return `${where}: change ${change.member} from ${change.previous_role} to ${change.role}`;
    case 'remove':
      return `${where}: remove ${change.member}`;
    case 'invite':
      return `${where}: invite ${change.member} as ${change.role}`;
    case 'cancel_invite':
      return `${where}: cancel the invite of ${change.member}`;
    default:
      return `${where}: ${change.action} ${change.member}`;
  }
}

function resultLine(result) {
  const what = describe(result);
  const done = DONE[result.action] || ['applied', 'already so'];
  switch (result.outcome) {
    case 'applied':
      return `✓ ${what}: ${done[0]}`;
    case 'already_present':
      return `✓ ${what}: ${done[1]}`;
    case 'failed': {
      const status = result.error && result.error.status !== null ? String(result.error.status) : 'no response';
      return `✗ ${what}: failed (${status}): ${result.error ? result.error.message : ''}`;
    }
    default:
      return `○ ${what}: skipped: ${result.reason || ''}`;
  }
}

/** Control and format characters shown as \u{..}: nothing invisible, no line break inside a line. */
function printable(text) {
  return String(text).replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (char) => `\\u{${char.codePointAt(0).toString(16)}}`);
}

function fenced(lines) {
  const shown = lines.map(printable);
  const longest = Math.max(0, ...(shown.join('\n').match(/`+/g) || []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [fence + 'text', ...shown, fence];
}

function parse(text) {
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === 'object' ? value : null;
  } catch {
    return null;
  }
}

const STATUS = {
  complete: 'applied',
  failed: 'finished with errors',
  interrupted: 'interrupted',
};

const REFUSED = {
  stale_plan:
    'Refused: the reviewed plan is stale. membership.yaml changed on the default branch since it was planned ' +
    '(another change to it was merged in between), so nothing was applied.',
  unjustified_plan:
    'Refused: membership.yaml and today’s membership no longer justify every reviewed change, so nothing was applied.',
};

const REPLAN =
  'To apply the file as it is now, get a new plan reviewed: open a pull request that changes membership.yaml ' +
  '(merging it applies its plan), or run the apply workflow by hand with fresh-plan: true.';

function renderApplyComment({ env = process.env, runUrl, runId }) {
  const file = env.MEMBERSHIP_FILE || 'membership.yaml';
  const head = (env.HEAD_SHA || '').slice(0, 7);
  const lines = [applyCommentMarker(file)];

  if (env.FIND_MODE !== 'reviewed') {
    lines.push('### membership apply: not applied', '', ...fenced([env.FIND_MESSAGE || 'No reviewed plan was found.']));
  } else {
    const output = env.APPLY_OUTPUT_FILE;
    const json = parse(output && fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : '');
    if (json && Array.isArray(json.results)) {
      const failedOrSkipped = json.results.filter((r) => r.outcome === 'failed' || r.outcome === 'skipped');
      const s = json.summary || {};
      lines.push(
        `### membership apply: ${STATUS[json.status] || json.status}`,
        '',
        json.results.length === 0
          ? 'Nothing to apply: membership already matches the file.'
          : `${s.applied || 0} applied, ${s.already_present || 0} already present, ${s.failed || 0} failed, ${s.skipped || 0} skipped.`,
      );
      if (failedOrSkipped.length > 0) {
        lines.push('', `#### Not applied (${s.failed || 0} failed, ${s.skipped || 0} skipped)`, '');
        lines.push(...fenced(failedOrSkipped.map(resultLine)));
        lines.push('', 'A rerun of the apply workflow retries them, as far as the file still justifies them.');
      }
      if (json.results.length > 0) {
        lines.push('', `<details><summary>Every change (${json.results.length})</summary>`, '');
        lines.push(...fenced(json.results.map(resultLine)), '', '</details>');
      }
    } else if (json && json.error) {
      const kind = json.error.kind;
      lines.push(`### membership apply: ${REFUSED[kind] ? 'refused' : 'failed'}`, '');
      lines.push(REFUSED[kind] || `The apply failed (${printable(kind)}); nothing more was attempted.`, '');
      lines.push(...fenced(String(json.error.message || '').split('\n')));
      if (REFUSED[kind]) lines.push('', REPLAN);
    } else {
      const code = env.APPLY_EXIT_CODE || 'unknown';
      lines.push(
        '### membership apply: failed',
        '',
        `membership apply printed no result (exit code ${printable(code)}); the reason is in the [workflow run](${runUrl}).`,
      );
    }
  }

  let body = lines.join('\n');
  if (body.length > LIMIT) {
    const kept = [];
    let size = 0;
    let fence = null;
    for (const line of body.split('\n')) {
      if (size + line.length + 1 > LIMIT) break;
      kept.push(line);
      size += line.length + 1;
      const match = /^(`{3,})/.exec(line);
      if (match) fence = fence === null ? match[1] : null;
    }
    if (fence !== null) kept.push(fence);
    kept.push('', `**Truncated**: the full result is in the [workflow run](${runUrl}).`);
    body = kept.join('\n');
  }
  const reviewed = env.PLAN_RUN_URL ? `, of the plan reviewed at ${head} ([plan run](${env.PLAN_RUN_URL}))` : '';
  return `${body}\n\n<sub>Apply [run ${runId}](${runUrl})${reviewed}.</sub>\n`;
}

/** The github-script entry point: renders the comment into the step output `comment`. */
function writeApplyComment({ context, core, env = process.env }) {
  const runUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`;
  const body = renderApplyComment({ env, runUrl, runId: context.runId });
  core.setOutput('comment', body);
  return body;
}

module.exports = writeApplyComment;
module.exports.renderApplyComment = renderApplyComment;
module.exports.applyCommentMarker = applyCommentMarker;
