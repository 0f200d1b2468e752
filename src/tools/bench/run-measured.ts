/**
 * Runs the built CLI as a subprocess, the way users run it, and measures it from outside: times on
 * this process's performance.now() clock (the one the in-process sandbox stamps its request log
 * with, so the two can be compared), and the child's peak RSS, reported by a tiny module preloaded
 * into it (portable, unlike `/usr/bin/time -v`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../cli/main.js', import.meta.url));
/** The committed single-file build (bundle/membership.mjs), which the GitHub Action runs. */
export const BUNDLE = fileURLToPath(new URL('../../../../bundle/membership.mjs', import.meta.url));

const RSS_FILE_VARIABLE = 'MEMBERSHIP_BENCH_RSS_FILE';
// maxRSS is in kilobytes; written on 'exit', which the CLI reaches through process.exit().
const RSS_REPORTER = `import{writeFileSync}from'node:fs';process.on('exit',()=>writeFileSync(process.env.${RSS_FILE_VARIABLE},String(process.resourceUsage().maxRSS)));`;

export interface MeasuredRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** performance.now() just before spawn and when the child closed. */
  readonly spawnedAt: number;
  readonly closedAt: number;
  readonly wallMs: number;
  /** Peak resident set of the CLI process, in MB; undefined unless asked for. */
  readonly maxRssMb?: number;
  readonly timedOut: boolean;
}

export interface MeasureOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The run is killed after this long: a benchmark must end. */
  readonly timeoutMs: number;
  readonly measureRss?: boolean;
  /** The script node runs: the built CLI (the default) or the bundle. */
  readonly script?: string;
}

export async function runMeasured(args: readonly string[], options: MeasureOptions): Promise<MeasuredRun> {
  const dir = options.measureRss ? mkdtempSync(join(tmpdir(), 'membership-bench-')) : undefined;
  const rssFile = dir === undefined ? undefined : join(dir, 'maxrss');
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' };
  for (const [key, value] of Object.entries(options.env)) if (value !== undefined) env[key] = value;
  if (rssFile !== undefined) {
    env[RSS_FILE_VARIABLE] = rssFile;
    env['NODE_OPTIONS'] = `--import=data:text/javascript,${encodeURIComponent(RSS_REPORTER)}`;
  }
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [options.script ?? CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // An object, not a `let`: the flag is set in a callback the compiler cannot see run.
  const timeout = { fired: false };
  const timer = setTimeout(() => {
    timeout.fired = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (exitCode) => resolve(exitCode));
    });
    const closedAt = performance.now();
    const maxRssMb = rssFile === undefined || timeout.fired ? undefined : Number(readFileSync(rssFile, 'utf8')) / 1024;
    return {
      code,
      stdout,
      stderr,
      spawnedAt,
      closedAt,
      wallMs: closedAt - spawnedAt,
      timedOut: timeout.fired,
      ...(maxRssMb === undefined ? {} : { maxRssMb }),
    };
  } finally {
    clearTimeout(timer);
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}
