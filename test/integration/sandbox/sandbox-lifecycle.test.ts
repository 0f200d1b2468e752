import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadSandboxSeed,
  SandboxSeedError,
  startSandbox,
  type Sandbox,
  type SandboxSeed,
} from '../../../src/sandbox/index.js';
import {
  call,
  planetscale,
  PS_ID,
  PS_TOKEN,
  testSeed,
  turso,
  TURSO_TOKEN,
  type ListEnvelope,
  type PlanetScaleMembership,
} from './sandbox-client.js';

let box: Sandbox | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
});

describe('request log', () => {
  it('records provider, method, path, query, status, start time, auth validity and body, never a token', async () => {
    box = await startSandbox({ seed: testSeed() });
    await turso(box.tursoUrl, 'POST', '/v1/organizations/acme/members', { username: 'alice', role: 'admin' });
    await call(box.planetscaleUrl, 'GET', '/v1/organizations/acme/members?page=2&per_page=1', 'wrong:token');
    expect(box.requests).toEqual([
      {
        provider: 'turso',
        method: 'POST',
        path: '/v1/organizations/acme/members',
        query: {},
        status: 200,
        startMs: expect.any(Number),
        authValid: true,
        body: { username: 'alice', role: 'admin' },
      },
      {
        provider: 'planetscale',
        method: 'GET',
        path: '/v1/organizations/acme/members',
        query: { page: '2', per_page: '1' },
        status: 401,
        startMs: expect.any(Number),
        authValid: false,
        body: undefined,
      },
    ]);
    expect(box.requests[1]!.startMs).toBeGreaterThanOrEqual(box.requests[0]!.startMs);
    const logged = JSON.stringify(box.requests);
    for (const secret of [TURSO_TOKEN, PS_TOKEN, PS_ID]) expect(logged).not.toContain(secret);
    box.clearRequests();
    expect(box.requests).toEqual([]);
  });
});

describe('state helpers and snapshot', () => {
  it('reflects API writes and helper writes in a seed-shaped snapshot', async () => {
    box = await startSandbox({ seed: testSeed() });
    await turso(box.tursoUrl, 'POST', '/v1/organizations/acme/members', { username: 'bob', role: 'viewer' });
    box.addTursoMember('acme', 'erin', 'admin');
    box.addPlanetScaleMember('acme', 'zoe@example.com', 'member', 'Zoe');
    box.addPlanetScaleTeamMember('acme', 'backend', 'zoe@example.com');
    const snapshot = box.snapshot();
    expect(snapshot.turso?.organizations['acme']?.members).toEqual({
      carol: 'owner',
      dave: 'member',
      bob: 'viewer',
      erin: 'admin',
    });
    expect(snapshot.planetscale?.organizations['acme']?.teams['backend']?.members).toEqual([
      'alice@example.com',
      'zoe@example.com',
    ]);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(JSON.stringify(snapshot)).not.toContain(TURSO_TOKEN);
  });

  it('gives a PlanetScale snapshot that starts an identical sandbox as a seed, orphaned credentials included', async () => {
    const seed = testSeed();
    const acme = seed.planetscale!.organizations!['acme']!;
    const members = acme.members!.map((member) =>
      member.email === 'bob@example.com' ? { ...member, passwords: ['bob-db'], service_tokens: ['bob-ci'] } : member,
    );
    box = await startSandbox({
      seed: { planetscale: { ...seed.planetscale!, organizations: { acme: { ...acme, members } } } },
    });
    box.removePlanetScaleMember('acme', 'bob@example.com');
    box.addPlanetScaleInvitation('acme', 'new@example.com');
    const snapshot = box.snapshot().planetscale!;
    expect(snapshot.organizations['acme']?.orphaned_credentials).toEqual([
      { id: expect.any(String), email: 'bob@example.com', passwords: ['bob-db'], service_tokens: ['bob-ci'] },
    ]);

    // Roles are plain strings in a snapshot; startSandbox checks the seed like a seed file.
    const asSeed = { planetscale: { service_token_id: PS_ID, service_token: PS_TOKEN, ...snapshot } } as SandboxSeed;
    const again = await startSandbox({ seed: asSeed });
    try {
      expect(again.snapshot().planetscale).toEqual(snapshot);
    } finally {
      await again.close();
    }
  });

  it('gives the same ids to two sandboxes started from the same seed', async () => {
    const first = await startSandbox({ seed: testSeed() });
    const second = await startSandbox({ seed: testSeed() });
    const ids = async (sandbox: Sandbox) =>
      (
        await planetscale<ListEnvelope<PlanetScaleMembership>>(
          sandbox.planetscaleUrl,
          'GET',
          '/v1/organizations/acme/teams/backend/members',
        )
      ).body.data.map((member) => [member.id, member.user.id]);
    expect(await ids(first)).toEqual(await ids(second));
    await Promise.all([first.close(), second.close()]);
  });

  it('answers 404 on every path of a provider the seed leaves out', async () => {
    box = await startSandbox({ seed: { turso: testSeed().turso! } });
    const answer = await planetscale(box.planetscaleUrl, 'GET', '/v1/organizations');
    expect(answer).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect(() => box!.addPlanetScaleMember('acme', 'x@example.com')).toThrow(/no planetscale section/);
  });
});

