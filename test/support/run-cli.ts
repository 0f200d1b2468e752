/**
 * Runs the built CLI (dist/) as a real subprocess, the way users and CI run it. Asynchronous,
 * because the sandbox it talks to lives in the test's own event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly env?: Record<string, string | undefined>;
  readonly cwd?: string;
  /** Written to stdin, which is then closed. stdin is a pipe (not a TTY) either way. */
  readonly input?: string;
  /** Called once the child has started, e.g. to signal it. */
  readonly onSpawn?: (child: ChildProcess) => void;
  /** What to run instead of the built CLI: an installed bin, or `[process.execPath, bundle]`. */
  readonly program?: readonly [string, ...string[]];
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };
  for (const [key, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[key] = value;
  const [command, ...prefix] = options.program ?? [process.execPath, CLI];
  const child = spawn(command, [...prefix, ...args], { cwd: options.cwd ?? REPO_ROOT, env, stdio: 'pipe' });
  options.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
