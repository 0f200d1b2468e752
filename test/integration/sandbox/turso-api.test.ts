import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { call, testSeed, turso, type TursoInvite, type TursoOrganization, type TursoUser } from './sandbox-client.js';

let box: Sandbox;
beforeAll(async () => {
  box = await startSandbox({ seed: testSeed(), now: () => new Date('2026-05-01T12:00:00.000Z') });
});
afterAll(() => box.close());
beforeEach(() => {
  box.removeTursoMember('acme', 'alice');
  box.removeTursoMember('acme', 'bob');
});

describe('Turso auth', () => {
  it('accepts the seeded token as Bearer and answers GET /v1/user with the token user', async () => {
    const answer = await turso<{ user: TursoUser }>(box.tursoUrl, 'GET', '/v1/user');
    expect(answer.status).toBe(200);
    expect(answer.body.user).toMatchObject({ username: 'carol', email: 'carol@example.com' });
    expect(answer.headers.get('content-type')).toBe('application/json');
  });

  it.each([
    ['a wrong token', 'Bearer nope'],
    ['the bare token without Bearer', 'turso-test-token'],
    ['no header', undefined],
  ])('answers 401 with the live API body for %s', async (_name, auth) => {
    const answer = await call(box.tursoUrl, 'GET', '/v1/organizations/acme/members', auth);
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: 'token contains an invalid number of segments' });
  });
});

describe('Turso organizations', () => {
  it("lists the token user's organizations as a bare array, personal one included", async () => {
    const answer = await turso<TursoOrganization[]>(box.tursoUrl, 'GET', '/v1/organizations');
    expect(answer.body.map((org) => `${org.slug}:${org.type}`)).toEqual([
      'acme:team',
      'viewers:team',
      'carol:personal',
    ]);
  });

  it('answers 404 organization not found for an unknown slug', async () => {
    const answer = await turso(box.tursoUrl, 'GET', '/v1/organizations/nope');
    expect(answer).toMatchObject({ status: 404, body: { error: 'organization not found' } });
  });
});

