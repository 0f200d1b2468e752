/** Reviewed plans: apply executes exactly the saved plan, and refuses one made from another file. */
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readPlanFileJson } from '../support/cli-json.js';
import { runCli } from '../support/run-cli.js';
import { startTestSandbox, type SandboxEnv } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';

const FILE = `version: 1
turso:
  organizations:
    acme:
      members:
        alice: admin
        bob: member
planetscale:
  organizations:
    acme:
      teams:
        backend:
          members:
            - alice@acme.dev
            - bob@acme.dev
`;

const files = tempDir();
afterAll(() => files.remove());
let box: SandboxEnv;
beforeEach(async () => (box = await startTestSandbox()));
afterEach(async () => box.sandbox.close());
const writes = () => box.sandbox.requests.filter((r) => r.method !== 'GET');

async function savePlan(name: string, content: string): Promise<{ file: string; planFile: string }> {
  const file = files.write(`${name}.yaml`, content);
  const planFile = `${files.dir}/${name}.plan.json`;
  const run = await runCli(['plan', '-f', file, '--out', planFile], { env: box.env });
  expect(run.code).toBe(0);
  return { file, planFile };
}

describe('saved plans', () => {
  it('are plain, versioned JSON with the file digest, and no URL or token', async () => {
    const { file, planFile } = await savePlan('readable', FILE);
    const saved = readPlanFileJson(planFile);
    expect(saved).toMatchObject({
      format_version: 1,
      kind: 'membership-plan',
      desired_file: file,
      max_removals: 5,
      allow_empty: false,
      summary: { add: 2, drift: 0, problems: 0 },
    });
    expect(saved.desired_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(saved).not.toHaveProperty('observed_sha256');
    expect(readFileSync(planFile, 'utf8')).not.toContain('127.0.0.1');
  });

  it('apply PLANFILE executes only the saved changes, and lists what nobody reviewed without applying it', async () => {
    const { file, planFile } = await savePlan('exact', FILE);
    box.sandbox.removePlanetScaleTeamMember('acme', 'backend', 'alice@acme.dev');
    const run = await runCli(['apply', planFile, '-f', file], { env: box.env });
    expect(run.code).toBe(0);
    expect(writes().map((r) => `${r.provider} ${r.method} ${r.path}`)).toEqual([
      'turso POST /v1/organizations/acme/members',
      'planetscale POST /v1/organizations/acme/teams/backend/members',
    ]);
    const bob = box.sandbox
      .snapshot()
      .planetscale?.organizations['acme']?.members.find((m) => m.email === 'bob@acme.dev');
    expect(writes()[1]?.body).toEqual({ user_id: bob?.id });
    expect(run.stdout).toContain(
      'Not applied: 1 change a plan made now holds was not in the reviewed plan; plan again to review it:\n  + planetscale.acme.backend: add alice@acme.dev\n',
    );
  });

  it('are written whole: an old plan file is replaced in one step, and an unwritable path names why, leaving nothing behind', async () => {
    const { file, planFile } = await savePlan('replaced', FILE);
    writeFileSync(planFile, 'an older plan');
    const again = await runCli(['plan', '-f', file, '--out', planFile], { env: box.env });
    expect(again.code).toBe(0);
    expect(readPlanFileJson(planFile).kind).toBe('membership-plan');
    expect(statSync(planFile).mode & 0o777).toBe(0o644);
    const missing = `${files.dir}/no-such-folder/plan.json`;
    const failed = await runCli(['plan', '-f', file, '--out', missing], { env: box.env });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(`Error: cannot write ${missing}: no such folder\n`);
    expect(readdirSync(files.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes the same keys as plan --format json, a scope on every change, and refuses a scope edited by hand', async () => {
    const { file, planFile } = await savePlan('scoped', FILE);
    const saved = readPlanFileJson(planFile);
    const json = await runCli(['plan', '-f', file, '--format', 'json'], { env: box.env });
    const shared = Object.keys(JSON.parse(json.stdout) as object);
    expect(Object.keys(saved).filter((key) => shared.includes(key))).toEqual(shared);
    expect(saved.changes.map((change) => change.scope)).toEqual(['turso.acme', 'planetscale.acme.backend']);

    const edited = { ...saved, changes: saved.changes.map((change) => ({ ...change, scope: 'turso.other' })) };
    writeFileSync(planFile, JSON.stringify(edited));
    const run = await runCli(['apply', planFile, '-f', file], { env: box.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `Error: ${planFile} changes[0]: scope "turso.other" does not match the change's provider, organization and team\n`,
    );
    expect(writes()).toEqual([]);
  });

  it('reads the desired-state file named by -f, never a path from inside the plan, and says which file the plan came from', async () => {
    const { planFile } = await savePlan('elsewhere', FILE);
    const saved = readPlanFileJson(planFile);
    writeFileSync(planFile, JSON.stringify({ ...saved, desired_file: '/etc/passwd' }));
    const run = await runCli(['apply', planFile], { env: box.env, cwd: files.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Error: membership.yaml: cannot read the file: no such file');
    expect(run.stderr).toContain('The plan was made from /etc/passwd: pass -f /etc/passwd to apply it');
    expect(run.stderr).not.toContain('root:');
    expect(writes()).toEqual([]);
  });

  it('refuses a plan whose file changed since, with zero writes, and shows what was not reviewed', async () => {
    const { file, planFile } = await savePlan('stale', FILE);
    writeFileSync(
      file,
      FILE.replace('        bob: member\n', '        bob: admin\n        carol: member\n').replace(
        '            - bob@acme.dev\n',
        '',
      ),
    );
    const run = await runCli(['apply', planFile, '-f', file], { env: box.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `Error: the plan in ${planFile} is stale: ${file} has changed since the plan was made. Nothing was applied.`,
    );
    expect(run.stderr).toContain('  + turso.acme: add carol as member  (not in the reviewed plan)');
    expect(run.stderr).toContain('  + planetscale.acme.backend: add bob@acme.dev  (reviewed, no longer planned)');
    expect(run.stderr).toContain('  + turso.acme: add bob as admin  (reviewed: turso.acme: add bob as member)');
    expect(run.stderr).toContain(`Plan again and review the result: membership plan -f ${file} --out ${planFile}`);
    expect(writes()).toEqual([]);
  });

  it('compares a targeted plan with a fresh plan over the same targets', async () => {
    const file = files.write('targeted.yaml', FILE);
    const planFile = `${files.dir}/targeted.plan.json`;
    expect(
      (await runCli(['plan', '-f', file, '--target', 'turso.acme', '--out', planFile], { env: box.env })).code,
    ).toBe(0);
    expect(readPlanFileJson(planFile).targets).toEqual(['turso.acme']);
    writeFileSync(
      file,
      FILE.replace('            - bob@acme.dev\n', '            - bob@acme.dev\n            - carol@acme.dev\n'),
    );
    const run = await runCli(['apply', planFile, '-f', file], { env: box.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'A plan made now would make the same changes, but it was made from a file nobody reviewed in this form.',
    );
    expect(writes()).toEqual([]);
  });

  it('refuses a plan made from another file named with -f', async () => {
    const { planFile } = await savePlan('origin', FILE);
    const other = files.write('other.yaml', FILE.replace('bob: member', 'bob: viewer'));
    const run = await runCli(['apply', planFile, '-f', other], { env: box.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is stale/);
    expect(writes()).toEqual([]);
  });

  it('refuses a hand-edited plan file that is not a valid plan, naming where', async () => {
    const { planFile } = await savePlan('edited', FILE);
    // Read loosely, to edit it by hand.
    const saved = JSON.parse(readFileSync(planFile, 'utf8')) as { changes: Record<string, unknown>[] };
    saved.changes[0]!.role = 'owner';
    writeFileSync(planFile, JSON.stringify(saved));
    box.sandbox.clearRequests();
    const run = await runCli(['apply', planFile], { env: box.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is not a valid plan file at \/changes\/0/);
    expect(box.sandbox.requests).toEqual([]);
  });

  it('refuses a plan from another format version, saying how to recover', async () => {
    const { planFile } = await savePlan('version', FILE);
    writeFileSync(planFile, readFileSync(planFile, 'utf8').replace('"format_version": 1', '"format_version": 99'));
    const run = await runCli(['apply', planFile], { env: box.env });
    expect(run.stderr.trim()).toBe(
      `Error: ${planFile} has plan format_version 99; this membership reads version 1: plan again with this version`,
    );
  });
});

describe('output for pull requests and job summaries', () => {
  it('renders the plan as Markdown for a PR comment, with no ANSI codes', async () => {
    box.sandbox.addTursoMember('acme', 'mallory', 'member');
    const file = files.write('markdown.yaml', FILE);
    const run = await runCli(['plan', '-f', file, '--format', 'markdown'], { env: { ...box.env, FORCE_COLOR: '1' } });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/\u001b\[/);
    expect(run.stdout).toContain(`### membership plan for \`${file}\``);
    expect(run.stdout).toContain('**Plan: 2 to add, 0 to change, 0 to remove.** 1 drift item.');
    expect(run.stdout).toContain('#### Drift');
    expect(run.stdout).toContain('mallory (member) is not declared');
  });

  it('appends the plan and the apply results to GITHUB_STEP_SUMMARY', async () => {
    const file = files.write('summary.yaml', FILE);
    const summary = files.write('step-summary.md', '# earlier step\n');
    const env = { ...box.env, GITHUB_STEP_SUMMARY: summary };
    await runCli(['plan', '-f', file], { env });
    await runCli(['apply', '-f', file, '--auto-approve'], { env });
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# earlier step\n')).toBe(true);
    expect(text).toContain('**Plan: 2 to add, 0 to change, 0 to remove.**');
    expect(text).toContain('**Apply complete:** 2 added, 0 already present, 0 failed.');
    expect(text.indexOf('**Plan: 2 to add')).toBeLessThan(text.lastIndexOf('**Apply complete:**'));
  });
});
