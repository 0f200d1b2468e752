import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ApiError } from '../../../src/errors.js';
import type { ChangeFor, Provider } from '../../../src/providers/provider.js';
import { createTursoProvider } from '../../../src/providers/turso/turso-provider.js';
import type { Sandbox, SandboxSeed } from '../../../src/sandbox/index.js';
import {
  createClient,
  requestLines,
  startProviderSandbox,
  TURSO_TOKEN,
  tursoDesired,
  withPeople,
} from './provider-fixture.js';
import { rejectionOf } from '../../support/rejection-of.js';

function seed(): SandboxSeed {
  return {
    turso: {
      token: TURSO_TOKEN,
      token_user: 'olga',
      users: ['olga', 'alice', 'bob', 'carol'].map((username) => ({ username, email: `${username}@acme.dev` })),
      organizations: {
        acme: {
          members: { olga: 'owner', alice: 'admin', bob: 'member' },
          invites: [{ email: 'dan+ops@acme.dev', role: 'member', created_at: '2026-04-01T00:00:00.000Z' }],
        },
        beta: { members: { olga: 'owner' } },
      },
    },
  };
}

let sandbox: Sandbox;
let turso: Provider<'turso'>;

beforeEach(async () => {
  sandbox = await startProviderSandbox(seed());
  turso = createTursoProvider(createClient(sandbox, 'turso'));
});
afterEach(() => sandbox.close());

/** acme as the sandbox holds it now. */
function acme() {
  const org = sandbox.snapshot().turso?.organizations['acme'];
  if (org === undefined) throw new Error('acme is missing from the sandbox');
  return org;
}

/** A change in acme, the organization most tests use. */
type TursoFields =
  ChangeFor<'turso'> extends infer C
    ? C extends ChangeFor<'turso'>
      ? Omit<C, 'provider' | 'organization'>
      : never
    : never;
function change(fields: TursoFields): ChangeFor<'turso'> {
  return { provider: 'turso', organization: 'acme', ...fields };
}

