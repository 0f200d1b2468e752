/**
 * The example workflows and action.yml are code users copy into CI with write tokens: these
 * checks hold the rules that keep them safe (pinned actions, secrets only in env, no expression
 * spliced into a script, least permissions) and working (the flags they pass exist).
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runCli } from '../../support/run-cli.js';
import {
  ACTION_PATH,
  MEMBERSHIP_ACTION,
  SCRIPTS_DIR,
  TOKEN_SECRETS,
  jobsOf,
  loadWorkflows,
  loadYaml,
  stepsOf,
  stringsIn,
  workflow,
  type GitHubFile,
  type Step,
} from './github-files.js';

const workflows = loadWorkflows();
const action = loadYaml(ACTION_PATH);
const allFiles = [...workflows.values(), action];
const membershipSteps = (name: string): Step[] =>
  stepsOf(workflow(name)).filter((step) => MEMBERSHIP_ACTION.test(step.uses ?? ''));

/** Actions that run on Node 24 from this major version on (their action.yml says `using: node24`). */
const NODE24_FROM: Record<string, number> = {
  'actions/checkout': 5,
  'actions/github-script': 8,
  'actions/upload-artifact': 6,
  'actions/download-artifact': 7,
};

/** A step's `args` as the CLI gets them: `${{ env.X }}` from the workflow's env, other expressions as one word. */
function argsOf(file: GitHubFile, step: Step): string[] {
  const env = (file.data.env ?? {}) as Record<string, string>;
  const resolved = (step.with?.args ?? '').replace(/\$\{\{\s*env\.([\w-]+)\s*\}\}/g, (_all, name: string) => {
    expect(env).toHaveProperty(name);
    return env[name]!;
  });
  return resolved
    .replace(/\$\{\{[^}]*\}\}/g, 'EXPRESSION')
    .split(/\s+/)
    .filter(Boolean);
}

