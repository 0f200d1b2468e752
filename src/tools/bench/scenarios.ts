/**
 * The benchmark's scenarios. Each starts its own in-process sandbox, runs the built CLI against it
 * as a subprocess, and reads the sandbox's request log and state: the server's view is the truth
 * about rates, 429s, duplicates and losses.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox, type SandboxFaults, type SandboxRequest } from '../../sandbox/index.js';
import { TOKENS, type BenchWorld } from './fixtures.js';
import { runMeasured } from './run-measured.js';

export interface ApplyFigures {
  readonly label: string;
  readonly concurrency: number;
  readonly maxRps: number;
  readonly serverRps: number;
  readonly latencyMs: number;
  readonly adds: number;
  readonly exitCode: number | null;
  readonly wallS: number;
  /** From the first add's arrival at the server to the CLI's exit. */
  readonly applyS: number;
  /** `applyS` over the ideal adds / serverRps. */
  readonly applyOverIdeal: number;
  readonly requests: number;
  /** Request starts per second the server saw from the first add to the last. */
  readonly achievedRps: number;
  readonly achievedOverLimit: number;
  readonly rateLimited: number;
  readonly failedChanges: number;
  /** Adds the server accepted more than once for the same member. */
  readonly duplicates: number;
  /** Declared members missing from the sandbox's state afterwards. */
  readonly lost: number;
  /** Most starts the server saw in any one-second window. */
  readonly maxStartsPerSecond: number;
}

export interface PlanFigures {
  readonly declared: number;
  readonly shape: string;
  readonly additions: number;
  readonly exitCode: number | null;
  readonly wallS: number;
  readonly maxRssMb: number | undefined;
  readonly requests: number;
  readonly pages: number;
  readonly plannedAdditions: number | undefined;
}

export interface HelpFigures {
  readonly runs: number;
  readonly medianMs: number;
  readonly maxMs: number;
}

const RUN_TIMEOUT_MS = 180_000;

function sandboxEnv(sandbox: Sandbox): Record<string, string> {
  return {
    TURSO_API_URL: sandbox.tursoUrl,
    TURSO_API_TOKEN: TOKENS.turso,
    PLANETSCALE_API_URL: sandbox.planetscaleUrl,
    PLANETSCALE_SERVICE_TOKEN_ID: TOKENS.planetscaleId,
    PLANETSCALE_SERVICE_TOKEN: TOKENS.planetscale,
  };
}

