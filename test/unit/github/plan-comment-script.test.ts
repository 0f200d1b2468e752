/**
 * Runs plan.yml's actions/github-script step as github-script does (an async function body with
 * `require`, `github` and `context` in scope) against a recording fake of the GitHub API: one
 * comment per file, updated in place, never a person's.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { PLAN_FORMAT_VERSION, type Plan } from '../../../src/model/plan.js';
import { planCommentMarker, renderPlanMarkdown } from '../../../src/render/render-plan-markdown.js';
import { tempDir } from '../../support/temp-files.js';
import { stepsOf, workflow } from './github-files.js';

const step = stepsOf(workflow('plan.yml')).find((s) => s.uses?.startsWith('actions/github-script@'))!;
const AsyncFunction = (Object.getPrototypeOf(async () => {}) as { constructor: unknown }).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<void>;
const script = new AsyncFunction('require', 'github', 'context', 'process', step.with!.script!);

const temp = tempDir();
let outputs = 0;
afterAll(() => temp.remove());

interface Comment {
  readonly id: number;
  readonly body: string;
  readonly user: { readonly login: string; readonly type: 'User' | 'Bot' };
}

const bot = { login: 'github-actions[bot]', type: 'Bot' } as const;
const person = { login: 'alice', type: 'User' } as const;

async function runScript(options: { comments?: Comment[]; output?: string | null; exitCode?: string; file?: string }) {
  const calls: Array<{ call: string; params: Record<string, unknown> }> = [];
  const record = (call: string) => (params: Record<string, unknown>) => {
    calls.push({ call, params });
    return Promise.resolve();
  };
  const listComments = record('listComments');
  const github = {
    paginate: (method: unknown, params: Record<string, unknown>) => {
      expect(method).toBe(listComments);
      calls.push({ call: 'paginate', params });
      return Promise.resolve(options.comments ?? []);
    },
    rest: { issues: { listComments, updateComment: record('updateComment'), createComment: record('createComment') } },
  };
  const context = {
    repo: { owner: 'acme', repo: 'access' },
    issue: { number: 7 },
    serverUrl: 'https://github.com',
    runId: 4242,
    payload: { pull_request: { head: { sha: '0123456789abcdef0123456789abcdef01234567' } } },
  };
  const output = options.output === null ? '' : temp.write(`plan-${++outputs}.md`, options.output ?? '');
  const env = {
    MEMBERSHIP_FILE: options.file ?? 'membership.yaml',
    PLAN_OUTPUT_FILE: output,
    PLAN_EXIT_CODE: options.exitCode ?? '0',
  };
  await script(createRequire(import.meta.url), github, context, { env });
  return calls.filter(({ call }) => call !== 'paginate');
}

const plan: Plan = {
  format_version: PLAN_FORMAT_VERSION,
  changes: [{ provider: 'turso', action: 'add', organization: 'acme', member: 'bob', role: 'member' }],
  drift: [],
  problems: [],
  notices: [],
};
const markdown = renderPlanMarkdown(plan, { file: 'membership.yaml' });
const footer = '\n\n<sub>Planned at 0123456 in [run 4242](https://github.com/acme/access/actions/runs/4242).</sub>\n';

describe('plan.yml: the plan comment', () => {
  it('posts the plan the CLI printed as a new comment when the pull request has none', async () => {
    const calls = await runScript({ output: markdown });
    expect(calls).toEqual([
      {
        call: 'createComment',
        params: { owner: 'acme', repo: 'access', issue_number: 7, body: markdown.trimEnd() + footer },
      },
    ]);
  });

  it('updates its own earlier comment, found by the marker, and leaves others alone', async () => {
    const calls = await runScript({
      output: markdown,
      comments: [
        { id: 1, user: person, body: `${planCommentMarker('membership.yaml')}\nquoted by a person` },
        { id: 2, user: bot, body: `${planCommentMarker('other.yaml')}\nanother file's plan` },
        { id: 3, user: bot, body: `${planCommentMarker('membership.yaml')}\nthe previous push's plan` },
      ],
    });
    expect(calls).toEqual([
      {
        call: 'updateComment',
        params: { owner: 'acme', repo: 'access', comment_id: 3, body: markdown.trimEnd() + footer },
      },
    ]);
  });

  it.each([
    ['printed nothing', ''],
    ['left no output file', null],
  ])('replaces the old plan with a failure note when the CLI %s', async (_label, output) => {
    const calls = await runScript({
      output,
      exitCode: '1',
      comments: [{ id: 3, user: bot, body: `${planCommentMarker('membership.yaml')}\nold` }],
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.call).toBe('updateComment');
    expect(calls[0]!.params.body).toBe(
      `${planCommentMarker('membership.yaml')}\n### membership plan failed\n\nThe plan could not be made (exit code 1); the reason is in the [workflow run](https://github.com/acme/access/actions/runs/4242).` +
        footer,
    );
  });

  it('finds the comment of a file whose name needs encoding, as the renderer marks it', async () => {
    const file = 'teams/prod access.yaml';
    const calls = await runScript({
      file,
      output: renderPlanMarkdown(plan, { file }),
      comments: [{ id: 9, user: bot, body: `${planCommentMarker(file)}\nold` }],
    });
    expect(calls.map(({ call, params }) => [call, params.comment_id])).toEqual([['updateComment', 9]]);
  });

  it('cuts a plan too long for a GitHub comment at a line, closes the open fence and says so', async () => {
    const huge: Plan = {
      ...plan,
      changes: Array.from({ length: 5000 }, (_, i) => ({
        ...plan.changes[0]!,
        member: `member-${String(i).padStart(5, '0')}`,
      })),
    };
    const calls = await runScript({ output: renderPlanMarkdown(huge, { file: 'membership.yaml' }) });
    const body = calls[0]!.params.body as string;
    expect(body.length).toBeLessThanOrEqual(65_536);
    const lines = body.split('\n');
    expect(lines[0]).toBe(planCommentMarker('membership.yaml'));
    expect(lines.filter((line) => line.startsWith('```')).length % 2).toBe(0);
    expect(body).toContain(
      '\n```\n\n**Truncated**: the plan is too long for a comment; the full plan is in the [workflow run](',
    );
  });
});
