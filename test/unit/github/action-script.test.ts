/**
 * Runs action.yml's own shell scripts with bash, the way GitHub runs them (`bash --noprofile
 * --norc -eo pipefail`), against a stand-in CLI that prints the argv it got and exits with the
 * code it is told: what reaches the CLI, what the outputs say, when the step fails.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/temp-files.js';
import { ACTION_PATH, loadYaml, type Step } from './github-files.js';

const steps = (loadYaml(ACTION_PATH).data.runs as { steps: Step[] }).steps;
const runScript = steps.find((step) => step.id === 'run')!.run!;

const temp = tempDir();
afterAll(() => temp.remove());

const actionPath = join(temp.dir, 'action');
mkdirSync(join(actionPath, 'bundle'), { recursive: true });
writeFileSync(
  join(actionPath, 'bundle', 'membership.mjs'),
  'process.stdout.write(JSON.stringify(process.argv.slice(2)) + "\\n");\nprocess.exit(Number(process.env.FAKE_EXIT_CODE || 0));\n',
);

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly outputs: Record<string, string>;
  readonly workdir: string;
}

let runs = 0;
async function runAction(
  inputs: { command: string; file?: string; args?: string; failOnError?: string },
  exitCode = 0,
): Promise<Run> {
  const workdir = join(temp.dir, `work-${++runs}`);
  mkdirSync(workdir);
  writeFileSync(join(workdir, 'decoy.txt'), '');
  const outputFile = join(workdir, '..', `github-output-${runs}`);
  writeFileSync(outputFile, '');
  const result = await bash(runScript, workdir, {
    GITHUB_ACTION_PATH: actionPath,
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: temp.dir,
    MEMBERSHIP_COMMAND: inputs.command,
    MEMBERSHIP_FILE: inputs.file ?? 'membership.yaml',
    MEMBERSHIP_ARGS: inputs.args ?? '',
    MEMBERSHIP_FAIL_ON_ERROR: inputs.failOnError ?? 'true',
    FAKE_EXIT_CODE: String(exitCode),
  });
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { ...result, outputs, workdir };
}

function bash(
  script: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string }> {
  const scriptFile = join(temp.dir, `script-${++runs}.sh`);
  writeFileSync(scriptFile, script);
  const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.resume();
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout }));
  });
}

describe('action.yml: the run step', () => {
  it('runs the CLI with the command, the file and the extra arguments, and records exit code and stdout', async () => {
    const run = await runAction({ command: 'plan', args: '--format markdown\n  --out plan.json ' });
    const argv = ['plan', '--file', 'membership.yaml', '--format', 'markdown', '--out', 'plan.json'];
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(JSON.stringify(argv));
    expect(run.outputs.exitcode).toBe('0');
    expect(readFileSync(run.outputs['output-file']!, 'utf8')).toBe(JSON.stringify(argv) + '\n');
  });

  it('passes no extra argument when args is empty, and a file name with spaces as one argument', async () => {
    const run = await runAction({ command: 'validate', file: 'teams/prod membership.yaml' });
    expect(run.stdout).toBe(JSON.stringify(['validate', '--file', 'teams/prod membership.yaml']) + '\n');
  });

  it('treats args as words: no substitution, no globbing, no second command', async () => {
    const args = '$(touch pwned-1) `touch pwned-2` ; touch pwned-3 * $HOME';
    const run = await runAction({ command: 'plan', args });
    expect(JSON.parse(run.stdout.split('\n')[0]!)).toEqual(['plan', '--file', 'membership.yaml', ...args.split(' ')]);
    for (const file of ['pwned-1', 'pwned-2', 'pwned-3']) expect(existsSync(join(run.workdir, file))).toBe(false);
  });

  it('refuses a command other than plan, apply or validate without running anything', async () => {
    const run = await runAction({ command: 'plan; touch pwned' });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("::error title=membership::input 'command' must be plan, apply or validate\n");
    expect(run.outputs).toEqual({});
  });

  it('fails the step on exit code 1, after recording it', async () => {
    const run = await runAction({ command: 'apply', args: '--auto-approve' }, 1);
    expect(run.code).toBe(1);
    expect(run.outputs.exitcode).toBe('1');
    expect(run.stdout).toContain('::error title=membership::membership apply failed with exit code 1');
  });

  it('does not fail the step on exit code 2 (changes or drift present): the output says it', async () => {
    const run = await runAction({ command: 'plan', args: '--detailed-exitcode' }, 2);
    expect(run.code).toBe(0);
    expect(run.outputs.exitcode).toBe('2');
  });

  it('with fail-on-error false, never fails the step and still records the exit code', async () => {
    const run = await runAction({ command: 'plan', failOnError: 'false' }, 1);
    expect(run.code).toBe(0);
    expect(run.outputs.exitcode).toBe('1');
  });
});
