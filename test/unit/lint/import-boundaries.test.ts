/**
 * The import rules in eslint.config.js, run on imports written for the test: each forbidden edge
 * of the pipeline is reported, the allowed ones are not. Without type information, so it stays fast.
 */
import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
// @ts-expect-error eslint.config.js is plain JavaScript without declarations.
import { boundaries } from '../../../eslint.config.js';
import { REPO_ROOT } from '../../support/run-cli.js';

const eslint = new ESLint({
  cwd: REPO_ROOT,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { 'import-x': importX },
      settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
      rules: { 'import-x/no-restricted-paths': ['error', { zones: boundaries as unknown }] },
    },
  ],
});

/** The boundary messages for one import written into `file` (a path under src/ that need not exist). */
async function violations(file: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import * as imported from '${specifier}';\nexport { imported };\n`, {
    filePath: `${REPO_ROOT}/${file}`,
  });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

describe('import boundaries', () => {
  it.each([
    ['src/model/example.ts', '../planner/create-plan.js', 'model/ is the shared vocabulary'],
    ['src/planner/example.ts', '../providers/registry.js', 'planner/ is pure'],
    ['src/render/example.ts', '../cli/io.js', 'render/ turns values into text'],
    ['src/plan-file/example.ts', '../render/render-plan-json.js', 'plan-file/ stores the model'],
    ['src/applier/example.ts', '../http/request-budget.js', 'applier/ drives providers through their interface'],
    ['src/providers/turso/example.ts', '../planetscale/planetscale-api.js', 'Providers never import each other'],
    ['src/sandbox/example.ts', '../errors.js', 'sandbox/ fakes the vendors'],
    ['src/config/example.ts', '../cli/io.js', 'config/ turns a file into the model'],
    ['src/redact/example.ts', '../model/plan.js', 'redact/ is a leaf'],
    ['src/providers/planetscale/planetscale-apply.ts', './planetscale-observe.js', 'Apply and observe share'],
  ])('%s may not import %s', async (file, specifier, why) => {
    const found = await violations(file, specifier);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('import-x/no-restricted-paths');
    expect(found[0]).toContain(why);
  });

  it.each([
    ['src/planner/example.ts', '../model/plan.js'],
    ['src/render/example.ts', '../model/plan.js'],
    ['src/sandbox/example.ts', '../model/desired-state.js'],
    ['src/applier/example.ts', '../providers/provider.js'],
    ['src/cli/example.ts', '../providers/registry.js'],
    ['src/providers/planetscale/planetscale-apply.ts', './planetscale-invitations.js'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await violations(file, specifier)).toEqual([]);
  });
});
