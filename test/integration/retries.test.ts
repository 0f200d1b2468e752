/**
 * What apply retries and what it does not, through the built CLI over real sockets: gateway errors
 * and resets are retried (POST included) within --retry-attempts; answers about the request itself
 * are final; an authentication failure stops that provider and only that provider.
 */
import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals';
import type { SandboxFaults } from '../../src/sandbox/index.js';
import { runCli } from '../support/run-cli.js';
import type { SandboxEnv } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';
import { acceptedAddsPerMember, fileAdding, people, posts, startSandboxWith, subjectOf } from './resilience-fixture.js';

// Each test runs the CLI once or a few times; generous for a loaded CI machine, never a speed assertion.
jest.setTimeout(30_000);
const files = tempDir();
afterAll(() => files.remove());
let box: SandboxEnv | undefined;
afterEach(async () => box?.sandbox.close());

let counter = 0;
async function start(
  turso: number,
  planetscale: number,
  faults?: SandboxFaults,
): Promise<{ box: SandboxEnv; file: string }> {
  const who = people(turso, planetscale);
  box = await startSandboxWith(who, faults ? { faults } : {});
  counter += 1;
  return { box, file: files.write(`retries-${counter}.yaml`, fileAdding(who)) };
}

/** The statuses the server answered for one member's adds, in arrival order. */
function answersFor(current: SandboxEnv, subject: string): Array<number | 'reset' | null> {
  return posts(current.sandbox.requests)
    .filter((r) => subjectOf(r) === subject)
    .map((r) => r.status);
}

describe('retried', () => {
  it('retries 503, 502 and 504 on an add until it succeeds, and a 503 on observation too', async () => {
    const { box, file } = await start(3, 0, {
      failures: [
        { method: 'GET', status: 503, times: 1 },
        { method: 'POST', status: 503, times: 1 },
        { method: 'POST', status: 502, times: 1 },
        { method: 'POST', status: 504, times: 1 },
      ],
    });

    const run = await runCli(['apply', '-f', file, '--auto-approve', '--concurrency', '1'], { env: box.env });

    expect(run.stdout).toMatch(/^Apply complete: 3 added, 0 already present, 0 failed\.$/m);
    expect(run.code).toBe(0);
    expect(answersFor(box, 'user001')).toEqual([503, 502, 504, 200]);
    expect(box.sandbox.requests.filter((r) => r.method === 'GET').map((r) => r.status)).toContain(503);
    expect([...acceptedAddsPerMember(box.sandbox.requests).values()]).toEqual([1, 1, 1]);
  });

  it('retries an add whose connection was reset, without adding twice', async () => {
    const { box, file } = await start(2, 2, { failures: [{ method: 'POST', status: 'reset', times: 2 }] });

    const run = await runCli(['apply', '-f', file, '--auto-approve', '--concurrency', '1'], { env: box.env });

    expect(run.stdout).toMatch(/^Apply complete: 4 added, 0 already present, 0 failed\.$/m);
    expect(posts(box.sandbox.requests).filter((r) => r.status === 'reset')).toHaveLength(2);
    const accepted = acceptedAddsPerMember(box.sandbox.requests);
    expect(accepted.size).toBe(4);
    expect([...accepted.values()].every((count) => count === 1)).toBe(true);
  });

  it('gives up after --retry-attempts and reports the last answer with the API message', async () => {
    const { box, file } = await start(2, 0, {
      failures: [{ method: 'POST', status: 503, times: 100, body: { error: 'upstream is down for maintenance' } }],
    });

    const run = await runCli(['apply', '-f', file, '--auto-approve', '--concurrency', '1', '--retry-attempts', '3'], {
      env: box.env,
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Apply finished with errors: 0 added, 0 already present, 2 failed\.$/m);
    expect(run.stdout).toContain(
      '✗ turso.acme: add user001 as member: failed (503): upstream is down for maintenance after 3 attempts',
    );
    expect(answersFor(box, 'user001')).toEqual([503, 503, 503]);
  });
});

describe('not retried', () => {
  it('makes one attempt for 400, 404, 422 and 500, reports each with its status and message, and carries on', async () => {
    const refusal = (status: number) => ({
      method: 'POST',
      status,
      times: 1,
      body: { error: `refused with ${status}` },
    });
    const { box, file } = await start(6, 0, { failures: [400, 404, 422, 500].map(refusal) });

    const run = await runCli(['apply', '-f', file, '--auto-approve', '--concurrency', '1'], { env: box.env });

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Apply finished with errors: 2 added, 0 already present, 4 failed\.$/m);
    const failed = run.stdout.slice(run.stdout.indexOf('Not applied (4 failed, 0 skipped):'));
    for (const status of [400, 404, 422, 500])
      expect(failed).toContain(`as member: failed (${status}): refused with ${status}\n`);
    expect(posts(box.sandbox.requests)).toHaveLength(6);
  });
});

