/**
 * Each PlanetScale endpoint whose answer is read refuses a 200 without the fields it reads, on any
 * page of a list, naming the endpoint and the first offending field; fields it does not know pass.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { HttpClient } from '../../../src/http/http-client.js';
import {
  getCurrentUser,
  getOrganization,
  listInvitations,
  listOrganizationMembers,
  listTeamMembers,
  listTeams,
} from '../../../src/providers/planetscale/planetscale-api.js';
import type { Sandbox } from '../../../src/sandbox/index.js';
import { createClient } from './provider-fixture.js';
import { CANARY, serveOnce, startShapeSandbox, unexpectedBody } from './unexpected-body-fixture.js';

let sandbox: Sandbox;
let http: HttpClient;
beforeAll(async () => {
  sandbox = await startShapeSandbox();
  http = createClient(sandbox, 'planetscale');
});
afterAll(async () => sandbox.close());

const DOCS = 'https://planetscale.com/docs/api/reference';

interface Endpoint {
  readonly path: string;
  readonly docs: string;
  readonly read: (http: HttpClient) => Promise<unknown>;
}

const ENDPOINTS = {
  user: { path: '/v1/user', docs: `${DOCS}/get_current_user`, read: getCurrentUser },
  organization: {
    path: '/v1/organizations/acme',
    docs: `${DOCS}/get_organization`,
    read: (client) => getOrganization(client, 'acme'),
  },
  members: {
    path: '/v1/organizations/acme/members',
    docs: `${DOCS}/list_organization_members`,
    read: (client) => listOrganizationMembers(client, 'acme'),
  },
  teams: {
    path: '/v1/organizations/acme/teams',
    docs: `${DOCS}/list_organization_teams`,
    read: (client) => listTeams(client, 'acme'),
  },
  teamMembers: {
    path: '/v1/organizations/acme/teams/backend/members',
    docs: `${DOCS}/list_organization_team_members`,
    read: (client) => listTeamMembers(client, 'acme', 'backend'),
  },
  invitations: {
    path: '/v1/organizations/acme/invitations',
    docs: `${DOCS}/list_organization_invitations`,
    read: (client) => listInvitations(client, 'acme'),
  },
} satisfies Record<string, Endpoint>;

const membership = { id: CANARY, user: { id: CANARY, email: CANARY }, role: 'member' };
const team = { slug: CANARY, managed: false };
const invitation = { id: CANARY, email: CANARY, role: 'member', expired: false, created_at: '2026-04-01T00:00:00Z' };
const page = (data: unknown) => ({ data, next_page: null });

const MALFORMED: ReadonlyArray<[keyof typeof ENDPOINTS, string, unknown]> = [
  ['user', 'email is missing', { id: CANARY, name: CANARY }],
  ['user', 'email is empty', { email: '' }],
  ['user', 'email is null, expected a string', { email: null }],
  ['organization', 'idp_managed_roles is a string, expected a boolean', { idp_managed_roles: CANARY }],
  ['organization', 'the body is a string, expected an object', CANARY],
  ['members', 'data is missing', { members: [membership], next_page: null }],
  ['members', 'next_page is missing', { data: [membership] }],
  ['members', 'next_page is a string, expected an integer', { data: [membership], next_page: '2' }],
  ['members', 'data[1].user is missing', page([membership, { id: CANARY, role: 'member' }])],
  ['members', 'data[0].user is null, expected an object', page([{ ...membership, user: null }])],
  ['members', 'data[0].user.email is missing', page([{ ...membership, user: { id: CANARY } }])],
  [
    'members',
    'data[0].user.id is an integer, expected a string',
    page([{ ...membership, user: { id: 7, email: CANARY } }]),
  ],
  ['members', 'data[0].id is missing', page([{ user: membership.user }])],
  ['members', 'data[0].role is a boolean, expected a string', page([{ ...membership, role: true }])],
  ['teams', 'data is an object, expected an array', { data: { backend: team }, next_page: null }],
  ['teams', 'data[2].slug is missing', page([team, team, { name: 'Backend' }])],
  ['teams', 'data[0].managed is a string, expected a boolean', page([{ ...team, managed: 'yes' }])],
  ['teamMembers', 'data[0].user.email is missing', page([{ ...membership, user: { id: CANARY } }])],
  ['teamMembers', 'data[0] is a string, expected an object', page([CANARY])],
  ['invitations', 'data[0].email is missing', page([{ ...invitation, email: undefined }])],
  ['invitations', 'data[0].created_at is missing', page([{ ...invitation, created_at: undefined }])],
  ['invitations', 'data[0].id is an integer, expected a string', page([{ ...invitation, id: 12 }])],
  ['invitations', 'data[0].expired is a string, expected a boolean', page([{ ...invitation, expired: 'no' }])],
];

describe('a 200 whose body lacks what is read', () => {
  it.each(MALFORMED)('%s: %s', async (name, problem, body) => {
    const endpoint: Endpoint = ENDPOINTS[name];
    serveOnce(sandbox, 'planetscale', new RegExp(`^${endpoint.path}(\\?|$)`), body);

    const error = await unexpectedBody(endpoint.read(http));

    expect(error.message).toBe(
      `planetscale: GET ${endpoint.path} answered 200 with an unexpected body: ${problem} ` +
        `(the API may have changed; see ${endpoint.docs})`,
    );
    expect(error).toMatchObject({ provider: 'planetscale', method: 'GET', path: endpoint.path, status: 200 });
  });

  it('checks every page of a list, and names the page past the first', async () => {
    const path = '/v1/organizations/acme/members';
    sandbox.setFaults({
      failures: [
        { method: 'GET', path: /[?&]page=1(&|$)/, status: 200, times: 1, body: { data: [membership], next_page: 2 } },
        { method: 'GET', path: /[?&]page=2(&|$)/, status: 200, times: 1, body: page([membership, { id: CANARY }]) },
      ],
    });

    const error = await unexpectedBody(listOrganizationMembers(http, 'acme'));

    expect(error.message).toBe(
      `planetscale: GET ${path} answered 200 with an unexpected body: on page 2, data[1].user is missing ` +
        `(the API may have changed; see ${DOCS}/list_organization_members)`,
    );
    expect(error.path).toBe(path);
  });
});

describe('a 200 with the fields read', () => {
  it('accepts fields it does not know, and optional ones absent or null', async () => {
    serveOnce(sandbox, 'planetscale', /^\/v1\/organizations\/acme\/invitations\?/, {
      type: 'list',
      data: [
        { id: 'inv-1', email: 'new@acme.dev', created_at: '2026-04-01T00:00:00Z', recipient: null },
        { id: 'inv-2', email: 'boss@acme.dev', role: null, expired: null, created_at: '2026-04-02T00:00:00Z' },
      ],
      next_page: null,
      next_page_url: null,
    });
    expect((await listInvitations(http, 'acme')).map((invite) => invite.id)).toEqual(['inv-1', 'inv-2']);

    serveOnce(sandbox, 'planetscale', /^\/v1\/organizations\/acme(\?|$)/, { name: 'acme' });
    expect(await getOrganization(http, 'acme')).toEqual({ name: 'acme' });
  });

  it('still reads a 403 or 404 on the current user as "no user to name", not as a body', async () => {
    sandbox.setFaults({ failures: [{ method: 'GET', path: /^\/v1\/user/, status: 404, times: 1 }] });
    expect(await getCurrentUser(http)).toBeUndefined();
  });

  it('reads the sandbox’s own answers, which follow the vendor’s documented shapes', async () => {
    sandbox.setFaults({});
    expect(await getCurrentUser(http)).toEqual({ email: 'olga@acme.dev' });
    expect(await getOrganization(http, 'acme')).toMatchObject({ idp_managed_roles: false });
    expect((await listOrganizationMembers(http, 'acme')).map((m) => m.user.email).sort()).toEqual([
      'alice@acme.dev',
      'olga@acme.dev',
    ]);
    expect((await listTeams(http, 'acme')).map((t) => t.slug)).toEqual(['backend']);
    expect((await listTeamMembers(http, 'acme', 'backend')).map((m) => m.user.email)).toEqual(['alice@acme.dev']);
    expect(await listInvitations(http, 'acme')).toEqual([]);
  });
});