describe('examples/github and action.yml: safety rules', () => {
  it('ships exactly the three example workflows', () => {
    expect([...workflows.keys()]).toEqual(['apply.yml', 'drift.yml', 'plan.yml']);
  });

  it.each(allFiles.map((file) => [file.path.slice(REPO_ROOT.length), file] as const))(
    '%s pins every action to a full commit SHA with its version in a comment',
    (_path, file) => {
      const remote = stepsOf(file).filter((step) => step.uses !== undefined);
      for (const step of remote) {
        expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
        expect(file.text).toMatch(
          new RegExp(`uses: ${step.uses!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} # v\\d+\\.\\d+\\.\\d+\\n`),
        );
      }
      // This tool's own action too: a tag can be moved to other code, a commit is what was reviewed.
      for (const step of stepsOf(file).filter((s) => s.uses?.startsWith('your-org/')))
        expect(step.uses).toMatch(MEMBERSHIP_ACTION);
    },
  );

  it('pins this tool to one commit in all three workflows, and plan.yml says why and how to pick it', () => {
    const pins = new Set([...workflows.keys()].flatMap((name) => membershipSteps(name).map((step) => step.uses)));
    expect(pins.size).toBe(1);
    const plan = workflow('plan.yml').text;
    expect(plan).toContain('a tag can be moved');
    expect(plan).toContain('git ls-remote https://github.com/your-org/membership refs/tags/');
    for (const name of ['apply.yml', 'drift.yml']) expect(workflow(name).text).toMatch(/commit/);
  });

  it.each([...workflows].map(([name, file]) => [name, file] as const))(
    '%s uses only actions that run on Node 24',
    (_name, file) => {
      for (const step of stepsOf(file).filter((s) => s.uses !== undefined && !MEMBERSHIP_ACTION.test(s.uses))) {
        const name = step.uses!.split('@')[0]!;
        expect(Object.keys(NODE24_FROM)).toContain(name);
        const version = new RegExp(`uses: ${name.replace('/', '\\/')}@[0-9a-f]{40} # v(\\d+)\\.`).exec(file.text);
        expect(Number(version![1])).toBeGreaterThanOrEqual(NODE24_FROM[name]!);
      }
    },
  );

  it.each(allFiles.map((file) => [file.path.slice(REPO_ROOT.length), file] as const))(
    '%s splices no expression into a script: inputs and event data reach scripts through env',
    (_path, file) => {
      for (const step of stepsOf(file)) {
        expect(step.run ?? '').not.toContain('${{');
        expect(step.with?.script ?? '').not.toContain('${{');
        if (step.run !== undefined) expect(step.uses).toBeUndefined();
      }
    },
  );

  it.each([...workflows].map(([name, file]) => [name, file] as const))(
    '%s reads secrets only as a whole env value named after the secret, and only the token secrets',
    (_name, file) => {
      const withSecrets = stringsIn(file.data).filter(({ value }) => value.includes('secrets.'));
      expect(withSecrets.length).toBeGreaterThan(0);
      for (const { path, value } of withSecrets) {
        const name = path[path.length - 1]!;
        expect(path[path.length - 2]).toBe('env');
        expect(TOKEN_SECRETS).toContain(name);
        expect(value).toBe(`\${{ secrets.${name} }}`);
      }
    },
  );

  it.each([
    ['plan.yml', 1],
    ['apply.yml', 2],
    ['drift.yml', 1],
  ] as const)('%s gives each of its %i membership steps all three tokens and nothing else', (name, count) => {
    const steps = membershipSteps(name);
    expect(steps).toHaveLength(count);
    for (const step of steps) expect(Object.keys(step.env ?? {}).sort()).toEqual([...TOKEN_SECRETS].sort());
    // Only membership steps see the tokens.
    for (const step of stepsOf(workflow(name)).filter((s) => !MEMBERSHIP_ACTION.test(s.uses ?? '')))
      for (const secret of TOKEN_SECRETS) expect(step.env ?? {}).not.toHaveProperty(secret);
  });

  it.each([
    ['plan.yml', { plan: { contents: 'read', 'pull-requests': 'write' } }],
    [
      'apply.yml',
      {
        apply: { contents: 'read', 'pull-requests': 'read', actions: 'read' },
        comment: { 'pull-requests': 'write' },
      },
    ],
    ['drift.yml', { drift: { contents: 'read' } }],
  ])('%s grants nothing workflow-wide and each job exactly the permissions it needs', (name, permissions) => {
    const file = workflow(name);
    expect(file.data.permissions).toEqual({});
    expect(Object.fromEntries([...jobsOf(file)].map(([id, job]) => [id, job.permissions]))).toEqual(permissions);
  });

  it.each([...workflows].map(([name, file]) => [name, file] as const))(
    '%s never runs with the base repository’s secrets on a fork’s code, and bounds every job',
    (name, file) => {
      const triggers = Object.keys(file.data.on as object);
      expect(triggers).not.toContain('pull_request_target');
      expect(triggers).not.toContain('workflow_run');
      for (const job of jobsOf(file).values()) {
        expect(typeof job['timeout-minutes']).toBe('number');
        expect(job['runs-on']).toBeDefined();
        for (const checkout of job.steps.filter((step) => step.uses?.startsWith('actions/checkout@')))
          expect(checkout.with?.['persist-credentials']).toBe(false);
        // A job that holds the tokens checks out the file first, and writes at most the plan comment.
        if (job.steps.some((step) => MEMBERSHIP_ACTION.test(step.uses ?? ''))) {
          expect(job.steps[0]!.uses).toMatch(/^actions\/checkout@/);
          expect(
            Object.values((job.permissions ?? {}) as Record<string, string>).filter((p) => p === 'write').length,
          ).toBeLessThanOrEqual(name === 'plan.yml' ? 1 : 0);
        }
      }
    },
  );
});