describe('authentication failures', () => {
  it('stop the provider that refused: one failure names the token, its other changes are skipped, the other provider finishes', async () => {
    const { box, file } = await start(4, 6);
    const planFile = `${files.dir}/auth.plan.json`;
    expect((await runCli(['plan', '-f', file, '--out', planFile], { env: box.env })).code).toBe(0);
    box.sandbox.clearRequests();

    // The token is refused from the first write on (revoked while apply runs: its reads succeeded).
    // --max-rps 2 leaves two of the four changes in flight waiting for a start when the 401s come back.
    box.sandbox.setFaults({ failures: [{ provider: 'planetscale', method: 'POST', status: 401, times: 100 }] });
    const run = await runCli(['apply', planFile, '-f', file, '--concurrency', '4', '--max-rps', '2'], { env: box.env });

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Apply finished with errors: 4 added, 0 already present, 1 failed, 5 skipped\.$/m);
    const failures = run.stdout
      .split('\n')
      .filter((line) => line.includes('authentication failed (401): Unauthorized. Check PLANETSCALE_SERVICE_TOKEN_ID'));
    expect(failures).toHaveLength(2); // its progress line and its entry under "Not applied"
    const skipped = run.stdout.split('\n').filter((line) => line.includes(': skipped: '));
    expect(skipped).toHaveLength(10); // each skip: its progress line and its entry under "Not applied"
    for (const line of skipped)
      expect(line).toMatch(
        /^( {2})?○ planetscale\.acme\.data: add dev\d+@acme\.dev: skipped: planetscale authentication failed \(401\)/,
      );
    const planetscale = posts(box.sandbox.requests, 'planetscale');
    expect(planetscale.length).toBeGreaterThan(0);
    expect(planetscale.length).toBeLessThanOrEqual(2);
    expect(planetscale.every((r) => r.status === 401)).toBe(true);
    expect(posts(box.sandbox.requests, 'turso').map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });
});

describe('already present', () => {
  /** The team as apply's own observation sees it: empty, though dev001 joined it a moment later. */
  const staleTeamRead = {
    provider: 'planetscale' as const,
    method: 'GET',
    path: '/teams/data/members',
    status: 200,
    times: 1,
    body: { data: [], next_page: null },
  };

  it.each([400, 409, 422] as const)(
    'counts a PlanetScale team member who joined between apply’s check and its write as already present when adding answers %i',
    async (status) => {
      const who = people(0, 2);
      // What adding someone already on the team answers is undocumented (docs/api-notes.md §2.3).
      box = await startSandboxWith(who, { planetscaleAlreadyOnTeamStatus: status });
      const file = files.write(`present-${status}.yaml`, fileAdding(who));
      const planFile = `${files.dir}/present-${status}.plan.json`;
      expect((await runCli(['plan', '-f', file, '--out', planFile], { env: box.env })).code).toBe(0);
      box.sandbox.addPlanetScaleTeamMember('acme', 'data', 'dev001@acme.dev');
      box.sandbox.setFaults({ failures: [staleTeamRead] });

      const run = await runCli(['apply', planFile, '-f', file], { env: box.env });

      expect(posts(box.sandbox.requests).map((r) => r.status)).toContain(status);
      expect(run.stdout).toContain('✓ planetscale.acme.data: add dev001@acme.dev: already present');
      expect(run.stdout).toMatch(/^Apply complete: 1 added, 1 already present, 0 failed\.$/m);
      expect(run.code).toBe(0);
    },
  );

  it('counts a team member added since the review as already present without sending the add', async () => {
    const who = people(0, 2);
    box = await startSandboxWith(who);
    const file = files.write('present-since.yaml', fileAdding(who));
    const planFile = `${files.dir}/present-since.plan.json`;
    expect((await runCli(['plan', '-f', file, '--out', planFile], { env: box.env })).code).toBe(0);
    box.sandbox.addPlanetScaleTeamMember('acme', 'data', 'dev001@acme.dev');
    box.sandbox.clearRequests();

    const run = await runCli(['apply', planFile, '-f', file], { env: box.env });

    expect(run.stdout).toContain('✓ planetscale.acme.data: add dev001@acme.dev: already present');
    expect(posts(box.sandbox.requests)).toHaveLength(1); // dev002's add only
    expect(run.code).toBe(0);
  });

  it('refuses, with zero writes, a reviewed team add for someone who has left the organization since', async () => {
    const { box, file } = await start(0, 2);
    const planFile = `${files.dir}/left.plan.json`;
    expect((await runCli(['plan', '-f', file, '--out', planFile], { env: box.env })).code).toBe(0);
    box.sandbox.removePlanetScaleMember('acme', 'dev002@acme.dev');
    box.sandbox.clearRequests();

    const run = await runCli(['apply', planFile, '-f', file], { env: box.env });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'planetscale.acme.data: add dev002@acme.dev  (dev002@acme.dev is not a member of organization "acme"',
    );
    expect(box.sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
