/**
 * What apply reports, through the built CLI: `--format json` results (the plan's changes plus their
 * outcome), one line per change in text, and a live count only where a person is watching.
 */
import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals';
import { runCli } from '../support/run-cli.js';
import type { SandboxEnv } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';
import { fileAdding, people, startSandboxWith } from './resilience-fixture.js';

// Each test runs the CLI once or a few times; generous for a loaded CI machine, never a speed assertion.
jest.setTimeout(30_000);
const files = tempDir();
afterAll(() => files.remove());
let box: SandboxEnv | undefined;
afterEach(async () => box?.sandbox.close());

/** Three Turso adds and two PlanetScale adds, plus `ghost`, who has no Turso account (404). */
async function start(): Promise<{ box: SandboxEnv; file: string }> {
  const who = people(3, 2);
  // The first add answers 409 and the member it then reads already has the declared role: someone
  // added them between the plan and the write.
  const raced = { username: who.turso[0], role: 'member', email: `${who.turso[0]}@example.com` };
  const failures = [
    { provider: 'turso' as const, method: 'POST', status: 409, times: 1 },
    {
      provider: 'turso' as const,
      method: 'GET',
      path: `/members/${who.turso[0]}`,
      status: 200,
      times: 1,
      body: { member: raced },
    },
  ];
  box = await startSandboxWith(who, { faults: { failures } });
  const file = files.write(`reports-${Date.now()}.yaml`, fileAdding({ ...who, turso: [...who.turso, 'ghost'] }));
  return { box, file };
}

const ARGS = ['--auto-approve', '--concurrency', '1'];

describe('apply --format json', () => {
  it('prints only JSON: each of the plan changes with its outcome, the error of a failure, and the counts', async () => {
    const { box, file } = await start();
    const plan = JSON.parse((await runCli(['plan', '-f', file, '--format', 'json'], { env: box.env })).stdout) as {
      changes: object[];
    };

    const run = await runCli(['apply', '-f', file, '--format', 'json', ...ARGS], { env: box.env });

    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { results: Array<Record<string, unknown>>; summary: unknown };
    const outcomes = report.results.map(({ outcome, error }) => ({
      outcome,
      ...(error === undefined ? {} : { error }),
    }));
    expect(report.results).toEqual(plan.changes.map((change, i) => ({ ...change, ...outcomes[i] })));
    expect(outcomes).toEqual([
      { outcome: 'already_present' },
      { outcome: 'applied' },
      { outcome: 'applied' },
      { outcome: 'failed', error: { status: 404, message: expect.stringMatching(/^could not find user ghost/) } },
      { outcome: 'applied' },
      { outcome: 'applied' },
    ]);
    expect(report.summary).toEqual({ applied: 4, already_present: 1, failed: 1, skipped: 0 });
  });
});

describe('apply in text', () => {
  it('prints one line per change and the counts, and no carriage return or escape when nothing is a terminal', async () => {
    const { box, file } = await start();

    const run = await runCli(['apply', '-f', file, ...ARGS], { env: box.env });

    const lines = run.stdout.split('\n').filter((line) => /^[✓✗○] (turso|planetscale)\./.test(line));
    expect(lines).toHaveLength(6);
    expect(run.stdout).toMatch(/^Apply finished with errors: 4 added, 1 already present, 1 failed\.$/m);
    expect(run.stdout + run.stderr).not.toMatch(/[\r\u001b]/);
  });

  it('keeps a live count on stderr when stderr is a terminal, erased before every line and at the end', async () => {
    const { box, file } = await start();
    // The child believes its stderr is a terminal; the test still reads it through a pipe.
    const env = { ...box.env, NODE_OPTIONS: '--import=data:text/javascript,process.stderr.isTTY=true' };

    const run = await runCli(['apply', '-f', file, ...ARGS], { env });

    expect(run.code).toBe(1);
    const erase = '\r\u001b[K';
    const counts = run.stderr.split(erase).filter((part) => part !== '');
    // The two providers run side by side, so only the running total's order is fixed.
    expect(counts.map((count) => count.slice(0, count.indexOf(']') + 1))).toEqual([
      '[1/6]',
      '[2/6]',
      '[3/6]',
      '[4/6]',
      '[5/6]',
      '[6/6]',
    ]);
    expect(counts.at(-1)).toBe('[6/6] 4 added, 1 already present, 1 failed');
    expect(run.stderr.endsWith(erase)).toBe(true);
    expect(run.stdout).not.toContain('\r');
  });
});