async function withWorld<T>(
  world: BenchWorld,
  faults: SandboxFaults,
  run: (sandbox: Sandbox, file: string) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'membership-bench-'));
  const file = join(dir, 'membership.yaml');
  writeFileSync(file, world.yaml);
  const sandbox = await startSandbox({ seed: world.seed, faults });
  try {
    return await run(sandbox, file);
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ApplySettings {
  readonly label: string;
  readonly concurrency: number;
  readonly maxRps: number;
  readonly serverRps: number;
  readonly latencyMs: number;
}

export function benchApply(world: BenchWorld, settings: ApplySettings): Promise<ApplyFigures> {
  const faults: SandboxFaults = {
    latencyMs: settings.latencyMs,
    rateLimit: { requestsPerSecond: settings.serverRps, retryAfter: 'seconds' },
  };
  return withWorld(world, faults, async (sandbox, file) => {
    const args = ['apply', '-f', file, '--auto-approve', '--format', 'json'];
    const flags = ['--max-rps', String(settings.maxRps), '--concurrency', String(settings.concurrency)];
    const run = await runMeasured([...args, ...flags], { env: sandboxEnv(sandbox), timeoutMs: RUN_TIMEOUT_MS });
    const requests = [...sandbox.requests];
    const adds = requests.filter((r) => r.method === 'POST');
    const firstAdd = adds[0]?.startMs ?? run.closedAt;
    const lastAdd = adds.at(-1)?.startMs ?? firstAdd;
    const phase = requests.filter((r) => r.startMs >= firstAdd && r.startMs <= lastAdd).length;
    const achievedRps = lastAdd > firstAdd ? ((phase - 1) * 1000) / (lastAdd - firstAdd) : 0;
    const applyS = (run.closedAt - firstAdd) / 1000;
    const ideal = world.additions / settings.serverRps;
    return {
      ...settings,
      adds: world.additions,
      exitCode: run.code,
      wallS: run.wallMs / 1000,
      applyS,
      applyOverIdeal: applyS / ideal,
      requests: requests.length,
      achievedRps,
      achievedOverLimit: achievedRps / settings.serverRps,
      rateLimited: requests.filter((r) => r.status === 429).length,
      failedChanges: countFailed(run.stdout, world.additions),
      duplicates: countDuplicates(adds),
      lost: countLost(sandbox, world),
      maxStartsPerSecond: maxStartsInAnyWindow(requests),
    };
  });
}

export function benchPlan(world: BenchWorld, flags: readonly string[]): Promise<PlanFigures> {
  return withWorld(world, {}, async (sandbox, file) => {
    const run = await runMeasured(['plan', '-f', file, '--format', 'json', ...flags], {
      env: sandboxEnv(sandbox),
      timeoutMs: RUN_TIMEOUT_MS,
      measureRss: true,
    });
    let plannedAdditions: number | undefined;
    try {
      plannedAdditions = (JSON.parse(run.stdout) as { changes: unknown[] }).changes.length;
    } catch {
      plannedAdditions = undefined;
    }
    return {
      declared: world.declared,
      shape: world.shape,
      additions: world.additions,
      exitCode: run.code,
      wallS: run.wallMs / 1000,
      maxRssMb: run.maxRssMb,
      requests: sandbox.requests.length,
      pages: world.pages,
      plannedAdditions,
    };
  });
}

export async function benchHelp(runs: number, script: string): Promise<HelpFigures> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const run = await runMeasured(['--help'], { env: {}, timeoutMs: 10_000, script });
    if (run.code !== 0) throw new Error(`membership --help exited ${run.code}: ${run.stderr}`);
    times.push(run.wallMs);
  }
  return summarizeTimes(times);
}

/** Median and slowest of some durations in ms. */
export function summarizeTimes(times: readonly number[]): HelpFigures {
  const sorted = [...times].sort((a, b) => a - b);
  return { runs: sorted.length, medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, maxMs: sorted.at(-1) ?? 0 };
}

/**
 * From spawning `membership plan` to the sandbox receiving its first request, in ms: what a CI step
 * pays before any work, with a small file (the sandbox starts before the clock does).
 */
export function benchFirstRequest(world: BenchWorld, script: string): Promise<number> {
  return withWorld(world, {}, async (sandbox, file) => {
    const run = await runMeasured(['plan', '-f', file], {
      env: sandboxEnv(sandbox),
      timeoutMs: RUN_TIMEOUT_MS,
      script,
    });
    const first = sandbox.requests[0];
    if (run.code !== 0 || first === undefined) throw new Error(`membership plan exited ${run.code}: ${run.stderr}`);
    return first.startMs - run.spawnedAt;
  });
}

/** Changes the JSON results report as failed; all of them when the output is unreadable. */
function countFailed(stdout: string, total: number): number {
  try {
    return (JSON.parse(stdout) as { summary: { failed: number } }).summary.failed;
  } catch {
    return total;
  }
}

function countDuplicates(adds: readonly SandboxRequest[]): number {
  const accepted = new Map<string, number>();
  for (const add of adds) {
    if (typeof add.status !== 'number' || add.status < 200 || add.status >= 300) continue;
    const key = JSON.stringify([add.path, add.body]);
    accepted.set(key, (accepted.get(key) ?? 0) + 1);
  }
  return [...accepted.values()].reduce((sum, count) => sum + count - 1, 0);
}

function countLost(sandbox: Sandbox, world: BenchWorld): number {
  const organizations = sandbox.snapshot().turso?.organizations ?? {};
  return world.expectedTurso.filter(([org, username]) => organizations[org]?.members[username] === undefined).length;
}

function maxStartsInAnyWindow(requests: readonly SandboxRequest[], windowMs = 1_000): number {
  const starts = requests.map((r) => r.startMs).sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  starts.forEach((start, last) => {
    // `first` never passes `last`, so the window's earliest start always exists.
    while (start - (starts[first] ?? start) >= windowMs) first += 1;
    most = Math.max(most, last - first + 1);
  });
  return most;
}
