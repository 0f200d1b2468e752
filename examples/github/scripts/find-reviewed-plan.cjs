/* global module, process */
'use strict';
/**
 * Finds the plan that was reviewed for the commit apply.yml is about to apply. Run by
 * actions/github-script in apply.yml:
 *
 *   await require('./.github/membership/find-reviewed-plan.cjs')({ github, context, core });
 *
 * 1. The pull request merged as the pushed commit (GET /repos/{owner}/{repo}/commits/{sha}/pulls:
 *    merged, into the pushed branch; the one whose merge commit is the pushed commit first).
 * 2. That pull request's latest successful run of the plan workflow for its head commit
 *    (GET /repos/{owner}/{repo}/actions/workflows/{file}/runs?head_sha=...&status=success).
 * 3. That run's plan artifact, `membership-plan-<head sha>`, not expired.
 *
 * Outputs: `mode` (`reviewed`, `fresh` or `none`), `pr-number`, `head-sha`, `run-id`, `run-url`,
 * `artifact-name` and `message`. Without a reviewed plan the step fails with a message that says how
 * to re-plan, unless the run was started by hand with the input fresh-plan: true, which applies a
 * fresh plan with --auto-approve instead. Environment: PLAN_WORKFLOW (the plan workflow's file name,
 * default membership-plan.yml), ARTIFACT_PREFIX (default membership-plan-), FRESH_PLAN.
 */

const HOW_TO_REPLAN =
  'To apply membership.yaml as it is now, get a plan of it reviewed: open a pull request that changes it ' +
  '(the plan workflow comments the plan; merging applies exactly that plan). Or, to apply without a reviewed plan, ' +
  'run this workflow by hand (Actions > membership apply > Run workflow) with fresh-plan: true: ' +
  'it applies a fresh plan of the file with --auto-approve.';

async function findReviewedPlan({ github, context, core, env = process.env }) {
  const { owner, repo } = context.repo;
  const sha = context.sha;
  const branch = context.ref.replace(/^refs\/heads\//, '');
  const planWorkflow = env.PLAN_WORKFLOW || 'membership-plan.yml';
  const prefix = env.ARTIFACT_PREFIX || 'membership-plan-';
  const short = (commit) => commit.slice(0, 7);

  const finish = async (result) => {
    for (const [name, value] of Object.entries(result)) core.setOutput(name, value === undefined ? '' : String(value));
    await core.summary.addRaw(`### membership apply\n\n${result.message}\n`).write();
    if (result.mode === 'none') core.setFailed(result.message);
    else core.notice(result.message);
    return result;
  };

  if (context.eventName === 'workflow_dispatch' && env.FRESH_PLAN === 'true') {
    return finish({
      mode: 'fresh',
      message:
        `fresh-plan: true: applying a fresh plan of membership.yaml at ${short(sha)} with --auto-approve. ` +
        'No reviewed plan is used: what is applied is what the log shows before the changes.',
    });
  }

  const { data: pulls } = await github.rest.repos.listPullRequestsAssociatedWithCommit({
    owner,
    repo,
    commit_sha: sha,
    per_page: 100,
  });
  const merged = pulls
    .filter((pull) => pull.merged_at && pull.base && pull.base.ref === branch)
    .sort((a, b) => Date.parse(b.merged_at) - Date.parse(a.merged_at));
  const pull = merged.find((candidate) => candidate.merge_commit_sha === sha) || merged[0];
  if (!pull) {
    return finish({
      mode: 'none',
      message:
        `No reviewed plan to apply: ${short(sha)} reached ${branch} without a merged pull request ` +
        `(a direct push), so nobody reviewed a plan of it. Nothing was applied. ${HOW_TO_REPLAN}`,
    });
  }

  const head = pull.head.sha;
  const base = { 'pr-number': pull.number, 'head-sha': head };
  const runs = await github.paginate(github.rest.actions.listWorkflowRuns, {
    owner,
    repo,
    workflow_id: planWorkflow,
    head_sha: head,
    status: 'success',
    per_page: 100,
  });
  const successful = runs
    .filter((run) => run.head_sha === head && run.conclusion === 'success' && run.event === 'pull_request')
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
  const run = successful[0];
  if (!run) {
    return finish({
      mode: 'none',
      ...base,
      message:
        `No reviewed plan to apply: pull request #${pull.number} was merged, but ${planWorkflow} has no successful run ` +
        `for its head commit ${short(head)} (the plan failed or had problems, was still running at merge, or never ran). ` +
        `Nothing was applied. ${HOW_TO_REPLAN}`,
    });
  }

  const name = `${prefix}${head}`;
  const { data } = await github.rest.actions.listWorkflowRunArtifacts({
    owner,
    repo,
    run_id: run.id,
    name,
    per_page: 100,
  });
  const artifact = data.artifacts.find((candidate) => candidate.name === name && !candidate.expired);
  if (!artifact) {
    return finish({
      mode: 'none',
      ...base,
      'run-id': run.id,
      'run-url': run.html_url,
      message:
        `No reviewed plan to apply: the plan of pull request #${pull.number} (${run.html_url}) has no artifact ${name}: ` +
        `it expired or was deleted. Nothing was applied. ${HOW_TO_REPLAN}`,
    });
  }

  return finish({
    mode: 'reviewed',
    ...base,
    'run-id': run.id,
    'run-url': run.html_url,
    'artifact-name': name,
    message:
      `Applying the plan reviewed on pull request #${pull.number}: made at its head commit ${short(head)} ` +
      `by ${run.html_url}. It is applied only if membership.yaml on ${branch} is still the file that was planned.`,
  });
}

module.exports = findReviewedPlan;
module.exports.HOW_TO_REPLAN = HOW_TO_REPLAN;
