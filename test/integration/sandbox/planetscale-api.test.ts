import { afterEach, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/index.js';
import {
  call,
  planetscale,
  PS_TOKEN,
  testSeed,
  type Answer,
  type ListEnvelope,
  type PlanetScaleError,
  type PlanetScaleInvitation,
  type PlanetScaleMembership,
  type PlanetScaleOrganization,
  type PlanetScaleTeam,
} from './sandbox-client.js';

let box: Sandbox | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
});

async function start(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  box = await startSandbox({ seed: testSeed(), ...options });
  return box;
}

describe('PlanetScale auth', () => {
  it('accepts Authorization: ID:TOKEN with no Bearer', async () => {
    const { planetscaleUrl } = await start();
    const answer = await planetscale(planetscaleUrl, 'GET', '/v1/organizations/acme');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ name: 'acme', idp_managed_roles: false, sso_directory: false });
  });

  it.each([
    ['Bearer ID:TOKEN', `Bearer ps-test-id:${PS_TOKEN}`],
    ['a wrong secret', 'ps-test-id:wrong'],
    ['the secret alone', PS_TOKEN],
  ])('rejects %s with 401 {code: unauthorized}', async (_name, auth) => {
    const { planetscaleUrl } = await start();
    const answer = await call(planetscaleUrl, 'GET', '/v1/organizations/acme/members', auth);
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ code: 'unauthorized', message: expect.any(String) });
  });

  it('answers 404 not_found when the token lacks the access, as the docs warn', async () => {
    const seed = testSeed();
    const { planetscaleUrl } = await start({
      seed: { ...seed, planetscale: { ...seed.planetscale!, accesses: ['read_organization'] } },
    });
    const answer = await planetscale(planetscaleUrl, 'POST', '/v1/organizations/acme/teams/backend/members', {
      user_id: 'user-alice',
    });
    expect(answer).toMatchObject({ status: 404, body: { code: 'not_found', message: 'Not Found' } });
  });
});

describe('PlanetScale pagination', () => {
  it('pages members with the documented envelope until next_page is null', async () => {
    const sandbox = await start();
    for (let index = 0; index < 57; index += 1) sandbox.addPlanetScaleMember('acme', `user${index}@example.com`);
    const pages: ListEnvelope<PlanetScaleMembership>[] = [];
    let url: string | null = `${sandbox.planetscaleUrl}/v1/organizations/acme/members?per_page=25`;
    while (url !== null) {
      const answer: Answer<ListEnvelope<PlanetScaleMembership>> = await planetscale(url, 'GET', '');
      pages.push(answer.body);
      url = answer.body.next_page_url;
    }
    expect(pages.map((page) => [page.current_page, page.next_page, page.prev_page, page.data.length])).toEqual([
      [1, 2, null, 25],
      [2, 3, 1, 25],
      [3, null, 2, 10],
    ]);
    expect(pages[2]).toMatchObject({
      type: 'list',
      per_page: 25,
      total_count: 60,
      total_pages: 3,
      next_page_url: null,
    });
    const emails = pages.flatMap((page) => page.data.map((item) => item.user.email));
    expect(new Set(emails).size).toBe(60);
  });

  it('defaults per_page to 25, caps it at 100, and omits totals on the organizations list', async () => {
    const sandbox = await start();
    for (let index = 0; index < 120; index += 1) sandbox.addPlanetScaleMember('acme', `user${index}@example.com`);
    const first = await planetscale(sandbox.planetscaleUrl, 'GET', '/v1/organizations/acme/members');
    expect(first.body).toMatchObject({ per_page: 25, total_pages: 5 });
    const capped = await planetscale<ListEnvelope<PlanetScaleMembership>>(
      sandbox.planetscaleUrl,
      'GET',
      '/v1/organizations/acme/members?per_page=500',
    );
    expect(capped.body.data).toHaveLength(100);
    const orgs = await planetscale<ListEnvelope<PlanetScaleOrganization>>(
      sandbox.planetscaleUrl,
      'GET',
      '/v1/organizations',
    );
    expect(orgs.body).not.toHaveProperty('total_count');
    expect(orgs.body.data.map((org) => org.name)).toEqual(['acme']);
  });

  it.each([
    ['ALICE', ['alice@example.com']],
    ['quux', ['zq@example.com']],
    ['lga@', ['olga@example.com']],
    ['bob', ['bob@example.com']],
    ['example.com', ['olga@example.com', 'alice@example.com', 'bob@example.com', 'zq@example.com']],
    ['nobody', []],
  ])('filters members with q=%s by a case-insensitive substring of email or name', async (q, emails) => {
    const sandbox = await start();
    sandbox.addPlanetScaleMember('acme', 'zq@example.com', 'member', 'Zed Quux');
    const answer = await planetscale<ListEnvelope<PlanetScaleMembership>>(
      sandbox.planetscaleUrl,
      'GET',
      `/v1/organizations/acme/members?q=${encodeURIComponent(q)}`,
    );
    expect(answer.body.data.map((item) => item.user.email)).toEqual(emails);
    expect(answer.body.total_count).toBe(emails.length);
  });

  it('gives org members a membership id distinct from the user id', async () => {
    const { planetscaleUrl } = await start();
    const answer = await planetscale<ListEnvelope<PlanetScaleMembership>>(
      planetscaleUrl,
      'GET',
      '/v1/organizations/acme/members?q=alice',
    );
    expect(answer.body.data[0]).toMatchObject({
      role: 'member',
      user: { id: 'user-alice', name: 'Alice', display_name: 'Alice' },
    });
    expect(answer.body.data[0]!.id).not.toBe('user-alice');
  });
});

