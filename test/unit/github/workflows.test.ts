/**
 * The example workflows and action.yml are code users copy into CI with write tokens: these
 * checks hold the rules that keep them safe (pinned actions, secrets only in env, no expression
 * spliced into a script, least permissions) and working (the flags they pass exist).
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runCli } from '../../support/run-cli.js';
import {
  ACTION_PATH,
  MEMBERSHIP_ACTION,
  TOKEN_SECRETS,
  jobsOf,
  loadWorkflows,
  loadYaml,
  stepsOf,
  stringsIn,
  workflow,
  type Step,
} from './github-files.js';

const workflows = loadWorkflows();
const action = loadYaml(ACTION_PATH);
const allFiles = [...workflows.values(), action];
const membershipSteps = (name: string): Step[] =>
  stepsOf(workflow(name)).filter((step) => MEMBERSHIP_ACTION.test(step.uses ?? ''));

describe('examples/github and action.yml: safety rules', () => {
  it('ships exactly the three example workflows', () => {
    expect([...workflows.keys()]).toEqual(['apply.yml', 'drift.yml', 'plan.yml']);
  });

  it.each(allFiles.map((file) => [file.path.slice(REPO_ROOT.length), file] as const))(
    '%s pins every action to a full commit SHA with its version in a comment',
    (_path, file) => {
      const remote = stepsOf(file).filter((step) => step.uses !== undefined && !MEMBERSHIP_ACTION.test(step.uses));
      for (const step of remote) {
        expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
        expect(file.text).toMatch(
          new RegExp(`uses: ${step.uses!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} # v\\d+\\.\\d+\\.\\d+\\n`),
        );
      }
      // This tool's own action is referenced by a release tag the user replaces, never a branch.
      for (const step of stepsOf(file).filter((s) => s.uses?.startsWith('your-org/')))
        expect(step.uses).toMatch(MEMBERSHIP_ACTION);
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

  it.each([...workflows].map(([name, file]) => [name, file] as const))(
    '%s gives the membership step all three tokens and nothing else from secrets',
    (name) => {
      const steps = membershipSteps(name);
      expect(steps).toHaveLength(1);
      expect(Object.keys(steps[0]!.env ?? {}).sort()).toEqual([...TOKEN_SECRETS].sort());
    },
  );

  it.each([
    ['plan.yml', { contents: 'read', 'pull-requests': 'write' }],
    ['apply.yml', { contents: 'read' }],
    ['drift.yml', { contents: 'read' }],
  ])('%s asks for exactly the permissions it needs', (name, permissions) => {
    const file = workflow(name);
    expect(file.data.permissions).toEqual(permissions);
    for (const job of jobsOf(file).values()) expect(job.permissions).toBeUndefined();
  });

  it.each([...workflows].map(([name, file]) => [name, file] as const))(
    '%s never runs with the base repository’s secrets on a fork’s code, and bounds every job',
    (_name, file) => {
      const triggers = Object.keys(file.data.on as object);
      expect(triggers).not.toContain('pull_request_target');
      expect(triggers).not.toContain('workflow_run');
      for (const job of jobsOf(file).values()) {
        expect(typeof job['timeout-minutes']).toBe('number');
        expect(job['runs-on']).toBeDefined();
        const checkout = job.steps.find((step) => step.uses?.startsWith('actions/checkout@'));
        expect(checkout?.with?.['persist-credentials']).toBe(false);
      }
    },
  );
});

describe('examples/github: what each workflow does', () => {
  it('plan.yml plans pull requests that touch membership.yaml, as Markdown, and saves the plan per commit', () => {
    const file = workflow('plan.yml');
    expect(file.data.on).toEqual({ pull_request: { paths: ['membership.yaml'] } });
    const [job] = jobsOf(file).values();
    expect(job!.if).toBe('github.event.pull_request.head.repo.full_name == github.repository');
    const [plan] = membershipSteps('plan.yml');
    expect(plan!.with).toMatchObject({ command: 'plan', file: 'membership.yaml', 'fail-on-error': 'false' });
    expect(plan!.with!.args!.split(/\s+/)).toEqual(['--format', 'markdown', '--out', 'plan.json']);
    const upload = job!.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload!.with).toMatchObject({
      name: 'membership-plan-${{ github.event.pull_request.head.sha }}',
      path: 'plan.json',
    });
    expect(upload!.if).toBe(`steps.${plan!.id}.outputs.exitcode == '0'`);
    const comment = job!.steps.find((step) => step.uses?.startsWith('actions/github-script@'));
    expect(comment!.env).toMatchObject({
      MEMBERSHIP_FILE: plan!.with!.file,
      PLAN_OUTPUT_FILE: `\${{ steps.${plan!.id}.outputs.output-file }}`,
    });
    expect(job!.steps[job!.steps.length - 1]!.if).toBe(`steps.${plan!.id}.outputs.exitcode != '0'`);
  });

  it('apply.yml applies what lands on main, one run at a time, never cancelled halfway', () => {
    const file = workflow('apply.yml');
    expect(file.data.on).toEqual({ push: { branches: ['main'], paths: ['membership.yaml'] }, workflow_dispatch: null });
    expect(file.data.concurrency).toEqual({ group: 'membership-apply', 'cancel-in-progress': false });
    const [apply] = membershipSteps('apply.yml');
    expect(apply!.with).toMatchObject({ command: 'apply', file: 'membership.yaml', args: '--auto-approve' });
    expect(apply!.with!['fail-on-error']).toBeUndefined();
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

  it('passes only options the CLI has (run against the built CLI)', async () => {
    for (const name of workflows.keys()) {
      for (const step of membershipSteps(name)) {
        const help = await runCli([step.with!.command!, '--help']);
        expect(help.code).toBe(0);
        // One block per option: its flags, description, choices and default (which may wrap).
        const options = help.stdout.split(/\n(?=\s+-)/).map((block) => block.trim());
        const words = (step.with!.args ?? '').split(/\s+/).filter(Boolean);
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