describe('examples/github: what each workflow does', () => {
  it('plan.yml plans pull requests that touch membership.yaml, as Markdown, and saves the plan per head commit', () => {
    const file = workflow('plan.yml');
    expect(file.data.on).toEqual({ pull_request: { paths: ['membership.yaml'] } });
    const [job] = jobsOf(file).values();
    expect(job!.if).toBe('github.event.pull_request.head.repo.full_name == github.repository');
    const [plan] = membershipSteps('plan.yml');
    expect(plan!.with).toMatchObject({ command: 'plan', file: 'membership.yaml', 'fail-on-error': 'false' });
    expect(plan!.with!.args!.split(/\s+/)).toEqual([
      '--format',
      'markdown',
      '--out',
      'plan.json',
      '${{',
      'env.MEMBERSHIP_SAFETY_ARGS',
      '}}',
    ]);
    const upload = job!.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload!.with).toMatchObject({
      name: 'membership-plan-${{ github.event.pull_request.head.sha }}',
      path: 'plan.json',
      'if-no-files-found': 'error',
    });
    expect(upload!.if).toBe(`steps.${plan!.id}.outputs.exitcode == '0'`);
    const comment = job!.steps.find((step) => step.uses?.startsWith('actions/github-script@'));
    expect(comment!.env).toMatchObject({
      MEMBERSHIP_FILE: plan!.with!.file,
      PLAN_OUTPUT_FILE: `\${{ steps.${plan!.id}.outputs.output-file }}`,
    });
    expect(job!.steps[job!.steps.length - 1]!.if).toBe(`steps.${plan!.id}.outputs.exitcode != '0'`);
  });

  it('plan.yml takes the safety options in one marked place, empty by default', () => {
    const file = workflow('plan.yml');
    expect(file.data.env).toEqual({ MEMBERSHIP_SAFETY_ARGS: '' });
    expect(file.text).toMatch(/Safety options: the one place to set them[^\n]*\n[^\n]*--max-removals 10/);
    expect(file.text.match(/MEMBERSHIP_SAFETY_ARGS/g)).toHaveLength(2);
  });

  it('apply.yml applies what lands on main (or is dispatched), one run at a time, never cancelled halfway', () => {
    const file = workflow('apply.yml');
    expect(file.data.on).toEqual({
      push: { branches: ['main'], paths: ['membership.yaml'] },
      workflow_dispatch: {
        inputs: { 'fresh-plan': { description: expect.any(String), type: 'boolean', default: false } },
      },
    });
    expect(file.data.concurrency).toEqual({ group: 'membership-apply', 'cancel-in-progress': false });
  });

  it('apply.yml finds the reviewed plan of the merged pull request, downloads it from its run and applies that file', () => {
    const file = workflow('apply.yml');
    const plan = workflow('plan.yml');
    const apply = jobsOf(file).get('apply')!;
    const find = apply.steps.find((step) => step.id === 'find')!;
    expect(find.uses).toMatch(/^actions\/github-script@/);
    expect(find.with!.script!.trim()).toBe(
      "await require('./.github/membership/find-reviewed-plan.cjs')({ github, context, core });",
    );
    // The workflow file name plan.yml is copied to, and the artifact name it uploads.
    expect(plan.text).toContain('Copy to .github/workflows/membership-plan.yml');
    expect(find.env).toMatchObject({
      PLAN_WORKFLOW: 'membership-plan.yml',
      ARTIFACT_PREFIX: 'membership-plan-',
      FRESH_PLAN: '${{ inputs.fresh-plan }}',
    });
    const upload = stepsOf(plan).find((step) => step.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with!.name).toBe(`${find.env!.ARTIFACT_PREFIX}\${{ github.event.pull_request.head.sha }}`);

    const download = apply.steps.find((step) => step.uses?.startsWith('actions/download-artifact@'))!;
    expect(download.if).toBe("steps.find.outputs.mode == 'reviewed'");
    expect(download.with).toEqual({
      name: '${{ steps.find.outputs.artifact-name }}',
      'run-id': '${{ steps.find.outputs.run-id }}',
      'github-token': '${{ github.token }}',
      path: '${{ runner.temp }}/reviewed-plan',
    });

    const [reviewed, fresh] = membershipSteps('apply.yml');
    expect(reviewed!.if).toBe("steps.find.outputs.mode == 'reviewed'");
    expect(reviewed!.with).toEqual({
      command: 'apply',
      file: 'membership.yaml',
      args: `${download.with!.path!}/${upload.with!.path!} --format json`,
    });
    expect(fresh!.if).toBe("steps.find.outputs.mode == 'fresh'");
    expect(fresh!.with).toEqual({
      command: 'apply',
      file: 'membership.yaml',
      args: '--auto-approve ${{ env.MEMBERSHIP_FRESH_PLAN_ARGS }}',
    });
    expect(file.data.env).toEqual({ MEMBERSHIP_FRESH_PLAN_ARGS: '' });
    // Nothing else reaches the CLI in between: steps in order.
    expect(apply.steps.map((step) => step.id ?? step.uses!.split('@')[0])).toEqual([
      'actions/checkout',
      'find',
      'actions/download-artifact',
      'apply',
      undefined === fresh!.id ? 'your-org/membership' : fresh!.id,
      'comment',
    ]);
  });

  it('apply.yml writes the result comment without write access and posts it from a job that can only comment', () => {
    const file = workflow('apply.yml');
    const apply = jobsOf(file).get('apply')!;
    const write = apply.steps.find((step) => step.id === 'comment')!;
    expect(write.if).toBe("always() && steps.find.outputs.pr-number != ''");
    expect(write.with!.script!.trim()).toBe("require('./.github/membership/apply-comment.cjs')({ context, core });");
    expect(write.env).toMatchObject({
      APPLY_OUTPUT_FILE: '${{ steps.apply.outputs.output-file }}',
      APPLY_EXIT_CODE: '${{ steps.apply.outputs.exitcode }}',
      FIND_MODE: '${{ steps.find.outputs.mode }}',
      FIND_MESSAGE: '${{ steps.find.outputs.message }}',
    });
    expect(apply.outputs).toEqual({
      'pr-number': '${{ steps.find.outputs.pr-number }}',
      comment: '${{ steps.comment.outputs.comment }}',
    });
    const comment = jobsOf(file).get('comment')!;
    expect(comment.needs).toBe('apply');
    expect(comment.if).toBe("always() && needs.apply.outputs.pr-number != '' && needs.apply.outputs.comment != ''");
    expect(comment.steps).toHaveLength(1);
    expect(comment.steps[0]!.env).toEqual({
      PR_NUMBER: '${{ needs.apply.outputs.pr-number }}',
      COMMENT_BODY: '${{ needs.apply.outputs.comment }}',
    });
  });

  it('apply.yml requires the scripts it runs from .github/membership/, and they ship in examples/github/scripts/', () => {
    const text = workflow('apply.yml').text;
    const required = [...text.matchAll(/require\('\.\/\.github\/membership\/([\w.-]+)'\)/g)].map((m) => m[1]);
    expect(required.sort()).toEqual(readdirSync(SCRIPTS_DIR).sort());
    expect(text).toContain('scripts/find-reviewed-plan.cjs and\n# scripts/apply-comment.cjs to .github/membership/');
  });

  it('drift.yml plans nightly and on demand, and fails with a message on exit code 2', () => {
    const file = workflow('drift.yml');
    expect(Object.keys(file.data.on as object).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect((file.data.on as { schedule: Array<{ cron: string }> }).schedule[0]!.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    const [plan] = membershipSteps('drift.yml');
    expect(plan!.with).toMatchObject({ command: 'plan', args: '--detailed-exitcode' });
    const report = stepsOf(file).find((step) => step.if === `steps.${plan!.id}.outputs.exitcode == '2'`);
    expect(report!.run).toMatch(/::error title=[^:]+::Drift .*\nexit 1\n$/);
  });

  it('passes only options the CLI has, the safety options in the comments included (run against the built CLI)', async () => {
    for (const [name, file] of workflows) {
      for (const step of membershipSteps(name)) {
        const help = await runCli([step.with!.command!, '--help']);
        expect(help.code).toBe(0);
        // One block per option: its flags, description, choices and default (which may wrap).
        const options = help.stdout.split(/\n(?=\s+-)/).map((block) => block.trim());
        // The examples the comments give for the safety options must work too.
        const examples =
          step.with!.command === 'plan' || step.with!.args?.includes('--auto-approve')
            ? ['--max-removals', '--allow-empty']
            : [];
        const words = [...argsOf(file, step), ...examples];
        words.forEach((word, i) => {
          if (!word.startsWith('--')) return;
          const option = options.find((block) => block.split(/[\s,]+/).includes(word));
          expect({ workflow: name, option: word, found: option !== undefined }).toEqual({
            workflow: name,
            option: word,
            found: true,
          });
          if (word === '--format') expect(option).toContain(`"${words[i + 1]}"`);
        });
      }
    }
  });
});

describe('action.yml', () => {
  const data = action.data as {
    inputs: Record<string, { required?: boolean; default?: string }>;
    outputs: Record<string, { value: string }>;
    runs: { using: string; steps: Step[] };
  };
  const run = data.runs.steps.find((step) => step.id === 'run')!;

  it('is a composite action with the inputs and outputs the workflows use', () => {
    expect(data.runs.using).toBe('composite');
    expect(data.inputs.command!.required).toBe(true);
    expect(data.inputs.file!.default).toBe('membership.yaml');
    expect(data.inputs.args!.default).toBe('');
    expect(data.inputs['fail-on-error']!.default).toBe('true');
    expect(data.outputs.exitcode!.value).toBe('${{ steps.run.outputs.exitcode }}');
    expect(data.outputs['output-file']!.value).toBe('${{ steps.run.outputs.output-file }}');
  });

  it('hands every input to its script through an environment variable', () => {
    const mapped = Object.values(run.env ?? {});
    for (const input of Object.keys(data.inputs)) {
      if (input === 'working-directory') expect(run['working-directory']).toBe('${{ inputs.working-directory }}');
      else expect(mapped).toContain(`\${{ inputs.${input} }}`);
    }
  });

  it('runs its scripts with bash, on Node 24, and the committed bundle: no install, no build', () => {
    for (const step of data.runs.steps.filter((s) => s.run !== undefined)) {
      expect(step.shell).toBe('bash');
      expect(step.run).not.toMatch(/\b(npm|npx|tsc|yarn|pnpm)\b/);
    }
    const setupNode = data.runs.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(String(setupNode?.with?.['node-version'])).toBe('24');
    expect(run.run).toContain('node "$GITHUB_ACTION_PATH/bundle/membership.mjs" "$MEMBERSHIP_COMMAND"');
    expect(existsSync(join(REPO_ROOT, 'bundle', 'membership.mjs'))).toBe(true);
  });
});
