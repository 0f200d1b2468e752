import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ApiError } from '../../../src/errors.js';
import { createPlanetScaleProvider } from '../../../src/providers/planetscale/planetscale-provider.js';
import type { ChangeFor, Provider } from '../../../src/providers/provider.js';
import type { PlanetScaleSeed, Sandbox, SandboxSeed } from '../../../src/sandbox/index.js';
import {
  createClient,
  planetScaleDesired,
  PS_TOKEN,
  PS_TOKEN_ID,
  requestLines,
  startProviderSandbox,
  withPeople,
} from './provider-fixture.js';
import { rejectionOf } from '../../support/rejection-of.js';

function seed(overrides: Partial<PlanetScaleSeed> = {}): SandboxSeed {
  return {
    planetscale: {
      service_token_id: PS_TOKEN_ID,
      service_token: PS_TOKEN,
      token_user: 'olga@acme.dev',
      organizations: {
        acme: {
          members: [
            { email: 'olga@acme.dev', role: 'admin' },
            { id: 'user-alice', email: 'alice@acme.dev' },
            {
              id: 'user-bob',
              email: 'bob@acme.dev',
              passwords: ['bob-laptop', 'bob-ci'],
              service_tokens: ['bob-deploy'],
            },
          ],
          teams: { backend: { members: ['alice@acme.dev', 'bob@acme.dev'] }, data: {} },
          invitations: [
            { id: 'inv-newbie', email: 'Newbie@Acme.dev', created_at: '2026-04-01T00:00:00.000Z' },
            { id: 'inv-boss', email: 'boss@acme.dev', role: 'admin', created_at: '2026-04-02T00:00:00.000Z' },
          ],
        },
        idp: {
          idp_managed_roles: true,
          members: [
            { email: 'olga@acme.dev', role: 'admin' },
            { id: 'user-ida', email: 'ida@acme.dev' },
          ],
        },
      },
      ...overrides,
    },
  };
}

let sandbox: Sandbox;
let planetscale: Provider<'planetscale'>;

async function start(overrides: Partial<PlanetScaleSeed> = {}): Promise<void> {
  sandbox = await startProviderSandbox(seed(overrides));
  planetscale = createPlanetScaleProvider(createClient(sandbox, 'planetscale'));
}

beforeEach(() => start());
afterEach(() => sandbox.close());

/** acme as the sandbox holds it now. */
function acme() {
  const org = sandbox.snapshot().planetscale?.organizations['acme'];
  if (org === undefined) throw new Error('acme is missing from the sandbox');
  return org;
}

const backendMembers = (): string[] => acme().teams['backend']?.members ?? [];

type PlanetScaleFields =
  ChangeFor<'planetscale'> extends infer C
    ? C extends ChangeFor<'planetscale'>
      ? Omit<C, 'provider' | 'organization'>
      : never
    : never;
function change(fields: PlanetScaleFields, organization = 'acme'): ChangeFor<'planetscale'> {
  return { provider: 'planetscale', organization, ...fields };
}

