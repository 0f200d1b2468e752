/**
 * SIGTERM and SIGINT in the middle of an apply, through the built CLI against a slow sandbox: nothing
 * new is dispatched, what was in flight finishes, every change is reported once, the exit code says
 * which signal, and running apply again converges.
 */
import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { runCli } from '../support/run-cli.js';
import type { SandboxEnv } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';
import { acceptedAddsPerMember, fileAdding, people, posts, startSandboxWith, waitFor } from './resilience-fixture.js';

// Each test runs the CLI once or a few times; generous for a loaded CI machine, never a speed assertion.
jest.setTimeout(30_000);
const files = tempDir();
afterAll(() => files.remove());
let box: SandboxEnv | undefined;
afterEach(async () => box?.sandbox.close());

const CHANGES = 16;
/** Slow enough that the apply is still under way when the signal arrives, on any machine. */
const LATENCY_MS = 150;
const ARGS = ['--auto-approve', '--concurrency', '2', '--max-rps', '100'];

describe('an interrupted apply', () => {
  it('on SIGTERM finishes what is in flight, dispatches nothing new, reports every change once, exits 143, and a re-run converges', async () => {
    const who = people(CHANGES / 2, CHANGES / 2);
    box = await startSandboxWith(who, { faults: { latencyMs: LATENCY_MS } });
    const file = files.write('sigterm.yaml', fileAdding(who));
    let child: ChildProcess | undefined;
    let seen = '';
    const onSpawn = (spawned: ChildProcess) => {
      child = spawned;
      spawned.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/^✓ .*: added$/m.test(seen) && spawned.signalCode === null && !spawned.killed) spawned.kill('SIGTERM');
      });
    };

    const run = await runCli(['apply', '-f', file, ...ARGS], { env: box.env, onSpawn });

    expect(child?.killed).toBe(true);
    expect(run.code).toBe(143);
    expect(run.stderr).toContain('SIGTERM received: starting no new changes');
    const summary = /^Apply complete: (\d+) added, 0 already present, 0 failed, (\d+) skipped\.$/m.exec(run.stdout);
    expect(summary).not.toBeNull();
    const [added, skipped] = [Number(summary![1]), Number(summary![2])];
    expect(added + skipped).toBe(CHANGES);
    expect(skipped).toBeGreaterThan(0);
    const lines = run.stdout.split('\n').filter((line) => /^[✓✗-] (turso|planetscale) /.test(line));
    expect(lines).toHaveLength(CHANGES);
    expect(new Set(lines.map((line) => line.slice(0, line.lastIndexOf(':')))).size).toBe(CHANGES);
    // Every add that reached the server was answered and reported as added: none was cut off.
    const sent = posts(box.sandbox.requests);
    expect(sent.map((r) => r.status).every((status) => status === 200)).toBe(true);
    expect(sent).toHaveLength(added);

    const again = await runCli(['apply', '-f', file, ...ARGS], { env: box.env });
    expect(again.stdout).toMatch(new RegExp(`^Apply complete: ${skipped} added, 0 already present, 0 failed\\.$`, 'm'));
    expect(again.code).toBe(0);
    const accepted = acceptedAddsPerMember(box.sandbox.requests);
    expect(accepted.size).toBe(CHANGES);
    expect([...accepted.values()].every((count) => count === 1)).toBe(true);
  });

  it('on SIGINT exits 130 and still prints the JSON results, with why each change not made was skipped', async () => {
    const who = people(CHANGES, 0);
    box = await startSandboxWith(who, { faults: { latencyMs: LATENCY_MS } });
    const sandbox = box.sandbox;
    const file = files.write('sigint.yaml', fileAdding(who));
    let interrupted: Promise<void> | undefined;
    const onSpawn = (child: ChildProcess) => {
      interrupted = waitFor(() => posts(sandbox.requests).length >= 2).then(() => void child.kill('SIGINT'));
    };

    const run = await runCli(['apply', '-f', file, '--format', 'json', ...ARGS], { env: box.env, onSpawn });
    await interrupted;

    expect(run.code).toBe(130);
    const { status, results, summary } = JSON.parse(run.stdout) as {
      status: string;
      results: Array<Record<string, unknown>>;
      summary: Record<string, number>;
    };
    expect(status).toBe('interrupted');
    expect(results).toHaveLength(CHANGES);
    expect(summary['applied']! + summary['skipped']!).toBe(CHANGES);
    expect(summary['skipped']).toBeGreaterThan(0);
    for (const result of results.filter((r) => r['outcome'] === 'skipped'))
      expect(result['reason']).toMatch(/^interrupted before/);
    expect(posts(sandbox.requests)).toHaveLength(summary['applied']!);
  });
});