describe('PlanetScale team members', () => {
  const add = (origin: string, userId: string) =>
    planetscale<PlanetScaleError>(origin, 'POST', '/v1/organizations/acme/teams/backend/members', { user_id: userId });

  it('adds an org member by user id (200 membership) and lists it with user, actor and passwords', async () => {
    const sandbox = await start();
    const bobId = sandbox
      .snapshot()
      .planetscale!.organizations['acme']!.members.find((m) => m.email === 'bob@example.com')!.id;
    const added = await add(sandbox.planetscaleUrl, bobId);
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({
      user: { id: bobId, email: 'bob@example.com' },
      actor: { display_name: 'olga@example.com' },
      passwords: [],
    });
    const listed = await planetscale<ListEnvelope<PlanetScaleMembership>>(
      sandbox.planetscaleUrl,
      'GET',
      '/v1/organizations/acme/teams/backend/members',
    );
    expect(listed.body.data.map((m) => m.user.email)).toEqual(['alice@example.com', 'bob@example.com']);
    const team = await planetscale<PlanetScaleTeam>(
      sandbox.planetscaleUrl,
      'GET',
      '/v1/organizations/acme/teams/backend',
    );
    expect(team.body).toMatchObject({ slug: 'backend', name: 'Backend', managed: false });
    expect(team.body.members.map((user) => user.email)).toEqual(['alice@example.com', 'bob@example.com']);
  });

  it('answers 422 unprocessable by default when the user is already on the team', async () => {
    const { planetscaleUrl } = await start();
    const answer = await add(planetscaleUrl, 'user-alice');
    expect(answer).toMatchObject({
      status: 422,
      body: { code: 'unprocessable', message: 'User is already a member of this team' },
    });
  });

  it.each([400, 409] as const)('answers %i for an existing team member when configured so', async (status) => {
    const { planetscaleUrl } = await start({ planetscaleAlreadyOnTeamStatus: status });
    const answer = await add(planetscaleUrl, 'user-alice');
    expect(answer.status).toBe(status);
    expect(answer.body.message).toBe('User is already a member of this team');
  });

  it('answers 422 for a user who is not an org member, and 400 for an SSO-managed team', async () => {
    const { planetscaleUrl } = await start();
    expect((await add(planetscaleUrl, 'stranger')).status).toBe(422);
    const managed = await planetscale(planetscaleUrl, 'POST', '/v1/organizations/acme/teams/sso/members', {
      user_id: 'user-alice',
    });
    expect(managed).toMatchObject({ status: 400, body: { code: 'bad_request' } });
  });

  it('removes by team membership id or by user id with 204, then 404', async () => {
    const sandbox = await start();
    const membershipId = (
      await planetscale<ListEnvelope<PlanetScaleMembership>>(
        sandbox.planetscaleUrl,
        'GET',
        '/v1/organizations/acme/teams/backend/members',
      )
    ).body.data[0]!.id;
    const path = '/v1/organizations/acme/teams/backend/members/';
    const removed = await planetscale(sandbox.planetscaleUrl, 'DELETE', path + membershipId);
    expect(removed).toMatchObject({ status: 204, body: undefined });
    expect((await planetscale(sandbox.planetscaleUrl, 'DELETE', path + membershipId)).status).toBe(404);
    sandbox.addPlanetScaleTeamMember('acme', 'backend', 'alice@example.com');
    expect((await planetscale(sandbox.planetscaleUrl, 'DELETE', path + 'user-alice')).status).toBe(204);
    expect(sandbox.snapshot().planetscale!.organizations['acme']!.teams['backend']!.members).toEqual([]);
  });

  it('answers 404 not_found for an unknown team or organization', async () => {
    const { planetscaleUrl } = await start();
    for (const path of ['/v1/organizations/acme/teams/nope/members', '/v1/organizations/nope/teams']) {
      expect(await planetscale(planetscaleUrl, 'GET', path)).toMatchObject({
        status: 404,
        body: { code: 'not_found', message: 'Not Found' },
      });
    }
  });
});

