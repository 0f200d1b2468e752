/**
 * Walks apply.yml's lookup script (examples/github/scripts/find-reviewed-plan.cjs) against recorded
 * GitHub REST answers (test/unit/github/recorded/) through a fake `github` client that answers the
 * way the API does (filtering runs by head_sha and status, artifacts by run and name), and a fake
 * `core` that records outputs, the job summary and whether the step failed. No network.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SCRIPTS_DIR } from './github-files.js';

interface FindResult {
  readonly mode: 'reviewed' | 'fresh' | 'none';
  readonly message: string;
  readonly [output: string]: unknown;
}
type FindReviewedPlan = ((args: {
  github: unknown;
  context: unknown;
  core: unknown;
  env: Record<string, string>;
}) => Promise<FindResult>) & { HOW_TO_REPLAN: string };

const require = createRequire(import.meta.url);
const findReviewedPlan = require(join(SCRIPTS_DIR, 'find-reviewed-plan.cjs')) as FindReviewedPlan;

interface Run {
  readonly id: number;
  readonly head_sha: string;
  readonly conclusion: string | null;
  readonly html_url: string;
  readonly [field: string]: unknown;
}
interface Artifact {
  readonly name: string;
  readonly expired: boolean;
  readonly workflow_run: { readonly id: number };
}

const recorded = (name: string): unknown =>
  JSON.parse(readFileSync(join(import.meta.dirname, 'recorded', `${name}.json`), 'utf8'));

const MERGE_SHA = '9d1c0e6b2f4a8c7e5d3b1a0f9e8d7c6b5a4f3e2d';
const HEAD_SHA = '5f2b7c1d9e8a4b3c2d1e0f9a8b7c6d5e4f3a2b1c';
const LATEST_SUCCESS = 11874290001;

interface Api {
  pulls?: unknown[];
  runs?: Run[];
  artifacts?: Artifact[];
}

function fakeGithub(api: Api) {
  const requests: Array<{ endpoint: string; params: Record<string, unknown> }> = [];
  const listWorkflowRuns = (params: Record<string, unknown>) => {
    requests.push({ endpoint: 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', params });
    // As the API answers: only runs of that head commit, with that conclusion.
    const runs = (api.runs ?? (recorded('plan-workflow-runs') as { workflow_runs: Run[] }).workflow_runs).filter(
      (run) => run.head_sha === params.head_sha && run.conclusion === params.status,
    );
    return Promise.resolve({ data: { total_count: runs.length, workflow_runs: runs } });
  };
  const github = {
    paginate: async (method: unknown, params: Record<string, unknown>) => {
      expect(method).toBe(listWorkflowRuns);
      return (await listWorkflowRuns(params)).data.workflow_runs;
    },
    rest: {
      repos: {
        listPullRequestsAssociatedWithCommit: (params: Record<string, unknown>) => {
          requests.push({ endpoint: 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', params });
          return Promise.resolve({ data: api.pulls ?? (recorded('commit-pulls-merged') as unknown[]) });
        },
      },
      actions: {
        listWorkflowRuns,
        listWorkflowRunArtifacts: (params: Record<string, unknown>) => {
          requests.push({ endpoint: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', params });
          const artifacts = (
            api.artifacts ?? (recorded('plan-run-artifacts') as { artifacts: Artifact[] }).artifacts
          ).filter((artifact) => artifact.workflow_run.id === params.run_id && artifact.name === params.name);
          return Promise.resolve({ data: { total_count: artifacts.length, artifacts } });
        },
      },
    },
  };
  return { github, requests };
}

function fakeCore() {
  const outputs: Record<string, string> = {};
  const state = { failed: null as string | null, notices: [] as string[], summary: '' };
  let pending = '';
  const summary = {
    addRaw: (text: string) => {
      pending += text;
      return summary;
    },
    write: () => {
      state.summary += pending;
      pending = '';
      return Promise.resolve(summary);
    },
  };
  const core = {
    setOutput: (name: string, value: string) => (outputs[name] = value),
    setFailed: (message: string) => (state.failed = message),
    notice: (message: string) => state.notices.push(message),
    summary,
  };
  return { core, outputs, state };
}

async function find(options: { api?: Api; sha?: string; eventName?: string; env?: Record<string, string> } = {}) {
  const { github, requests } = fakeGithub(options.api ?? {});
  const { core, outputs, state } = fakeCore();
  const context = {
    repo: { owner: 'acme', repo: 'access' },
    sha: options.sha ?? MERGE_SHA,
    ref: 'refs/heads/main',
    eventName: options.eventName ?? 'push',
  };
  const env = { PLAN_WORKFLOW: 'membership-plan.yml', ARTIFACT_PREFIX: 'membership-plan-', ...options.env };
  const result = await findReviewedPlan({ github, context, core, env });
  return { result, outputs, state, requests };
}

describe('find-reviewed-plan.cjs', () => {
  it('finds the merged pull request, its successful plan run for the head commit and that run’s artifact', async () => {
    const { outputs, state, requests } = await find();
    expect(outputs).toEqual({
      mode: 'reviewed',
      'pr-number': '42',
      'head-sha': HEAD_SHA,
      'run-id': String(LATEST_SUCCESS),
      'run-url': `https://github.com/acme/access/actions/runs/${LATEST_SUCCESS}`,
      'artifact-name': `membership-plan-${HEAD_SHA}`,
      message: expect.stringContaining('Applying the plan reviewed on pull request #42') as unknown as string,
    });
    expect(state.failed).toBeNull();
    expect(state.notices).toEqual([outputs.message]);
    expect(state.summary).toBe(`### membership apply\n\n${outputs.message}\n`);
    expect(requests).toEqual([
      {
        endpoint: 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
        params: { owner: 'acme', repo: 'access', commit_sha: MERGE_SHA, per_page: 100 },
      },
      {
        endpoint: 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
        params: {
          owner: 'acme',
          repo: 'access',
          workflow_id: 'membership-plan.yml',
          head_sha: HEAD_SHA,
          status: 'success',
          per_page: 100,
        },
      },
      {
        endpoint: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts',
        params: {
          owner: 'acme',
          repo: 'access',
          run_id: LATEST_SUCCESS,
          name: `membership-plan-${HEAD_SHA}`,
          per_page: 100,
        },
      },
    ]);
  });

  it('of several runs takes the latest successful one for the head commit, whatever order they come in', async () => {
    const runs = (recorded('plan-workflow-runs') as { workflow_runs: Run[] }).workflow_runs;
    // Answers in another order, and a later success for a commit that is no longer the head.
    const reordered = [...runs].reverse().concat({
      ...runs[3]!,
      id: 11899999999,
      created_at: '2025-11-05T00:00:00Z',
    });
    const { outputs } = await find({ api: { runs: reordered } });
    expect(outputs['run-id']).toBe(String(LATEST_SUCCESS));
  });

  it('ignores a run the API returns that is not a pull_request run or not a success', async () => {
    const runs = (recorded('plan-workflow-runs') as { workflow_runs: Run[] }).workflow_runs;
    const newer = { created_at: '2025-11-05T00:00:00Z', id: 11900000000 };
    const { outputs } = await find({
      api: { runs: [...runs, { ...runs[1]!, ...newer, event: 'workflow_dispatch' }] },
    });
    expect(outputs['run-id']).toBe(String(LATEST_SUCCESS));
  });

  it('fails on a direct push (no merged pull request) and says how to re-plan', async () => {
    const { outputs, state, requests, result } = await find({
      api: { pulls: recorded('commit-pulls-direct-push') as unknown[] },
      sha: 'abcdef0123456789abcdef0123456789abcdef01',
    });
    expect(result.mode).toBe('none');
    expect(outputs.mode).toBe('none');
    expect(outputs['pr-number']).toBeUndefined();
    expect(state.failed).toBe(outputs.message);
    expect(state.failed).toBe(
      'No reviewed plan to apply: abcdef0 reached main without a merged pull request (a direct push), so nobody ' +
        `reviewed a plan of it. Nothing was applied. ${findReviewedPlan.HOW_TO_REPLAN}`,
    );
    expect(state.failed).toContain('open a pull request that changes it');
    expect(state.failed).toContain('fresh-plan: true');
    expect(state.summary).toContain(state.failed!);
    expect(requests).toHaveLength(1);
  });

  it('treats a commit only in open pull requests, or merged into another branch, as a direct push', async () => {
    const [merged, open] = recorded('commit-pulls-merged') as Array<Record<string, unknown>>;
    const elsewhere = { ...merged, base: { ref: 'release' } };
    const { outputs, state } = await find({ api: { pulls: [open, elsewhere] } });
    expect(outputs.mode).toBe('none');
    expect(state.failed).toMatch(/^No reviewed plan to apply: 9d1c0e6 reached main without a merged pull request/);
  });

  it('fails when the merged pull request has no successful plan run for its head commit, naming both', async () => {
    const runs = (recorded('plan-workflow-runs') as { workflow_runs: Run[] }).workflow_runs;
    const { outputs, state, requests } = await find({
      api: { runs: runs.filter((run) => run.head_sha !== HEAD_SHA || run.conclusion !== 'success') },
    });
    expect(outputs).toMatchObject({ mode: 'none', 'pr-number': '42', 'head-sha': HEAD_SHA });
    expect(outputs['run-id']).toBeUndefined();
    expect(state.failed).toBe(
      'No reviewed plan to apply: pull request #42 was merged, but membership-plan.yml has no successful run for ' +
        'its head commit 5f2b7c1 (the plan failed or had problems, was still running at merge, or never ran). ' +
        `Nothing was applied. ${findReviewedPlan.HOW_TO_REPLAN}`,
    );
    expect(requests.map((request) => request.endpoint)).not.toContain(
      'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts',
    );
  });

  it('fails when the plan run’s artifact has expired', async () => {
    const [artifact] = (recorded('plan-run-artifacts') as { artifacts: Artifact[] }).artifacts;
    const { outputs, state } = await find({ api: { artifacts: [{ ...artifact!, expired: true }] } });
    expect(outputs).toMatchObject({ mode: 'none', 'pr-number': '42', 'run-id': String(LATEST_SUCCESS) });
    expect(state.failed).toContain(`has no artifact membership-plan-${HEAD_SHA}: it expired or was deleted`);
    expect(state.failed).toContain(findReviewedPlan.HOW_TO_REPLAN);
  });

  it('with fresh-plan: true on a run started by hand, allows a fresh plan, says so, and looks nothing up', async () => {
    const { outputs, state, requests } = await find({ eventName: 'workflow_dispatch', env: { FRESH_PLAN: 'true' } });
    expect(outputs.mode).toBe('fresh');
    expect(outputs.message).toBe(
      'fresh-plan: true: applying a fresh plan of membership.yaml at 9d1c0e6 with --auto-approve. No reviewed plan ' +
        'is used: what is applied is what the log shows before the changes.',
    );
    expect(state.failed).toBeNull();
    expect(state.notices).toEqual([outputs.message]);
    expect(requests).toEqual([]);
  });

  it('ignores fresh-plan outside a run started by hand, and fresh-plan false on one', async () => {
    const push = await find({ env: { FRESH_PLAN: 'true' } });
    expect(push.outputs.mode).toBe('reviewed');
    const dispatched = await find({ eventName: 'workflow_dispatch', env: { FRESH_PLAN: 'false' } });
    expect(dispatched.outputs.mode).toBe('reviewed');
  });

  it('run by hand without fresh-plan on a direct push, fails like the push did', async () => {
    const { outputs, state } = await find({ eventName: 'workflow_dispatch', api: { pulls: [] } });
    expect(outputs.mode).toBe('none');
    expect(state.failed).toContain('fresh-plan: true');
  });
});