describe('observing Turso', () => {
  it('reads each organization and asks who the token belongs to once per run, not once per organization', async () => {
    const observed = await turso.observe(tursoDesired({ acme: {}, beta: {} }));

    expect([...(observed.get('acme')?.members.values() ?? [])]).toEqual([
      { username: 'olga', role: 'owner', email: 'olga@acme.dev' },
      { username: 'alice', role: 'admin', email: 'alice@acme.dev' },
      { username: 'bob', role: 'member', email: 'bob@acme.dev' },
    ]);
    expect(observed.get('acme')?.tokenUser).toBe('olga');
    expect(observed.get('beta')?.tokenUser).toBe('olga');
    expect(requestLines(sandbox).sort()).toEqual([
      'GET /v1/organizations/acme',
      'GET /v1/organizations/acme/members',
      'GET /v1/organizations/beta',
      'GET /v1/organizations/beta/members',
      'GET /v1/user',
    ]);
  });

  it('never lists invites for an organization whose file declares no invites: (listing needs a Scaler plan)', async () => {
    const observed = await turso.observe(tursoDesired({ acme: {}, beta: {} }));

    expect(observed.get('acme')?.invites).toBeUndefined();
    expect(requestLines(sandbox).filter((line) => line.includes('/invites'))).toEqual([]);
  });

  it('lists pending invites, keyed by lower-cased email, only where invites: is declared', async () => {
    sandbox.addTursoInvite('acme', 'Erin@Acme.dev', 'viewer');
    const observed = await turso.observe(tursoDesired({ acme: { invites: new Map() }, beta: {} }));

    expect([...(observed.get('acme')?.invites ?? [])]).toEqual([
      ['dan+ops@acme.dev', { email: 'dan+ops@acme.dev', role: 'member', createdAt: '2026-04-01T00:00:00.000Z' }],
      ['erin@acme.dev', { email: 'Erin@Acme.dev', role: 'viewer', createdAt: '2026-05-01T12:00:00.000Z' }],
    ]);
    expect(observed.get('beta')?.invites).toBeUndefined();
    expect(requestLines(sandbox).filter((line) => line.includes('/invites'))).toEqual([
      'GET /v2/organizations/acme/invites',
    ]);
  });

  it('lists pending invites where prune: true, even without invites: (a leaver’s pending invite is access too)', async () => {
    const observed = await turso.observe(tursoDesired({ acme: { prune: true }, beta: {} }));

    expect([...(observed.get('acme')?.invites?.keys() ?? [])]).toEqual(['dan+ops@acme.dev']);
    expect(requestLines(sandbox).filter((line) => line.includes('/invites'))).toEqual([
      'GET /v2/organizations/acme/invites',
    ]);
  });

  it('lists pending invites of every team organization when the file declares people:, without invites: or prune', async () => {
    const observed = await turso.observe(withPeople(tursoDesired({ acme: {}, beta: {}, olga: {} })));

    expect([...(observed.get('acme')?.invites?.keys() ?? [])]).toEqual(['dan+ops@acme.dev']);
    expect(observed.get('beta')?.invites?.size).toBe(0);
    // A personal organization has no invites to list (docs/api-notes.md §1.2).
    expect(observed.get('olga')?.invites).toBeUndefined();
    expect(requestLines(sandbox).filter((line) => line.includes('/invites'))).toEqual([
      'GET /v2/organizations/acme/invites',
      'GET /v2/organizations/beta/invites',
    ]);
  });

  it('takes a 403 on the invite list as the plan when the file declares people:, as it does for invites:', async () => {
    sandbox.setFaults({
      failures: [
        {
          provider: 'turso',
          method: 'GET',
          path: '/invites',
          status: 403,
          times: 1,
          body: { error: 'invites are limited to scaler plan and above' },
        },
      ],
    });
    const observed = await turso.observe(withPeople(tursoDesired({ acme: {} })));

    expect(observed.get('acme')?.invitesUnavailable).toBe('invites are limited to scaler plan and above');
    expect(observed.get('acme')?.invites).toBeUndefined();
    expect(observed.get('acme')?.members.size).toBe(3);
  });

  it("reports each member's registered email, whatever the username: people are matched to Turso accounts by it", async () => {
    sandbox.addTursoUser('alice-gh', 'Alice.Smith@Acme.dev');
    sandbox.addTursoMember('acme', 'alice-gh', 'member');
    const observed = await turso.observe(withPeople(tursoDesired({ acme: {} })));

    expect(observed.get('acme')?.members.get('alice-gh')).toEqual({
      username: 'alice-gh',
      role: 'member',
      email: 'Alice.Smith@Acme.dev',
    });
  });

  it('keys members by the lower-cased username: Alice and alice are one GitHub login', async () => {
    sandbox.addTursoMember('acme', 'Dora', 'viewer');
    const observed = await turso.observe(tursoDesired({ acme: {} }));

    expect(observed.get('acme')?.members.get('dora')).toEqual({
      username: 'Dora',
      role: 'viewer',
      email: 'Dora@example.com',
    });
  });

  it('turns a 403 on the invite list into a note, not an authentication failure that stops the provider', async () => {
    sandbox.setFaults({
      failures: [
        {
          provider: 'turso',
          method: 'GET',
          path: '/invites',
          status: 403,
          times: 1,
          body: { error: 'invites are limited to scaler plan and above' },
        },
      ],
    });
    const observed = await turso.observe(tursoDesired({ acme: { prune: true } }));

    expect(observed.get('acme')?.invitesUnavailable).toBe('invites are limited to scaler plan and above');
    expect(observed.get('acme')?.invites).toBeUndefined();
    await expect(turso.apply(change({ action: 'add', member: 'carol', role: 'viewer' }))).resolves.toBe('applied');
  });

  it('leaves out an organization the token cannot see, and asks a personal one for no invites', async () => {
    const observed = await turso.observe(tursoDesired({ nope: { invites: new Map() }, olga: { invites: new Map() } }));

    expect([...observed.keys()]).toEqual(['olga']);
    expect(observed.get('olga')).toMatchObject({ type: 'personal', tokenUser: 'olga' });
    expect(observed.get('olga')?.invites).toBeUndefined();
    expect(
      requestLines(sandbox).filter(
        (line) => line.includes('/invites') || line.startsWith('GET /v1/organizations/nope/'),
      ),
    ).toEqual([]);
  });
});

