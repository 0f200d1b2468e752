/**
 * apply.yml's result comment: examples/github/scripts/apply-comment.cjs renders it from what
 * `membership apply PLANFILE --format json` prints (made here by the CLI's own renderers), and the
 * `comment` job's github-script step posts it, updating its earlier comment (found by the marker).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { renderErrorJson } from '../../../src/cli/error-json.js';
import { StalePlanError, UnjustifiedPlanError, ApiError } from '../../../src/errors.js';
import type { Change } from '../../../src/model/plan.js';
import type { Result } from '../../../src/model/result.js';
import { renderResultLine, renderResultsJson } from '../../../src/render/render-results.js';
import { tempDir } from '../../support/temp-files.js';
import { jobsOf, SCRIPTS_DIR, workflow } from './github-files.js';

type WriteApplyComment = ((args: { context: unknown; core: unknown; env: Record<string, string> }) => string) & {
  applyCommentMarker: (file: string) => string;
};
const require = createRequire(import.meta.url);
const writeApplyComment = require(join(SCRIPTS_DIR, 'apply-comment.cjs')) as WriteApplyComment;
const marker = writeApplyComment.applyCommentMarker('membership.yaml');

const temp = tempDir();
afterAll(() => temp.remove());
let files = 0;

const context = { repo: { owner: 'acme', repo: 'access' }, serverUrl: 'https://github.com', runId: 5151 };
const HEAD = '5f2b7c1d9e8a4b3c2d1e0f9a8b7c6d5e4f3a2b1c';
const PLAN_RUN = 'https://github.com/acme/access/actions/runs/11874290001';
const footer = `\n\n<sub>Apply [run 5151](https://github.com/acme/access/actions/runs/5151), of the plan reviewed at 5f2b7c1 ([plan run](${PLAN_RUN})).</sub>\n`;

function render(options: { output?: string | null; exitCode?: string; env?: Record<string, string> }) {
  const outputs: Record<string, string> = {};
  const core = { setOutput: (name: string, value: string) => (outputs[name] = value) };
  const output = options.output === null ? '' : temp.write(`apply-${++files}.json`, options.output ?? '');
  const env = {
    MEMBERSHIP_FILE: 'membership.yaml',
    APPLY_OUTPUT_FILE: output,
    APPLY_EXIT_CODE: options.exitCode ?? '0',
    FIND_MODE: 'reviewed',
    FIND_MESSAGE: 'Applying the plan reviewed on pull request #42',
    HEAD_SHA: HEAD,
    PLAN_RUN_URL: PLAN_RUN,
    ...options.env,
  };
  const body = writeApplyComment({ context, core, env });
  expect(outputs).toEqual({ comment: body });
  return body;
}

const add: Change = { provider: 'turso', action: 'add', organization: 'acme', member: 'bob', role: 'member' };
const promote: Change = {
  provider: 'turso',
  action: 'change_role',
  organization: 'acme',
  member: 'carol',
  role: 'admin',
  previous_role: 'member',
};
const teamAdd: Change = {
  provider: 'planetscale',
  action: 'add',
  organization: 'acme',
  team: 'backend',
  member: 'dave@acme.dev',
  user_id: 'u-1',
};
const removal: Change = {
  provider: 'turso',
  action: 'remove',
  organization: 'acme',
  member: 'eve',
  previous_role: 'member',
};

describe('apply-comment.cjs', () => {
  it('reports a complete apply: the counts, then every change as the CLI words it', () => {
    const results: Result[] = [
      { change: add, outcome: 'applied' },
      { change: teamAdd, outcome: 'already_present' },
    ];
    expect(render({ output: renderResultsJson(results, false) })).toBe(
      [
        marker,
        '### membership apply: applied',
        '',
        '1 applied, 1 already present, 0 failed, 0 skipped.',
        '',
        '<details><summary>Every change (2)</summary>',
        '',
        '```text',
        ...results.map((result) => renderResultLine(result)),
        '```',
        '',
        '</details>',
      ].join('\n') + footer,
    );
  });

  it('lists what was not applied, failed or skipped, with why, above every change', () => {
    const results: Result[] = [
      { change: add, outcome: 'applied' },
      { change: promote, outcome: 'failed', error: { status: 422, message: 'role is invalid' } },
      { change: removal, outcome: 'skipped', reason: 'an admin addition in acme failed' },
      { change: teamAdd, outcome: 'failed', error: { status: null, message: 'socket hang up' } },
    ];
    const body = render({ output: renderResultsJson(results, false), exitCode: '1' });
    expect(body).toContain(
      [
        '### membership apply: finished with errors',
        '',
        '1 applied, 0 already present, 2 failed, 1 skipped.',
        '',
        '#### Not applied (2 failed, 1 skipped)',
        '',
        '```text',
        renderResultLine(results[1]!),
        renderResultLine(results[2]!),
        renderResultLine(results[3]!),
        '```',
      ].join('\n'),
    );
    expect(body).toContain('<details><summary>Every change (4)</summary>');
  });

  it('says when there was nothing to apply', () => {
    expect(render({ output: renderResultsJson([], false) })).toBe(
      `${marker}\n### membership apply: applied\n\nNothing to apply: membership already matches the file.${footer}`,
    );
  });

  it('reports a stale plan as refused, with the CLI’s message and how to re-plan', () => {
    const message =
      'the plan in plan.json is stale: membership.yaml has changed since the plan was made. Nothing was applied.\n' +
      'A plan made now differs from the reviewed one:\n  + turso.acme: add carol as member  (not in the reviewed plan)';
    const body = render({ output: renderErrorJson(new StalePlanError(message)), exitCode: '1' });
    expect(body).toContain('### membership apply: refused\n\nRefused: the reviewed plan is stale.');
    expect(body).toContain(['```text', ...message.split('\n'), '```'].join('\n'));
    expect(body).toContain('open a pull request that changes membership.yaml');
    expect(body).toContain('fresh-plan: true');
  });

  it('reports an unjustified plan as refused, and another error as failed without the re-plan advice', () => {
    const unjustified = render({ output: renderErrorJson(new UnjustifiedPlanError('bob is an owner')), exitCode: '1' });
    expect(unjustified).toContain('### membership apply: refused\n\nRefused: membership.yaml and today’s membership');
    expect(unjustified).toContain('fresh-plan: true');
    const api = new ApiError('turso', 'GET', '/v1/organizations/acme/members', 503, 'unavailable');
    const failed = render({ output: renderErrorJson(api), exitCode: '1' });
    expect(failed).toContain('### membership apply: failed\n\nThe apply failed (api); nothing more was attempted.');
    expect(failed).not.toContain('fresh-plan');
  });

  it.each([
    ['printed nothing', ''],
    ['left no output file', null],
    ['printed something that is not JSON', 'Segmentation fault'],
  ])('reports a failure with the exit code and the run when the CLI %s', (_label, output) => {
    expect(render({ output, exitCode: '70' })).toBe(
      `${marker}\n### membership apply: failed\n\nmembership apply printed no result (exit code 70); the reason is in the [workflow run](https://github.com/acme/access/actions/runs/5151).${footer}`,
    );
  });

  it('without a reviewed plan, says why nothing was applied', () => {
    const message =
      'No reviewed plan to apply: pull request #42 was merged, but membership-plan.yml has no successful run';
    expect(render({ env: { FIND_MODE: 'none', FIND_MESSAGE: message, PLAN_RUN_URL: '' } })).toBe(
      `${marker}\n### membership apply: not applied\n\n\`\`\`text\n${message}\n\`\`\`` +
        '\n\n<sub>Apply [run 5151](https://github.com/acme/access/actions/runs/5151).</sub>\n',
    );
  });

  it('keeps names and messages inside fences longer than any backtick run they hold, and shows control characters', () => {
    const sneaky: Change = { ...add, member: 'x```\n# owned' };
    const results: Result[] = [{ change: sneaky, outcome: 'failed', error: { status: 400, message: '<img src=x>' } }];
    const body = render({ output: renderResultsJson(results, false) });
    expect(body).toContain('````text\n✗ turso.acme: add x```\\u{a}# owned as member: failed (400): <img src=x>\n````');
  });

  it('cuts a result too long for a comment at a line and closes the fence', () => {
    const results: Result[] = Array.from({ length: 3000 }, (_, i) => ({
      change: { ...add, member: `member-${String(i).padStart(5, '0')}` },
      outcome: 'applied' as const,
    }));
    const body = render({ output: renderResultsJson(results, false) });
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.split('\n').filter((line) => line.startsWith('```')).length % 2).toBe(0);
    expect(body).toContain('**Truncated**: the full result is in the [workflow run](');
  });
});

describe('apply.yml: the comment job', () => {
  const step = jobsOf(workflow('apply.yml')).get('comment')!.steps[0]!;
  const AsyncFunction = (Object.getPrototypeOf(async () => {}) as { constructor: unknown }).constructor as new (
    ...args: string[]
  ) => (...args: unknown[]) => Promise<void>;
  const script = new AsyncFunction('github', 'context', 'process', step.with!.script!);

  const bot = { login: 'github-actions[bot]', type: 'Bot' } as const;
  const person = { login: 'alice', type: 'User' } as const;

  async function post(body: string, comments: Array<{ id: number; body: string; user: object }> = []) {
    const calls: Array<{ call: string; params: Record<string, unknown> }> = [];
    const record = (call: string) => (params: Record<string, unknown>) => {
      calls.push({ call, params });
      return Promise.resolve();
    };
    const listComments = record('listComments');
    const github = {
      paginate: (method: unknown, params: Record<string, unknown>) => {
        expect(method).toBe(listComments);
        expect(params).toEqual({ owner: 'acme', repo: 'access', issue_number: 42, per_page: 100 });
        return Promise.resolve(comments);
      },
      rest: {
        issues: { listComments, updateComment: record('updateComment'), createComment: record('createComment') },
      },
    };
    await script(github, { repo: { owner: 'acme', repo: 'access' } }, { env: { PR_NUMBER: '42', COMMENT_BODY: body } });
    return calls;
  }

  const body = `${marker}\n### membership apply: applied\n`;

  it('posts the comment on the merged pull request when it has none', async () => {
    expect(await post(body)).toEqual([
      { call: 'createComment', params: { owner: 'acme', repo: 'access', issue_number: 42, body } },
    ]);
  });

  it('updates its own earlier comment and leaves a person’s and the plan comment alone', async () => {
    const calls = await post(body, [
      { id: 1, user: bot, body: '<!-- membership-plan: membership.yaml -->\nthe plan' },
      { id: 2, user: person, body: `${marker}\nquoted` },
      { id: 3, user: bot, body: `${marker}\n### membership apply: refused` },
    ]);
    expect(calls).toEqual([{ call: 'updateComment', params: { owner: 'acme', repo: 'access', comment_id: 3, body } }]);
  });

  it('refuses a body without the marker rather than post a comment it could never find again', async () => {
    await expect(post('### membership apply')).rejects.toThrow('the apply comment has no marker');
  });
});
