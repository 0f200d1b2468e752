/**
 * The committed single file, bundle/membership.mjs (what the GitHub Action runs and people
 * download), copied alone into an empty directory so that no node_modules, package.json or
 * membership.schema.json is reachable, and run there. `npm run bundle:check` (in `npm run check`)
 * holds it to the current sources; this holds it to working without anything beside it.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT, runCli, type CliRun } from '../support/run-cli.js';
import { startTestSandbox } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';

const SOURCE = join(REPO_ROOT, 'bundle', 'membership.mjs');
const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

const temp = tempDir();
afterAll(() => temp.remove());
const bundle = join(temp.dir, 'membership.mjs');
copyFileSync(SOURCE, bundle);

function membership(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(args, { program: [process.execPath, bundle], cwd: temp.dir, env });
}

describe('bundle/membership.mjs, alone in an empty directory', () => {
  it('imports nothing but Node built-ins', () => {
    const code = readFileSync(bundle, 'utf8');
    const specifiers = [
      ...code.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/gm),
      ...code.matchAll(/\b(?:__require|import)\(\s*["']([^"']+)["']\s*\)/g),
    ].map((match) => match[1]!);
    expect(specifiers.length).toBeGreaterThan(0);
    expect(specifiers.filter((name) => !name.startsWith('node:') && !builtinModules.includes(name))).toEqual([]);
  });

  it('prints its version, the one in package.json', async () => {
    expect(await membership(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('validates a file (in its worker thread, against the schema it holds) and reports an invalid one', async () => {
    copyFileSync(join(REPO_ROOT, 'examples', 'membership.yaml'), join(temp.dir, 'membership.yaml'));
    const valid = await membership(['validate']);
    expect(valid.stderr).toBe('');
    expect(valid.stdout).toMatch(/^membership\.yaml is valid: /);
    expect(valid.code).toBe(0);

    temp.write('owner.yaml', 'version: 1\nturso:\n  organizations:\n    acme:\n      members:\n        carol: owner\n');
    const invalid = await membership(['validate', '-f', 'owner.yaml']);
    expect(invalid.stderr).toContain(
      'owner.yaml:6:16 turso.organizations.acme.members.carol: role "owner" is not allowed',
    );
    expect(invalid.code).toBe(1);
  });

  it('plans against the sandbox', async () => {
    const box = await startTestSandbox();
    try {
      temp.write('acme.yaml', 'version: 1\nturso:\n  organizations:\n    acme:\n      members:\n        bob: member\n');
      const plan = await membership(['plan', '-f', 'acme.yaml'], box.env);
      expect(plan.stderr).toBe('');
      expect(plan.stdout).toContain('turso.acme\n  + bob (member)');
      expect(plan.code).toBe(0);
    } finally {
      await box.sandbox.close();
    }
  });
});