describe('applying Turso changes', () => {
  it('adds an existing Turso user with the declared role', async () => {
    await expect(turso.apply(change({ action: 'add', member: 'carol', role: 'viewer' }))).resolves.toBe('applied');
    expect(acme().members['carol']).toBe('viewer');
  });

  it('reports an add answered 409 for a member who already has the role as already present', async () => {
    await expect(turso.apply(change({ action: 'add', member: 'alice', role: 'admin' }))).resolves.toBe(
      'already_present',
    );
    expect(acme().members['alice']).toBe('admin');
    expect(requestLines(sandbox)).toEqual([
      'POST /v1/organizations/acme/members',
      'GET /v1/organizations/acme/members/alice',
    ]);
  });

  it('on a 409 for a member with another role, re-reads the member and changes the role to the declared one', async () => {
    await expect(turso.apply(change({ action: 'add', member: 'alice', role: 'viewer' }))).resolves.toBe('applied');
    expect(acme().members['alice']).toBe('viewer');
  });

  it('on a 409 for an owner, fails without changing the owner', async () => {
    const error = await rejectionOf(turso.apply(change({ action: 'add', member: 'olga', role: 'admin' })));
    expect((error as ApiError).message).toContain(
      'olga is already a member as owner; owners are never changed (the file says admin)',
    );
    expect(acme().members['olga']).toBe('owner');
  });

  it('fails an add for an unknown username with the API words and a hint to invite instead', async () => {
    const error = await rejectionOf(turso.apply(change({ action: 'add', member: 'ghost', role: 'member' })));

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect((error as ApiError).message).toBe(
      'turso: POST /v1/organizations/acme/members answered 404: could not find user ghost ' +
        '(no Turso user has this username; for someone without an account, declare an invite under invites:)',
    );
  });

  it('gives no invite hint when the 404 is about the organization', async () => {
    const error = await rejectionOf(
      turso.apply({ provider: 'turso', action: 'add', organization: 'gone', member: 'carol', role: 'member' }),
    );

    expect((error as ApiError).message).toBe(
      'turso: POST /v1/organizations/gone/members answered 404: organization not found',
    );
  });

  it('changes a member role', async () => {
    await expect(
      turso.apply(change({ action: 'change_role', member: 'bob', role: 'viewer', previous_role: 'member' })),
    ).resolves.toBe('applied');
    expect(acme().members['bob']).toBe('viewer');
    expect(sandbox.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: '/v1/organizations/acme/members/bob',
      body: { role: 'viewer' },
    });
  });

  it('fails a role change for someone who left since the plan', async () => {
    const error = await rejectionOf(
      turso.apply(change({ action: 'change_role', member: 'ghost', role: 'admin', previous_role: 'member' })),
    );

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe(
      'turso: PATCH /v1/organizations/acme/members/ghost answered 404: could not find user ghost',
    );
  });

  it('removes a member, and reports a second removal as already present', async () => {
    const remove = change({ action: 'remove', member: 'bob', previous_role: 'member' });

    await expect(turso.apply(remove)).resolves.toBe('applied');
    expect(acme().members['bob']).toBeUndefined();
    await expect(turso.apply(remove)).resolves.toBe('already_present');
  });

  it('invites an email, and re-inviting with another role replaces the pending invite', async () => {
    await expect(turso.apply(change({ action: 'invite', member: 'erin@acme.dev', role: 'viewer' }))).resolves.toBe(
      'applied',
    );
    await expect(
      turso.apply(change({ action: 'invite', member: 'dan+ops@acme.dev', role: 'admin', previous_role: 'member' })),
    ).resolves.toBe('applied');

    expect(
      acme()
        .invites.map(({ email, role }) => `${email}:${role}`)
        .sort(),
    ).toEqual(['dan+ops@acme.dev:admin', 'erin@acme.dev:viewer']);
  });

  it('cancels an invite by its URL-encoded email, and reports a second cancel as already present', async () => {
    const cancel = change({ action: 'cancel_invite', member: 'dan+ops@acme.dev', previous_role: 'member' });

    await expect(turso.apply(cancel)).resolves.toBe('applied');
    expect(acme().invites).toEqual([]);
    expect(sandbox.requests.at(-1)?.path).toBe('/v2/organizations/acme/invites/dan%2Bops%40acme.dev');
    await expect(turso.apply(cancel)).resolves.toBe('already_present');
  });

  it('fails a removal the API refuses (an owner), with the API words', async () => {
    const error = await rejectionOf(turso.apply(change({ action: 'remove', member: 'olga', previous_role: 'owner' })));

    expect((error as ApiError).message).toBe(
      'turso: DELETE /v1/organizations/acme/members/olga answered 400: cannot remove owner olga',
    );
    expect(acme().members['olga']).toBe('owner');
  });
});