describe('Turso members', () => {
  it('lists members unpaginated with username, role and email', async () => {
    const answer = await turso(box.tursoUrl, 'GET', '/v1/organizations/acme/members');
    expect(answer.body).toEqual({
      members: [
        { username: 'carol', role: 'owner', email: 'carol@example.com' },
        { username: 'dave', role: 'member', email: 'dave@example.com' },
      ],
    });
  });

  it('adds an existing user with {username, role}, defaulting the role to member', async () => {
    const added = await turso(box.tursoUrl, 'POST', '/v1/organizations/acme/members', { username: 'alice' });
    expect(added).toMatchObject({ status: 200, body: { member: 'alice', role: 'member' } });
    const fetched = await turso(box.tursoUrl, 'GET', '/v1/organizations/acme/members/alice');
    expect(fetched.body).toEqual({ member: { username: 'alice', role: 'member', email: 'alice@example.com' } });
  });

  it('answers 409 with the documented message when the user is already a member', async () => {
    box.addTursoMember('acme', 'bob', 'admin');
    const answer = await turso(box.tursoUrl, 'POST', '/v1/organizations/acme/members', {
      username: 'bob',
      role: 'member',
    });
    expect(answer).toEqual(
      expect.objectContaining({ status: 409, body: { error: 'user bob is already a member of organization acme' } }),
    );
    expect(box.snapshot().turso?.organizations['acme']?.members['bob']).toBe('admin');
  });

  it('answers 404 could not find user for a username Turso does not know', async () => {
    const answer = await turso(box.tursoUrl, 'POST', '/v1/organizations/acme/members', {
      username: 'ghost',
      role: 'member',
    });
    expect(answer).toMatchObject({ status: 404, body: { error: 'could not find user ghost' } });
  });

  it.each([
    ['an unsettable role', { username: 'alice', role: 'owner' }, 'invalid role'],
    ['email instead of username (the spec defect)', { email: 'alice@example.com' }, 'username is required'],
  ])('answers 400 for %s', async (_name, body, message) => {
    const answer = await turso(box.tursoUrl, 'POST', '/v1/organizations/acme/members', body);
    expect(answer).toMatchObject({ status: 400, body: { error: message } });
  });

  it('answers 400 with the Turso envelope for a body that is not JSON', async () => {
    const response = await fetch(`${box.tursoUrl}/v1/organizations/acme/members`, {
      method: 'POST',
      headers: { authorization: 'Bearer turso-test-token', 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'request body is not valid JSON' });
  });

  it('refuses to add members to a personal organization', async () => {
    const answer = await turso(box.tursoUrl, 'POST', '/v1/organizations/carol/members', { username: 'alice' });
    expect(answer).toMatchObject({ status: 400, body: { error: 'cannot add members to a personal organization' } });
  });

  it('answers 403 when the token user is only a viewer', async () => {
    const answer = await turso(box.tursoUrl, 'POST', '/v1/organizations/viewers/members', { username: 'alice' });
    expect(answer.status).toBe(403);
  });

  it('changes a role with PATCH and answers the updated member', async () => {
    box.addTursoMember('acme', 'bob', 'member');
    const answer = await turso(box.tursoUrl, 'PATCH', '/v1/organizations/acme/members/bob', { role: 'viewer' });
    expect(answer).toMatchObject({
      status: 200,
      body: { member: { username: 'bob', role: 'viewer', email: 'bob@example.com' } },
    });
  });

  it('removes a member with 200 {member}, then answers 404 for the same delete', async () => {
    box.addTursoMember('acme', 'bob', 'member');
    const first = await turso(box.tursoUrl, 'DELETE', '/v1/organizations/acme/members/bob');
    expect(first).toMatchObject({ status: 200, body: { member: 'bob' } });
    const second = await turso(box.tursoUrl, 'DELETE', '/v1/organizations/acme/members/bob');
    expect(second).toMatchObject({ status: 404, body: { error: 'user bob is not a member of org acme' } });
  });
});

describe('Turso invites (v2)', () => {
  it('replaces a pending invite for the same email, and deletes by URL-encoded email', async () => {
    const email = 'new+tag@example.com';
    await turso(box.tursoUrl, 'POST', '/v2/organizations/acme/invites', { email, role: 'member' });
    const replaced = await turso(box.tursoUrl, 'POST', '/v2/organizations/acme/invites', { email, role: 'admin' });
    expect(replaced.body).toEqual({ invited: { email, role: 'admin', organization: 'acme' } });

    const listed = await turso<{ invites: TursoInvite[] }>(box.tursoUrl, 'GET', '/v2/organizations/acme/invites');
    const mine = listed.body.invites.filter((invite) => invite.email === email);
    expect(mine).toEqual([{ id: expect.any(Number), email, role: 'admin', created_at: '2026-05-01T12:00:00.000Z' }]);

    const deleted = await turso(box.tursoUrl, 'DELETE', `/v2/organizations/acme/invites/${encodeURIComponent(email)}`);
    expect(deleted.status).toBe(200);
    const again = await turso(box.tursoUrl, 'DELETE', `/v2/organizations/acme/invites/${encodeURIComponent(email)}`);
    expect(again).toMatchObject({ status: 404, body: { error: 'invite not found' } });
  });

  it('invites a username at their registered email, and wants exactly one of email or username', async () => {
    const byName = await turso<{ invited: Omit<TursoInvite, 'id'> }>(
      box.tursoUrl,
      'POST',
      '/v2/organizations/acme/invites',
      {
        username: 'bob',
      },
    );
    expect(byName.body.invited).toMatchObject({ email: 'bob@example.com', role: 'member' });
    const both = await turso(box.tursoUrl, 'POST', '/v2/organizations/acme/invites', {
      username: 'bob',
      email: 'b@x.y',
    });
    expect(both.status).toBe(400);
  });
});
