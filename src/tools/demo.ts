/**
 * `npm run demo`: the whole loop against the local sandbox, no accounts needed:
 * plan (additions for both providers, plus drift), apply, plan again (nothing to add). Then, on a
 * fresh sandbox, the same organizations declared per person (examples/people.yaml): plan, apply,
 * and an offboarding across both platforms with one added line.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { styleFor } from '../render/style.js';
import { loadSandboxSeed, startSandbox } from '../sandbox/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const file = 'examples/membership.yaml';
// Like the CLI: colour only on a terminal, never with NO_COLOR (the CLI runs on the same stdout and decides alike).
const style = styleFor(process.stdout, process.env);

function membership(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  process.stdout.write(`\n${style.bold(`$ membership ${args.join(' ')}`)}\n`);
  const child = spawn(process.execPath, [cli, ...args], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? 1));
  });
}

const seed = await loadSandboxSeed(`${root}examples/sandbox-seed.json`);

type Step = [args: string[], expected: number[]];

/** Runs the steps against a fresh sandbox; false when one exits other than expected. */
async function runSteps(title: string, steps: readonly (Step | (() => void))[]): Promise<boolean> {
  const sandbox = await startSandbox({ seed });
  const env = {
    ...process.env,
    TURSO_API_URL: sandbox.tursoUrl,
    TURSO_API_TOKEN: seed.turso?.token,
    PLANETSCALE_API_URL: sandbox.planetscaleUrl,
    PLANETSCALE_SERVICE_TOKEN_ID: seed.planetscale?.service_token_id,
    PLANETSCALE_SERVICE_TOKEN: seed.planetscale?.service_token,
  };
  process.stdout.write(`\n${style.bold(title)}\n`);
  process.stdout.write(
    `Sandbox of both APIs: Turso at ${sandbox.tursoUrl}, PlanetScale at ${sandbox.planetscaleUrl}\n`,
  );
  try {
    for (const step of steps) {
      if (typeof step === 'function') {
        step();
        continue;
      }
      const [args, expected] = step;
      const code = await membership(args, env);
      if (!expected.includes(code)) {
        process.stderr.write(`demo: membership ${args[0] ?? ''} exited ${code}, expected ${expected.join(' or ')}\n`);
        return false;
      }
    }
    requests += sandbox.requests.length;
    return true;
  } finally {
    await sandbox.close();
  }
}

let requests = 0;
const people = 'examples/people.yaml';
const scratch = mkdtempSync(join(tmpdir(), 'membership-demo-'));
const offboarded = join(scratch, 'membership.yaml');
const departure = '    departed: true';
let passed: boolean;
try {
  passed =
    (await runSteps('1. Accounts: examples/membership.yaml', [
      [['plan', '-f', file], [0]],
      [['apply', '-f', file, '--auto-approve'], [0]],
      [['plan', '-f', file], [0]],
    ])) &&
    (await runSteps('2. People: the same organizations in examples/people.yaml, then an offboarding', [
      [['plan', '-f', people], [0]],
      [['apply', '-f', people, '--auto-approve'], [0]],
      () => {
        const text = readFileSync(join(root, people), 'utf8');
        const line = '    email: mallory@contractor.example';
        const at = text.indexOf('\n', text.indexOf(line)) + 1;
        writeFileSync(offboarded, `${text.slice(0, at)}${departure}\n${text.slice(at)}`);
        process.stdout.write(
          `\n${style.bold('Offboarding mallory everywhere: one line added to the reviewed file')}\n` +
            `   mallory:\n ${line}\n${style.add(`+${departure}`)}\n`,
        );
      },
      [['plan', '-f', offboarded], [0]],
      [['apply', '-f', offboarded, '--auto-approve'], [0]],
      [['who', 'mallory', '-f', offboarded], [0]],
    ]));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.stdout.write(
  passed ? `\nDemo complete: ${requests} API requests served by the sandbox.\n` : '\nDemo failed.\n',
);
process.exitCode = passed ? 0 : 1;
