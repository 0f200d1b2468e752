/** Options are input too: read exactly, refused clearly, never allowed to destroy the file they plan. */
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { TURSO_ALICE_AND_BOB } from '../support/membership-yaml.js';
import { runCli } from '../support/run-cli.js';
import { startTestSandbox, type SandboxEnv } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';

const FILE = TURSO_ALICE_AND_BOB;
const files = tempDir();
afterAll(() => files.remove());
let box: SandboxEnv;
beforeEach(async () => (box = await startTestSandbox()));
afterEach(async () => box.sandbox.close());

describe('option input', () => {
  it.each([[''], ['0x10'], ['1e3']])('refuses --max-removals %j instead of reading a number into it', async (value) => {
    const file = files.write('cap.yaml', FILE);
    const run = await runCli(['plan', '-f', file, '--max-removals', value], { env: box.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--max-removals must be a whole number written in digits, 0 or more');
    expect(box.sandbox.requests).toEqual([]);
  });

  it('refuses --out naming the desired-state file, before reading or writing anything', async () => {
    const file = files.write('keep.yaml', FILE);
    const run = await runCli(['plan', '-f', file, '--out', file], { env: box.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `Error: --out ${file} is the desired-state file itself; save the plan elsewhere, e.g. --out plan.json\n`,
    );
    expect(readFileSync(file, 'utf8')).toBe(FILE);
    expect(box.sandbox.requests).toEqual([]);
  });

  it('explains that a desired-state file given as a plan is applied with -f, not saved over', async () => {
    const file = files.write('not-a-plan.yaml', FILE);
    const run = await runCli(['apply', file], { env: box.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `${file} is not a plan file: it is not JSON. Apply a desired-state file with: membership apply -f ${file}`,
    );
    expect(run.stderr).not.toContain(`--out ${file}`);
  });

  it('targets an organization whose name holds a dot', async () => {
    const file = files.write('dotted.yaml', FILE + '    acme.eu:\n      members:\n        bob: member\n');
    const run = await runCli(['plan', '-f', file, '--target', 'turso.acme.eu'], { env: box.env });
    expect(run.stdout + run.stderr).toContain('acme.eu');
    expect(box.sandbox.requests.map((r) => r.path)).toContain('/v1/organizations/acme.eu');
    expect(box.sandbox.requests.map((r) => r.path)).not.toContain('/v1/organizations/acme');
  });
});
