/**
 * `npm run demo`: the whole loop against the local sandbox, no accounts needed:
 * plan (additions for both providers, plus drift), apply, plan again (nothing to add).
 */
import { spawn } from 'node:child_process';
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
const sandbox = await startSandbox({ seed });
const env = {
  ...process.env,
  TURSO_API_URL: sandbox.tursoUrl,
  TURSO_API_TOKEN: seed.turso?.token,
  PLANETSCALE_API_URL: sandbox.planetscaleUrl,
  PLANETSCALE_SERVICE_TOKEN_ID: seed.planetscale?.service_token_id,
  PLANETSCALE_SERVICE_TOKEN: seed.planetscale?.service_token,
};
process.stdout.write(`Sandbox of both APIs: Turso at ${sandbox.tursoUrl}, PlanetScale at ${sandbox.planetscaleUrl}\n`);

let failed = false;
try {
  const steps: Array<[string[], number[]]> = [
    [['plan', '-f', file], [0]],
    [['apply', '-f', file, '--auto-approve'], [0]],
    [['plan', '-f', file], [0]],
  ];
  for (const [args, expected] of steps) {
    const code = await membership(args, env);
    if (!expected.includes(code)) {
      process.stderr.write(`demo: membership ${args[0]} exited ${code}, expected ${expected.join(' or ')}\n`);
      failed = true;
      break;
    }
  }
} finally {
  await sandbox.close();
}
process.stdout.write(
  failed ? '\nDemo failed.\n' : `\nDemo complete: ${sandbox.requests.length} API requests served by the sandbox.\n`,
);
process.exitCode = failed ? 1 : 0;
