/**
 * The request budget as the server sees it, through the built CLI over real sockets: the sliding
 * one-second window and the concurrency cap, a 429 storm, and Retry-After in both of its forms.
 * Every assertion counts or orders requests in the sandbox's log; none measures speed.
 */
import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals';
import { performance } from 'node:perf_hooks';
import type { ProviderName } from '../../src/model/desired-state.js';
import type { SandboxFaults } from '../../src/sandbox/index.js';
import { runCli } from '../support/run-cli.js';
import type { SandboxEnv } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';
import {
  acceptedAddsPerMember,
  fileAdding,
  logLines,
  maxStartsInAnyWindow,
  people,
  posts,
  startSandboxWith,
  subjectOf,
  waitFor,
} from './resilience-fixture.js';

// Each test runs the CLI once or a few times; generous for a loaded CI machine, never a speed assertion.
jest.setTimeout(30_000);
const files = tempDir();
afterAll(() => files.remove());
let box: SandboxEnv | undefined;
afterEach(async () => box?.sandbox.close());

async function start(
  turso: number,
  planetscale: number,
  faults?: SandboxFaults,
): Promise<{ box: SandboxEnv; file: string }> {
  const who = people(turso, planetscale);
  box = await startSandboxWith(who, faults ? { faults } : {});
  return { box, file: files.write(`t${turso}-p${planetscale}-${Date.now()}.yaml`, fileAdding(who)) };
}

/** The most requests the server held unanswered at once, per provider, sampled while `run` lasts. */
async function sampleInFlight<T>(
  current: SandboxEnv,
  run: Promise<T>,
): Promise<{ result: T; most: Record<ProviderName, number> }> {
  const most = { turso: 0, planetscale: 0 };
  const timer = setInterval(() => {
    for (const provider of ['turso', 'planetscale'] as const) {
      const open = current.sandbox.requests.filter((r) => r.provider === provider && r.status === null).length;
      most[provider] = Math.max(most[provider], open);
    }
  }, 2);
  try {
    return { result: await run, most };
  } finally {
    clearInterval(timer);
  }
}

describe('one request budget per provider, shared by observation and apply', () => {
  it('never lets the server see more than --max-rps starts in any one-second window, nor more than --concurrency at once', async () => {
    const { box, file } = await start(60, 20, { latencyMs: 20 });
    const args = ['apply', '-f', file, '--auto-approve', '--max-rps', '20', '--concurrency', '3'];

    const { result: run, most } = await sampleInFlight(box, runCli(args, { env: box.env }));

    expect(run.stdout).toMatch(/^Apply complete: 80 added, 0 already present, 0 failed\.$/m);
    expect(run.code).toBe(0);
    const requests = box.sandbox.requests;
    for (const provider of ['turso', 'planetscale'] as const) {
      const mine = requests.filter((r) => r.provider === provider);
      expect(mine.some((r) => r.method === 'GET')).toBe(true);
      expect(maxStartsInAnyWindow(mine)).toBeLessThanOrEqual(20);
      expect(most[provider]).toBeGreaterThan(0);
      expect(most[provider]).toBeLessThanOrEqual(3);
    }
    expect(posts(requests, 'turso')).toHaveLength(60);
    expect(requests.every((r) => r.status === 200)).toBe(true);
  });
});

describe('429', () => {
  it('absorbs a storm of 429s: every change applied once, the pause logged once per pause, the rate lowered', async () => {
    const { box, file } = await start(24, 0, { rateLimit: { requestsPerSecond: 10, retryAfter: 'seconds' } });
    const args = [
      'apply',
      '-f',
      file,
      '--auto-approve',
      '--max-rps',
      '40',
      '--concurrency',
      '8',
      '--log-level',
      'info',
    ];

    const run = await runCli(args, { env: box.env });

    expect(run.stdout).toMatch(/^Apply complete: 24 added, 0 already present, 0 failed\.$/m);
    expect(run.code).toBe(0);
    const limited = box.sandbox.requests.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    const accepted = acceptedAddsPerMember(box.sandbox.requests);
    expect(accepted.size).toBe(24);
    expect([...accepted.values()].every((count) => count === 1)).toBe(true);
    const pauses = logLines(run.stderr, 'rate limited: pausing requests');
    expect(pauses.length).toBeGreaterThan(0);
    expect(pauses.length).toBeLessThan(limited.length);
    expect(logLines(run.stderr, 'request rate lowered').length).toBeGreaterThan(0);
  });

  const LATENCY_MS = 50;
  /** Requests that started before the client could have read the 429 are not the pause's to stop. */
  const READ_MARGIN_MS = 200;
  const CLOCK_TOLERANCE_MS = 10;

  it.each([
    ['seconds, with a fraction', 'seconds'],
    ['an HTTP date', 'date'],
  ] as const)('pauses the whole provider until Retry-After given as %s, then retries the add', async (_, form) => {
    const { box, file } = await start(8, 0, { latencyMs: LATENCY_MS });
    const args = ['apply', '-f', file, '--auto-approve', '--concurrency', '4', '--max-rps', '50'];
    let pauseEndsAt: ((limitedAt: number) => number) | undefined;
    const armed = waitFor(() => box.sandbox.requests.length > 0).then(() => {
      // Armed once the CLI is talking, so that an HTTP date is still ahead when the 429 is drawn.
      const [perfNow, dateNow] = [performance.now(), Date.now()];
      const date = Math.ceil((dateNow + 2_000) / 1_000) * 1_000;
      const retryAfter = form === 'seconds' ? '1.5' : new Date(date).toUTCString();
      pauseEndsAt = form === 'seconds' ? (at) => at + LATENCY_MS + 1_500 : () => perfNow + (date - dateNow);
      box.sandbox.setFaults({
        latencyMs: LATENCY_MS,
        failures: [{ method: 'POST', status: 429, times: 1, headers: { 'retry-after': retryAfter } }],
      });
    });

    const run = await runCli(args, { env: box.env });
    await armed;

    expect(run.stdout).toMatch(/^Apply complete: 8 added, 0 already present, 0 failed\.$/m);
    const requests = box.sandbox.requests;
    const limited = requests.filter((r) => r.status === 429);
    expect(limited).toHaveLength(1);
    const limitedAt = limited[0]!.startMs;
    const readFrom = limitedAt + LATENCY_MS + READ_MARGIN_MS;
    const until = pauseEndsAt!(limitedAt) - CLOCK_TOLERANCE_MS;
    // Longer than any wait the client would pick on its own for a first 429 (under 1 s).
    expect(until - (limitedAt + LATENCY_MS)).toBeGreaterThan(1_000);
    expect(requests.filter((r) => r.startMs >= readFrom && r.startMs < until)).toEqual([]);
    const retry = posts(requests).find((r) => r.startMs > limitedAt && subjectOf(r) === subjectOf(limited[0]!));
    expect(retry?.status).toBe(200);
    expect(retry!.startMs).toBeGreaterThanOrEqual(until);
  });
});