describe('PlanetScale org members and invitations', () => {
  it("updates a role by user id, but refuses the token user's own role and IdP-managed roles", async () => {
    const sandbox = await start();
    const patch = (id: string, role: string) =>
      planetscale(sandbox.planetscaleUrl, 'PATCH', `/v1/organizations/acme/members/${id}`, { role });
    expect((await patch('user-alice', 'admin')).body).toMatchObject({ role: 'admin', user: { id: 'user-alice' } });
    const olga = sandbox.snapshot().planetscale!.organizations['acme']!.members[0]!.id;
    expect((await patch(olga, 'member')).body).toEqual({
      code: 'unprocessable',
      message: 'You cannot update your own role',
    });

    const seed = testSeed();
    const idp = {
      ...seed.planetscale!,
      organizations: { acme: { ...seed.planetscale!.organizations!['acme']!, idp_managed_roles: true } },
    };
    await sandbox.close();
    const managed = await start({ seed: { planetscale: idp } });
    const refused = await planetscale<PlanetScaleError>(
      managed.planetscaleUrl,
      'PATCH',
      '/v1/organizations/acme/members/user-alice',
      {
        role: 'admin',
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/identity provider/);
  });

  it('removes an org member with 204 and from their teams too', async () => {
    const sandbox = await start();
    expect(
      (await planetscale(sandbox.planetscaleUrl, 'DELETE', '/v1/organizations/acme/members/user-alice')).status,
    ).toBe(204);
    const acme = sandbox.snapshot().planetscale!.organizations['acme']!;
    expect(acme.members.map((m) => m.email)).not.toContain('alice@example.com');
    expect(acme.teams['backend']!.members).toEqual([]);
  });

  describe('the credentials a removed member created', () => {
    /** acme with alice and bob each holding a password and a service token they created. */
    async function startWithCredentials(): Promise<Sandbox> {
      const seed = testSeed();
      const acme = seed.planetscale!.organizations!['acme']!;
      const members = acme.members!.map((member) =>
        member.email === 'olga@example.com'
          ? member
          : { ...member, passwords: [`${member.email}-db`], service_tokens: [`${member.email}-ci`] },
      );
      return start({
        seed: { ...seed, planetscale: { ...seed.planetscale!, organizations: { acme: { ...acme, members } } } },
      });
    }
    const remove = (sandbox: Sandbox, email: string, query: string) => {
      const id = sandbox.snapshot().planetscale!.organizations['acme']!.members.find((m) => m.email === email)!.id;
      return planetscale<PlanetScaleError | undefined>(
        sandbox.planetscaleUrl,
        'DELETE',
        `/v1/organizations/acme/members/${id}${query}`,
      );
    };
    const acmeOf = (sandbox: Sandbox) => sandbox.snapshot().planetscale!.organizations['acme']!;

    it('lists them on the member, and keeps them orphaned after a removal without flags', async () => {
      const sandbox = await startWithCredentials();
      expect(acmeOf(sandbox).members.find((m) => m.email === 'bob@example.com')).toMatchObject({
        passwords: ['bob@example.com-db'],
        service_tokens: ['bob@example.com-ci'],
      });
      expect(acmeOf(sandbox).orphaned_credentials).toEqual([]);

      expect((await remove(sandbox, 'bob@example.com', '')).status).toBe(204);
      expect(acmeOf(sandbox).orphaned_credentials).toEqual([
        {
          id: expect.any(String),
          email: 'bob@example.com',
          passwords: ['bob@example.com-db'],
          service_tokens: ['bob@example.com-ci'],
        },
      ]);
    });

    it('deletes the passwords with delete_passwords=true and the service tokens with delete_service_tokens=true', async () => {
      const sandbox = await startWithCredentials();
      expect((await remove(sandbox, 'alice@example.com', '?delete_passwords=true')).status).toBe(204);
      expect(
        (await remove(sandbox, 'bob@example.com', '?delete_passwords=false&delete_service_tokens=true')).status,
      ).toBe(204);

      expect(acmeOf(sandbox).orphaned_credentials).toEqual([
        { id: 'user-alice', email: 'alice@example.com', passwords: [], service_tokens: ['alice@example.com-ci'] },
        { id: expect.any(String), email: 'bob@example.com', passwords: ['bob@example.com-db'], service_tokens: [] },
      ]);
      sandbox.addPlanetScaleMember('acme', 'alice@example.com');
      const alice = await remove(sandbox, 'alice@example.com', '?delete_passwords=true&delete_service_tokens=true');
      expect(alice.status).toBe(204);
      expect(acmeOf(sandbox).orphaned_credentials.map((entry) => entry.email)).toEqual(['bob@example.com']);
    });

    it.each([
      ['a value other than true or false', '?delete_passwords=yes', 'delete_passwords must be true or false'],
      ['1 for true', '?delete_service_tokens=1', 'delete_service_tokens must be true or false'],
      ['a flag given twice', '?delete_passwords=true&delete_passwords=false', 'delete_passwords must be true or false'],
    ])('answers 400 bad_request for %s, and removes no one', async (_name, query, message) => {
      const sandbox = await startWithCredentials();
      expect(await remove(sandbox, 'bob@example.com', query)).toMatchObject({
        status: 400,
        body: { code: 'bad_request', message },
      });
      expect(acmeOf(sandbox).members.map((m) => m.email)).toContain('bob@example.com');
    });

    it("refuses the flags when the token's own user removes themself (422): they are for removing others", async () => {
      const sandbox = await startWithCredentials();
      sandbox.addPlanetScaleMember('acme', 'second-admin@example.com', 'admin');
      expect(await remove(sandbox, 'olga@example.com', '?delete_service_tokens=true')).toMatchObject({
        status: 422,
        body: {
          code: 'unprocessable',
          message: 'Passwords and service tokens can only be deleted when removing other members',
        },
      });
      expect(acmeOf(sandbox).members.map((m) => m.email)).toContain('olga@example.com');
    });
  });

  it('invites as member only (a service token), lists and cancels with 204', async () => {
    const { planetscaleUrl } = await start();
    const path = '/v1/organizations/acme/invitations';
    expect((await planetscale(planetscaleUrl, 'POST', path, { email: 'new@example.com', role: 'admin' })).status).toBe(
      422,
    );
    const created = await planetscale<PlanetScaleInvitation>(planetscaleUrl, 'POST', path, {
      email: 'new@example.com',
    });
    expect(created.body).toMatchObject({ email: 'new@example.com', role: 'member', recipient: null, expired: false });
    const listed = await planetscale(planetscaleUrl, 'GET', path);
    expect(listed.body).toMatchObject({ total_count: 1, data: [{ id: created.body.id }] });
    expect((await planetscale(planetscaleUrl, 'DELETE', `${path}/${created.body.id}`)).status).toBe(204);
    expect((await planetscale<ListEnvelope<PlanetScaleInvitation>>(planetscaleUrl, 'GET', path)).body.data).toEqual([]);
  });
});
