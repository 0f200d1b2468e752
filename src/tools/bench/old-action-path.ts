/**
 * What the GitHub Action did before it ran the committed bundle, measured once on this machine:
 * `npm ci --ignore-scripts` of every dependency (dev ones included) into a fresh copy of the
 * repository, then `tsc` over src and test, as its "Build membership" step did. npm installs from
 * the local cache (`--offline`, filled by this repository's own `npm ci`), so this is a lower bound:
 * on a runner the same packages also came over the network.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** What the old build step needed from a checkout of the action. */
const COPIED = ['package.json', 'package-lock.json', 'tsconfig.json', 'membership.schema.json', 'src', 'test'];

export interface OldActionPathFigures {
  readonly npmCiS: number;
  readonly tscS: number;
  readonly packages: number;
}

export async function benchOldActionPath(): Promise<OldActionPathFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'membership-bench-old-action-'));
  try {
    for (const name of COPIED) cpSync(join(ROOT, name), join(dir, name), { recursive: true });
    const npmCi = await timed('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--offline'], dir);
    const tsc = await timed(process.execPath, [join(dir, 'node_modules', 'typescript', 'bin', 'tsc')], dir);
    const packages = Number(/added (\d+) packages?/.exec(npmCi.stdout)?.[1] ?? 0);
    return { npmCiS: npmCi.ms / 1000, tscS: tsc.ms / 1000, packages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function timed(command: string, args: readonly string[], cwd: string): Promise<{ ms: number; stdout: string }> {
  // The machine's npm settings and cache, none of the outer `npm run bench`'s package context.
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key === 'INIT_CWD') continue;
    if (
      key.startsWith('npm_') &&
      !['npm_config_cache', 'npm_config_userconfig', 'npm_config_globalconfig'].includes(key)
    )
      continue;
    env[key] = value;
  }
  const started = performance.now();
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr}`);
  return { ms: performance.now() - started, stdout };
}
