/**
 * examples/gitlab/.gitlab-ci.yml: valid YAML with only keywords GitLab knows, every job runnable
 * (a script, an image, a declared stage, well-formed rules), the bundle pinned to a commit; and the
 * plan job's script run with bash against a stand-in CLI and a stand-in curl that answers as
 * GitLab's API does (one note per merge request, updated in place, never a person's).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { PLAN_FORMAT_VERSION } from '../../../src/model/plan.js';
import { planCommentMarker, renderPlanMarkdown } from '../../../src/render/render-plan-markdown.js';
import { REPO_ROOT } from '../../support/run-cli.js';
import { tempDir } from '../../support/temp-files.js';

const PATH = join(REPO_ROOT, 'examples', 'gitlab', '.gitlab-ci.yml');
const text = readFileSync(PATH, 'utf8');
const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });

type Job = Record<string, unknown> & { script: string[]; stage: string; rules?: Array<Record<string, unknown>> };
const pipeline = doc.toJS() as Record<string, unknown> & {
  stages: string[];
  variables: Record<string, string>;
  default: { image: string; before_script: string[] };
};

// https://docs.gitlab.com/ci/yaml/: the global keywords, and the keywords a job may have.
const GLOBAL_KEYWORDS = ['default', 'include', 'stages', 'variables', 'workflow', 'spec'];
const DEFAULT_KEYWORDS = [
  'after_script',
  'artifacts',
  'before_script',
  'cache',
  'hooks',
  'id_tokens',
  'image',
  'interruptible',
  'retry',
  'services',
  'tags',
  'timeout',
];
const JOB_KEYWORDS = [
  ...DEFAULT_KEYWORDS,
  'allow_failure',
  'coverage',
  'dast_configuration',
  'dependencies',
  'environment',
  'extends',
  'identity',
  'inherit',
  'needs',
  'pages',
  'parallel',
  'release',
  'resource_group',
  'rules',
  'script',
  'secrets',
  'stage',
  'trigger',
  'variables',
  'when',
];
const RULE_KEYWORDS = ['if', 'changes', 'exists', 'when', 'allow_failure', 'needs', 'variables', 'interruptible'];
const WHEN = ['on_success', 'on_failure', 'never', 'always', 'manual', 'delayed'];

const jobs = new Map(
  Object.entries(pipeline).filter(([key]) => !GLOBAL_KEYWORDS.includes(key) && !key.startsWith('.')) as Array<
    [string, Job]
  >,
);

function checkRules(rules: unknown): void {
  expect(Array.isArray(rules)).toBe(true);
  for (const rule of rules as Array<Record<string, unknown>>) {
    for (const key of Object.keys(rule)) expect(RULE_KEYWORDS).toContain(key);
    if (rule.if !== undefined) {
      expect(typeof rule.if).toBe('string');
      // Variables are $NAME, compared with == or != to a quoted string or another variable, joined by && or ||.
      const operand = String.raw`(?:\$\w+|"[^"]*")`;
      expect(rule.if).toMatch(
        new RegExp(String.raw`^${operand} [!=]= ${operand}(?: (?:&&|\|\|) ${operand} [!=]= ${operand})*$`),
      );
    }
    if (rule.changes !== undefined) expect(rule.changes).toEqual(expect.arrayContaining([expect.any(String)]));
    if (rule.when !== undefined) expect(WHEN).toContain(rule.when);
  }
}

describe('examples/gitlab/.gitlab-ci.yml: what GitLab requires', () => {
  it('is valid YAML without duplicate keys', () => {
    expect(doc.errors).toEqual([]);
  });

  it('uses only known top-level keywords; everything else is a job', () => {
    for (const key of Object.keys(pipeline)) {
      if (GLOBAL_KEYWORDS.includes(key) || key.startsWith('.')) continue;
      expect({ key, isJob: typeof (pipeline[key] as Job).script !== 'undefined' }).toEqual({ key, isJob: true });
    }
    expect([...jobs.keys()]).toEqual(['membership-plan', 'membership-apply']);
    for (const key of Object.keys(pipeline.default)) expect(DEFAULT_KEYWORDS).toContain(key);
  });

  it('declares its stages, and each job runs in one of them with a script, an image and well-formed rules', () => {
    expect(pipeline.stages).toEqual(['plan', 'apply']);
    for (const [name, job] of jobs) {
      for (const key of Object.keys(job))
        expect({ job: name, key, known: JOB_KEYWORDS.includes(key) }).toMatchObject({ known: true });
      expect(pipeline.stages).toContain(job.stage);
      expect(job.script.length).toBeGreaterThan(0);
      for (const line of job.script) expect(typeof line).toBe('string');
      expect(job.image ?? pipeline.default.image).toBe('node:24');
      expect(job.only).toBeUndefined();
      expect(job.except).toBeUndefined();
      checkRules(job.rules);
    }
    checkRules((pipeline.workflow as { rules: unknown }).rules);
  });

  it('downloads the single-file bundle from a pinned commit and says why', () => {
    expect(pipeline.variables.MEMBERSHIP_SHA).toMatch(/^[0-9a-f]{40}$/);
    expect(pipeline.default.before_script).toEqual([
      'curl -fsSLo membership.mjs "https://raw.githubusercontent.com/your-org/membership/${MEMBERSHIP_SHA}/bundle/membership.mjs"',
    ]);
    expect(text).toContain('a tag or\n# branch can be moved to other code after you reviewed it, a commit SHA cannot');
  });

  it('plans merge requests that change the file, and applies a fresh plan on the default branch, one at a time', () => {
    const plan = jobs.get('membership-plan')!;
    expect(plan.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"', changes: ['membership.yaml'] }]);
    expect(plan.script).toContain(
      'node membership.mjs plan --file "$MEMBERSHIP_FILE" --format markdown --out plan.json $MEMBERSHIP_SAFETY_ARGS > plan.md || code=$?',
    );
    const apply = jobs.get('membership-apply')!;
    expect(apply.rules![0]).toEqual({
      if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "push"',
      changes: ['membership.yaml'],
    });
    expect(apply.resource_group).toBe('membership-apply');
    expect(apply.interruptible).toBe(false);
    expect(apply.script).toEqual([
      'set -f',
      'node membership.mjs apply --file "$MEMBERSHIP_FILE" --auto-approve $MEMBERSHIP_SAFETY_ARGS',
    ]);
    expect(pipeline.variables.MEMBERSHIP_SAFETY_ARGS).toBe('');
    expect(text).toContain('makes a FRESH plan');
  });

  it('names no token in the file: the tokens come from CI/CD variables', () => {
    expect(Object.keys(pipeline.variables).sort()).toEqual([
      'MEMBERSHIP_FILE',
      'MEMBERSHIP_SAFETY_ARGS',
      'MEMBERSHIP_SHA',
    ]);
    for (const line of jobs.get('membership-plan')!.script)
      if (line.includes('MEMBERSHIP_GITLAB_TOKEN')) expect(line).not.toMatch(/set -x|echo .*TOKEN/);
  });
});

describe('examples/gitlab/.gitlab-ci.yml: the plan job, run with bash', () => {
  const temp = tempDir();
  afterAll(() => temp.remove());
  const bin = join(temp.dir, 'bin');
  mkdirSync(bin);
  copyFileSync(join(REPO_ROOT, 'test', 'unit', 'gitlab', 'fake-curl.mjs'), join(bin, 'curl'));
  const script = jobs.get('membership-plan')!.script.join('\n');
  let runs = 0;

  const markdown = renderPlanMarkdown(
    {
      format_version: PLAN_FORMAT_VERSION,
      changes: [{ provider: 'turso', action: 'add', organization: 'acme', member: 'bob', role: 'member' }],
      drift: [],
      problems: [],
      notices: [],
    },
    { file: 'membership.yaml' },
  );
  const marker = planCommentMarker('membership.yaml');
  const footer = '\n<sub>Planned at 5f2b7c1 in [job 808](https://gitlab.example/acme/access/-/jobs/808).</sub>\n';
  const NOTES = 'https://gitlab.example/api/v4/projects/31/merge_requests/9/notes';

  async function runPlanJob(options: { stdout: string; exitCode?: number; notes?: unknown[][] }) {
    const dir = join(temp.dir, `job-${++runs}`);
    mkdirSync(dir);
    // The stand-in bundle prints what a plan would and exits with the code it is told.
    writeFileSync(
      join(dir, 'membership.mjs'),
      `process.stdout.write(${JSON.stringify(options.stdout)});\nprocess.exit(${options.exitCode ?? 0});\n`,
    );
    const api = join(dir, 'api.json');
    writeFileSync(api, JSON.stringify({ user: { id: 77, username: 'project_31_bot' }, notes: options.notes ?? [] }));
    const log = join(dir, 'curl.log');
    writeFileSync(log, '');
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd: dir,
      env: {
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        FAKE_GITLAB: api,
        FAKE_CURL_LOG: log,
        MEMBERSHIP_GITLAB_TOKEN: 'glpat-secret-value',
        MEMBERSHIP_FILE: 'membership.yaml',
        MEMBERSHIP_SAFETY_ARGS: '',
        CI_API_V4_URL: 'https://gitlab.example/api/v4',
        CI_PROJECT_ID: '31',
        CI_MERGE_REQUEST_IID: '9',
        CI_COMMIT_SHORT_SHA: '5f2b7c1',
        CI_JOB_ID: '808',
        CI_JOB_URL: 'https://gitlab.example/acme/access/-/jobs/808',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    const requests = readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { method: string; url: string; token: boolean; body: string | null });
    return { code, output, requests };
  }

  const others = (count: number, from = 1000) =>
    Array.from({ length: count }, (_, i) => ({ id: from + i, author: { id: 5 }, body: 'LGTM' }));

  it('posts the plan as a new note when the merge request has none, with the token, and passes', async () => {
    const run = await runPlanJob({ stdout: markdown });
    expect(run.code).toBe(0);
    expect(run.requests).toEqual([
      { method: 'GET', url: 'https://gitlab.example/api/v4/user', token: true, body: null },
      { method: 'GET', url: `${NOTES}?per_page=100&page=1&sort=asc&order_by=created_at`, token: true, body: null },
      { method: 'POST', url: NOTES, token: true, body: markdown + footer },
    ]);
    expect(run.output).not.toContain('glpat-secret-value');
  });

  it('updates its own note, found on a later page by marker and author, and leaves a person’s quote alone', async () => {
    const run = await runPlanJob({
      stdout: markdown,
      notes: [
        [...others(99), { id: 1, author: { id: 5 }, body: `${marker}\nquoted by a person` }],
        [
          { id: 2, author: { id: 77 }, body: `${planCommentMarker('other.yaml')}\n` },
          { id: 3, author: { id: 77 }, body: `${marker}\nold` },
        ],
      ],
    });
    expect(run.code).toBe(0);
    expect(run.requests.map((request) => [request.method, request.url])).toEqual([
      ['GET', 'https://gitlab.example/api/v4/user'],
      ['GET', `${NOTES}?per_page=100&page=1&sort=asc&order_by=created_at`],
      ['GET', `${NOTES}?per_page=100&page=2&sort=asc&order_by=created_at`],
      ['PUT', `${NOTES}/3`],
    ]);
    expect(run.requests[3]!.body).toBe(markdown + footer);
  });

  it('replaces the old plan with a failure note and fails the job when no plan was printed', async () => {
    const run = await runPlanJob({
      stdout: '',
      exitCode: 1,
      notes: [[{ id: 3, author: { id: 77 }, body: `${marker}\nold` }]],
    });
    expect(run.code).toBe(1);
    const put = run.requests.find((request) => request.method === 'PUT')!;
    expect(put.url).toBe(`${NOTES}/3`);
    expect(put.body).toBe(
      `${marker}\n### membership plan failed\n\nThe plan could not be made (exit code 1); the reason is in the [job log](https://gitlab.example/acme/access/-/jobs/808).\n` +
        footer,
    );
  });

  it('posts a plan with problems and still fails the job with the plan’s exit code', async () => {
    const run = await runPlanJob({ stdout: markdown, exitCode: 1 });
    expect(run.code).toBe(1);
    expect(run.requests.at(-1)).toMatchObject({ method: 'POST', body: markdown + footer });
  });
});
