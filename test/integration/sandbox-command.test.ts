/** `membership sandbox`: what a new user runs to try the tool by hand, with the shipped examples. */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { CLI, REPO_ROOT, runCli } from '../support/run-cli.js';

describe('membership sandbox', () => {
  it('prints the variables to export; the examples plan against it; Ctrl-C stops it cleanly', async () => {
    const sandbox = spawn(process.execPath, [CLI, 'sandbox', '--seed', 'examples/sandbox-seed.json'], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      sandbox.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('Press Ctrl-C to stop.')) resolve();
      });
      sandbox.once('close', () => reject(new Error(`sandbox exited early: ${out}`)));
    });
    const env = Object.fromEntries([...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
    expect(Object.keys(env).sort()).toEqual(
      [
        'PLANETSCALE_API_URL',
        'PLANETSCALE_SERVICE_TOKEN',
        'PLANETSCALE_SERVICE_TOKEN_ID',
        'TURSO_API_TOKEN',
        'TURSO_API_URL',
      ].sort(),
    );
    expect(env.TURSO_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const plan = await runCli(['plan', '-f', 'examples/membership.yaml'], { env });
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^Plan: 6 to add, 1 to change, 2 to remove\.$/m);

    const closed = new Promise<number | null>((resolve) => sandbox.once('close', resolve));
    sandbox.kill('SIGINT');
    expect(await closed).toBe(0);
  });

  it('refuses a seed file that is not valid, naming the problem', async () => {
    const run = await runCli(['sandbox', '--seed', 'examples/membership.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: .*examples\/membership\.yaml/);
  });
});