describe('close()', () => {
  it('releases both ports, even with a keep-alive connection open', async () => {
    const sandbox = await startSandbox({ seed: testSeed() });
    await turso(sandbox.tursoUrl, 'GET', '/v1/user');
    await planetscale(sandbox.planetscaleUrl, 'GET', '/v1/organizations');
    await sandbox.close();
    for (const url of [sandbox.tursoUrl, sandbox.planetscaleUrl]) {
      const port = Number(new URL(url).port);
      const server = createServer();
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
      await new Promise((resolve) => server.close(resolve));
    }
    await expect(fetch(`${sandbox.tursoUrl}/v1/user`)).rejects.toThrow();
  });
});

describe('seeds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-seed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('loads a valid seed file', async () => {
    const seed = await loadSandboxSeed(write('good.json', JSON.stringify(testSeed())));
    expect(seed.turso?.token_user).toBe('carol');
  });

  it('names the file and every problem with its path', async () => {
    const bad = {
      turso: { token: 'x', organizations: { acme: { members: { bob: 'boss' } } } },
      planetscale: {
        service_token_id: 'a',
        service_token: 'b',
        organizations: { acme: { members: [{ email: 'a@x.y' }], teams: { t: { members: ['b@x.y'], colour: 'red' } } } },
      },
    };
    const file = write('bad.json', JSON.stringify(bad));
    const error = await loadSandboxSeed(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SandboxSeedError);
    expect((error as SandboxSeedError).issues).toEqual([
      'seed.turso.token_user: is required',
      'seed.turso.organizations.acme.members.bob: must be one of owner, admin, member, viewer',
      'seed.planetscale.organizations.acme.teams.t.colour: unknown field (expected one of name, description, managed, members)',
    ]);
    expect((error as Error).message).toContain(file);
  });

  it('reports a team member who is not an organization member, once the shape is right', async () => {
    const seed = testSeed();
    const acme = seed.planetscale!.organizations!['acme']!;
    const broken = {
      ...seed,
      planetscale: {
        ...seed.planetscale!,
        organizations: { acme: { ...acme, teams: { t: { members: ['nobody@x.y'] } } } },
      },
    };
    await expect(startSandbox({ seed: broken })).rejects.toThrow(
      'seed.planetscale.organizations.acme.teams.t.members[0]: nobody@x.y is not in',
    );
  });

  it('checks the credentials a PlanetScale seed lists, and that orphaned ones belong to no member', async () => {
    const planetscaleSeed = (organizations: Record<string, unknown>) =>
      ({ planetscale: { service_token_id: PS_ID, service_token: PS_TOKEN, organizations } }) as never;
    const shape = await startSandbox({
      seed: planetscaleSeed({
        acme: {
          members: [{ email: 'olga@example.com', passwords: [''], service_tokens: 'ci' }],
          orphaned_credentials: [{ email: 'zoe@example.com', passwords: ['zoe-db'], keys: [] }],
        },
      }),
    }).catch((caught: unknown) => caught);
    expect((shape as SandboxSeedError).issues).toEqual([
      'seed.planetscale.organizations.acme.members[0].passwords[0]: must be a non-empty string',
      'seed.planetscale.organizations.acme.members[0].service_tokens: must be a list',
      'seed.planetscale.organizations.acme.orphaned_credentials[0].keys: unknown field (expected one of id, email, passwords, service_tokens)',
    ]);

    const references = await startSandbox({
      seed: planetscaleSeed({
        beta: {
          members: [{ id: 'user-olga', email: 'olga@example.com' }],
          orphaned_credentials: [
            { email: 'OLGA@example.com', service_tokens: ['x'] },
            { email: 'zoe@example.com' },
            { email: 'Zoe@example.com' },
            { id: 'user-olga', email: 'ann@example.com' },
          ],
        },
      }),
    }).catch((caught: unknown) => caught);
    expect((references as SandboxSeedError).issues).toEqual([
      'seed.planetscale.organizations.beta.orphaned_credentials[0].email: OLGA@example.com is a member; list their credentials under seed.planetscale.organizations.beta.members',
      'seed.planetscale.organizations.beta.orphaned_credentials[2].email: duplicate entry for Zoe@example.com',
      'seed.planetscale.organizations.beta.orphaned_credentials[3].id: user id user-olga belongs to a member',
    ]);
  });

  it.each([
    ['not JSON', '{"turso":', /not valid JSON/],
    ['missing', undefined, /cannot read the file: ENOENT/],
  ])('explains a seed file that is %s', async (_name, text, message) => {
    const file = text === undefined ? join(dir, 'missing.json') : write('broken.json', text);
    await expect(loadSandboxSeed(file)).rejects.toThrow(message);
  });
});
