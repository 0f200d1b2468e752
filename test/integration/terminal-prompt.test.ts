/**
 * apply without a saved plan asks on a terminal. util-linux `script` gives the CLI a real pseudo
 * terminal, so this is the prompt a person sees, not a simulation of it.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { TURSO_ALICE_AND_BOB } from '../support/membership-yaml.js';
import { CLI, REPO_ROOT } from '../support/run-cli.js';
import { startTestSandbox, type SandboxEnv } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';

const SCRIPT = '/usr/bin/script';
const files = tempDir();
afterAll(() => files.remove());
let box: SandboxEnv;
beforeEach(async () => (box = await startTestSandbox()));
afterEach(async () => box.sandbox.close());

/** Runs the CLI on a pseudo terminal and types `answer` once the prompt is showing. */
function onTerminal(args: string[], answer: string): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, CLI, ...args].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn(SCRIPT, ['-qec', command, '/dev/null'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...box.env },
    stdio: 'pipe',
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    if (output.includes('Enter a value:') && !child.stdin.writableEnded) child.stdin.end(`${answer}\n`);
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}

const FILE = TURSO_ALICE_AND_BOB;

// util-linux ships `script` on Debian-based machines (CI's kind); elsewhere this is skipped, visibly.
const describeWithTerminal = existsSync(SCRIPT) ? describe : describe.skip;

describeWithTerminal('apply on a terminal', () => {
  it('asks, and anything but "yes" changes nothing', async () => {
    const file = files.write('no.yaml', FILE);
    const run = await onTerminal(['apply', '-f', file], 'y');
    expect(run.output).toContain('Do you want to apply these changes?');
    expect(run.output).toContain('Apply cancelled: nothing was changed.');
    expect(run.code).toBe(1);
    expect(box.sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('applies after "yes"', async () => {
    const file = files.write('yes.yaml', FILE);
    const run = await onTerminal(['apply', '-f', file], 'yes');
    expect(run.output).toMatch(/Apply complete: 1 added, 0 already present, 0 failed\./);
    expect(run.code).toBe(0);
  });
});