describe('observing PlanetScale', () => {
  it('reads neither the organization nor its invitations when the file declares no organization members:', async () => {
    const observed = await planetscale.observe(planetScaleDesired({ acme: { teams: ['backend'] } }));

    expect(observed.get('acme')?.idpManagedRoles).toBeUndefined();
    expect(observed.get('acme')?.invitations).toBeUndefined();
    expect([...(observed.get('acme')?.teams.get('backend')?.members.keys() ?? [])]).toEqual(['user-alice', 'user-bob']);
    expect(requestLines(sandbox).sort()).toEqual([
      'GET /v1/organizations/acme/members',
      'GET /v1/organizations/acme/teams',
      'GET /v1/organizations/acme/teams/backend/members',
      'GET /v1/user',
    ]);
  });

  it('reads idp_managed_roles and pending invitations once per organization that declares members:', async () => {
    const observed = await planetscale.observe(
      planetScaleDesired({ acme: { members: { 'olga@acme.dev': 'admin' } }, idp: { members: {} } }),
    );

    expect(observed.get('acme')?.idpManagedRoles).toBe(false);
    expect(observed.get('idp')?.idpManagedRoles).toBe(true);
    expect([...(observed.get('acme')?.invitations ?? [])]).toEqual([
      [
        'newbie@acme.dev',
        { id: 'inv-newbie', email: 'Newbie@Acme.dev', role: 'member', createdAt: '2026-04-01T00:00:00.000Z' },
      ],
      [
        'boss@acme.dev',
        { id: 'inv-boss', email: 'boss@acme.dev', role: 'admin', createdAt: '2026-04-02T00:00:00.000Z' },
      ],
    ]);
    expect(observed.get('idp')?.invitations?.size).toBe(0);
    const settingsReads = requestLines(sandbox).filter((line) =>
      /^GET \/v1\/organizations\/\w+(\/invitations)?$/.test(line),
    );
    expect(settingsReads.sort()).toEqual([
      'GET /v1/organizations/acme',
      'GET /v1/organizations/acme/invitations',
      'GET /v1/organizations/idp',
      'GET /v1/organizations/idp/invitations',
    ]);
  });

  it('follows every page of invitations, 100 at a time', async () => {
    for (let i = 0; i < 150; i += 1) sandbox.addPlanetScaleInvitation('acme', `guest${i}@acme.dev`);
    const observed = await planetscale.observe(planetScaleDesired({ acme: { members: {} } }));

    expect(observed.get('acme')?.invitations?.size).toBe(152);
    const pages = sandbox.requests.filter((request) => request.path === '/v1/organizations/acme/invitations');
    expect(pages.map((request) => request.query)).toEqual([
      { page: '1', per_page: '100' },
      { page: '2', per_page: '100' },
    ]);
  });

  it('leaves expired invitations out: they let nobody in', async () => {
    const invitation = (email: string, expired: boolean) => ({
      id: email,
      email,
      role: 'member',
      expired,
      created_at: '2026-04-01T00:00:00.000Z',
    });
    sandbox.setFaults({
      failures: [
        {
          path: '/invitations',
          status: 200,
          times: 1,
          body: { data: [invitation('old@acme.dev', true), invitation('new@acme.dev', false)], next_page: null },
        },
      ],
    });
    const observed = await planetscale.observe(planetScaleDesired({ acme: { members: {} } }));

    expect([...(observed.get('acme')?.invitations?.keys() ?? [])]).toEqual(['new@acme.dev']);
  });

  it('explains a token without write_members instead of reporting the organization as missing', async () => {
    await sandbox.close();
    await start({ accesses: ['read_organization', 'write_teams'] });
    const error = await rejectionOf(planetscale.observe(planetScaleDesired({ acme: { members: {} } })));

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe(
      'planetscale: GET /v1/organizations/acme/invitations answered 404: Not Found ' +
        '(the service token needs the write_members access to list invitations, which a file that declares organization members: or people: needs)',
    );
  });

  it('reads idp_managed_roles and pending invitations of every organization when the file declares people:, members: or not', async () => {
    const observed = await planetscale.observe(
      withPeople(planetScaleDesired({ acme: { teams: ['backend'] }, idp: { members: {} } })),
    );

    expect([...(observed.get('acme')?.invitations?.keys() ?? [])]).toEqual(['newbie@acme.dev', 'boss@acme.dev']);
    expect(observed.get('acme')?.idpManagedRoles).toBe(false);
    expect(observed.get('idp')?.idpManagedRoles).toBe(true);
    expect(observed.get('idp')?.invitations?.size).toBe(0);
    expect(requestLines(sandbox).sort()).toEqual([
      'GET /v1/organizations/acme',
      'GET /v1/organizations/acme/invitations',
      'GET /v1/organizations/acme/members',
      'GET /v1/organizations/acme/teams',
      'GET /v1/organizations/acme/teams/backend/members',
      'GET /v1/organizations/idp',
      'GET /v1/organizations/idp/invitations',
      'GET /v1/organizations/idp/members',
      'GET /v1/organizations/idp/teams',
      'GET /v1/user',
    ]);
  });

  it('explains a token without write_members when the file declares people: and no organization members:', async () => {
    await sandbox.close();
    await start({ accesses: ['read_organization', 'write_teams'] });
    const error = await rejectionOf(planetscale.observe(withPeople(planetScaleDesired({ acme: { teams: [] } }))));

    expect((error as ApiError).message).toMatch(
      /^planetscale: GET \/v1\/organizations\/acme\/invitations answered 404: Not Found \(the service token needs the write_members access/,
    );
  });

  it('leaves out an organization the token cannot see, with or without members:', async () => {
    const observed = await planetscale.observe(
      planetScaleDesired({ nope: { members: {} }, gone: { teams: ['backend'] } }),
    );

    expect(observed.size).toBe(0);
  });
});

describe('applying PlanetScale changes', () => {
  it('adds an organization member to a team, and reports an add answered 422 for someone on it as already present', async () => {
    await expect(
      planetscale.apply(change({ action: 'add', team: 'data', member: 'bob@acme.dev', user_id: 'user-bob' })),
    ).resolves.toBe('applied');
    expect(acme().teams['data']?.members).toEqual(['bob@acme.dev']);

    await expect(
      planetscale.apply(change({ action: 'add', team: 'data', member: 'bob@acme.dev', user_id: 'user-bob' })),
    ).resolves.toBe('already_present');
  });

  it('removes a team member by team membership id, leaving them in the organization', async () => {
    const observed = await planetscale.observe(planetScaleDesired({ acme: { teams: ['backend'] } }));
    const bob = observed.get('acme')?.teams.get('backend')?.members.get('user-bob');
    if (bob === undefined) throw new Error('bob is not on backend');

    const remove = change({
      action: 'remove',
      team: 'backend',
      member: bob.email,
      user_id: bob.userId,
      membership_id: bob.membershipId,
    });
    await expect(planetscale.apply(remove)).resolves.toBe('applied');

    expect(backendMembers()).toEqual(['alice@acme.dev']);
    expect(acme().members.map((member) => member.email)).toContain('bob@acme.dev');
    expect(sandbox.requests.at(-1)).toMatchObject({
      method: 'DELETE',
      path: `/v1/organizations/acme/teams/backend/members/${bob.membershipId}`,
      status: 204,
    });
  });

  it('reports a removal answered 404 as already present once the team list confirms they are gone', async () => {
    sandbox.removePlanetScaleTeamMember('acme', 'backend', 'bob@acme.dev');
    const remove = change({
      action: 'remove',
      team: 'backend',
      member: 'bob@acme.dev',
      user_id: 'user-bob',
      membership_id: 'stale-membership',
    });

    await expect(planetscale.apply(remove)).resolves.toBe('already_present');
    expect(requestLines(sandbox)).toEqual([
      'DELETE /v1/organizations/acme/teams/backend/members/stale-membership',
      'GET /v1/organizations/acme/teams/backend/members',
    ]);
  });

  it('fails a removal answered 404 while the member is still on the team (a token without write_teams)', async () => {
    await sandbox.close();
    await start({ accesses: ['read_organization', 'write_members'] });
    const membershipId = sandbox.addPlanetScaleTeamMember('acme', 'backend', 'bob@acme.dev');
    const remove = change({
      action: 'remove',
      team: 'backend',
      member: 'bob@acme.dev',
      user_id: 'user-bob',
      membership_id: membershipId,
    });
    const error = await rejectionOf(planetscale.apply(remove));

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe(
      `planetscale: DELETE /v1/organizations/acme/teams/backend/members/${membershipId} answered 404: Not Found`,
    );
    expect(backendMembers()).toContain('bob@acme.dev');
  });

  it('removes an organization member by user id, and reports one already gone as already present', async () => {
    const remove = change({ action: 'remove', member: 'bob@acme.dev', user_id: 'user-bob', previous_role: 'member' });

    await expect(planetscale.apply(remove)).resolves.toBe('applied');
    expect(acme().members.map((member) => member.email)).not.toContain('bob@acme.dev');
    sandbox.clearRequests();
    await expect(planetscale.apply(remove)).resolves.toBe('already_present');
    expect(requestLines(sandbox)).toEqual([
      'DELETE /v1/organizations/acme/members/user-bob',
      'GET /v1/organizations/acme/members',
    ]);
  });

  it('sends no query with an organization removal without revoke_credentials: the credentials bob created stay, orphaned', async () => {
    const remove = change({ action: 'remove', member: 'bob@acme.dev', user_id: 'user-bob', previous_role: 'member' });

    await expect(planetscale.apply(remove)).resolves.toBe('applied');
    expect(sandbox.requests.at(-1)).toMatchObject({
      method: 'DELETE',
      path: '/v1/organizations/acme/members/user-bob',
      query: {},
      status: 204,
    });
    expect(acme().members.map((member) => member.email)).not.toContain('bob@acme.dev');
    expect(acme().orphaned_credentials).toEqual([
      { id: 'user-bob', email: 'bob@acme.dev', passwords: ['bob-laptop', 'bob-ci'], service_tokens: ['bob-deploy'] },
    ]);
  });

  it('sends delete_passwords=true&delete_service_tokens=true with revoke_credentials, and the credentials go with bob', async () => {
    const remove = change({
      action: 'remove',
      member: 'bob@acme.dev',
      user_id: 'user-bob',
      previous_role: 'member',
      revoke_credentials: true,
    });

    await expect(planetscale.apply(remove)).resolves.toBe('applied');
    expect(sandbox.requests.at(-1)).toMatchObject({
      method: 'DELETE',
      path: '/v1/organizations/acme/members/user-bob',
      query: { delete_passwords: 'true', delete_service_tokens: 'true' },
      status: 204,
    });
    expect(acme().members.map((member) => member.email)).not.toContain('bob@acme.dev');
    expect(backendMembers()).toEqual(['alice@acme.dev']);
    expect(acme().orphaned_credentials).toEqual([]);
  });

  it('reports a revoke_credentials removal of someone already gone as already present, once the member list confirms it', async () => {
    sandbox.removePlanetScaleMember('acme', 'bob@acme.dev');
    const remove = change({
      action: 'remove',
      member: 'bob@acme.dev',
      user_id: 'user-bob',
      previous_role: 'member',
      revoke_credentials: true,
    });

    await expect(planetscale.apply(remove)).resolves.toBe('already_present');
    expect(sandbox.requests.map(({ method, path, query }) => ({ method, path, query }))).toEqual([
      {
        method: 'DELETE',
        path: '/v1/organizations/acme/members/user-bob',
        query: { delete_passwords: 'true', delete_service_tokens: 'true' },
      },
      { method: 'GET', path: '/v1/organizations/acme/members', query: { page: '1', per_page: '100' } },
    ]);
  });

  it('fails an organization removal answered 404 while the member is still listed (a token without write_organization)', async () => {
    await sandbox.close();
    await start({ accesses: ['read_organization', 'write_members', 'write_teams'] });
    const remove = change({ action: 'remove', member: 'bob@acme.dev', user_id: 'user-bob', previous_role: 'member' });

    expect(await rejectionOf(planetscale.apply(remove))).toBeInstanceOf(ApiError);
    expect(acme().members.map((member) => member.email)).toContain('bob@acme.dev');
  });

  it('cancels a pending invitation by the id it lists again, and one already gone is already present', async () => {
    const cancel = change({ action: 'cancel_invite', member: 'newbie@acme.dev', previous_role: 'member' });

    await expect(planetscale.apply(cancel)).resolves.toBe('applied');
    expect(acme().invitations.map((invitation) => invitation.email)).toEqual(['boss@acme.dev']);
    expect(requestLines(sandbox).at(-1)).toBe('DELETE /v1/organizations/acme/invitations/inv-newbie');
    sandbox.clearRequests();
    await expect(planetscale.apply(cancel)).resolves.toBe('already_present');
    expect(requestLines(sandbox)).toEqual([expect.stringMatching(/^GET \/v1\/organizations\/acme\/invitations/)]);
  });

  it('changes an organization member role by user id', async () => {
    const promote = change({
      action: 'change_role',
      member: 'alice@acme.dev',
      user_id: 'user-alice',
      role: 'admin',
      previous_role: 'member',
    });

    await expect(planetscale.apply(promote)).resolves.toBe('applied');
    expect(acme().members.find((member) => member.email === 'alice@acme.dev')?.role).toBe('admin');
  });

  it('fails a role change the identity provider owns, with the API words', async () => {
    const promote = change(
      { action: 'change_role', member: 'ida@acme.dev', user_id: 'user-ida', role: 'admin', previous_role: 'member' },
      'idp',
    );
    const error = await rejectionOf(planetscale.apply(promote));

    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).message).toBe(
      'planetscale: PATCH /v1/organizations/idp/members/user-ida answered 422: Roles are managed by your identity provider and cannot be updated via the API',
    );
  });

  it('invites an email, and reports inviting again while the invitation is pending as already present', async () => {
    const invite = change({ action: 'invite', member: 'Erin@Acme.dev', role: 'member' });

    await expect(planetscale.apply(invite)).resolves.toBe('applied');
    expect(acme().invitations.map(({ email, role }) => `${email}:${role}`)).toContain('Erin@Acme.dev:member');
    await expect(
      planetscale.apply(change({ action: 'invite', member: 'erin@acme.dev', role: 'member' })),
    ).resolves.toBe('already_present');
    expect(acme().invitations).toHaveLength(3);
  });

  it('fails an invite refused for another reason, even after re-listing: a member, or a pending invitation with another role', async () => {
    const member = await rejectionOf(
      planetscale.apply(change({ action: 'invite', member: 'alice@acme.dev', role: 'member' })),
    );
    const otherRole = await rejectionOf(
      planetscale.apply(change({ action: 'invite', member: 'boss@acme.dev', role: 'member' })),
    );

    expect((member as ApiError).message).toBe(
      'planetscale: POST /v1/organizations/acme/invitations answered 422: alice@acme.dev is already a member of this organization',
    );
    expect((otherRole as ApiError).message).toBe(
      'planetscale: POST /v1/organizations/acme/invitations answered 422: boss@acme.dev has already been invited',
    );
  });
});
