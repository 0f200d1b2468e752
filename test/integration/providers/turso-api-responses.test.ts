/**
 * Each Turso endpoint whose answer is read refuses a 200 without the fields it reads, naming the
 * endpoint and the first offending field, and accepts one with fields it does not know.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { HttpClient } from '../../../src/http/http-client.js';
import {
  getCurrentUser,
  getMember,
  getOrganization,
  listInvites,
  listMembers,
} from '../../../src/providers/turso/turso-api.js';
import type { Sandbox } from '../../../src/sandbox/index.js';
import { createClient } from './provider-fixture.js';
import { CANARY, serveOnce, startShapeSandbox, unexpectedBody } from './unexpected-body-fixture.js';

let sandbox: Sandbox;
let http: HttpClient;
beforeAll(async () => {
  sandbox = await startShapeSandbox();
  http = createClient(sandbox, 'turso');
});
afterAll(async () => sandbox.close());

const DOCS = 'https://docs.turso.tech/api-reference';

interface Endpoint {
  readonly path: string;
  readonly docs: string;
  readonly read: (http: HttpClient) => Promise<unknown>;
}

const ENDPOINTS = {
  user: { path: '/v1/user', docs: `${DOCS}/user/get-current`, read: getCurrentUser },
  organization: {
    path: '/v1/organizations/acme',
    docs: `${DOCS}/organizations/retrieve`,
    read: (client) => getOrganization(client, 'acme'),
  },
  members: {
    path: '/v1/organizations/acme/members',
    docs: `${DOCS}/organizations/members/list`,
    read: (client) => listMembers(client, 'acme'),
  },
  member: {
    path: '/v1/organizations/acme/members/alice',
    docs: `${DOCS}/organizations/members/retrieve`,
    read: (client) => getMember(client, 'acme', 'alice'),
  },
  invites: {
    path: '/v2/organizations/acme/invites',
    docs: `${DOCS}/organizations/invites/list-v2`,
    read: (client) => listInvites(client, 'acme'),
  },
} satisfies Record<string, Endpoint>;

const member = { username: CANARY, role: 'member', email: CANARY };
const invite = { email: CANARY, role: 'member', created_at: '2026-04-01T00:00:00.000Z' };

const MALFORMED: ReadonlyArray<[keyof typeof ENDPOINTS, string, unknown]> = [
  ['user', 'user is missing', {}],
  ['user', 'user is a string, expected an object', { user: CANARY }],
  ['user', 'user.username is missing', { user: { name: CANARY } }],
  ['user', 'user.username is empty', { user: { username: '' } }],
  ['user', 'the body is an array, expected an object', [CANARY]],
  ['organization', 'organization is missing', { slug: 'acme' }],
  ['organization', 'organization.type is an integer, expected a string', { organization: { slug: CANARY, type: 3 } }],
  ['members', 'members is missing', {}],
  ['members', 'members is an object, expected an array', { members: { alice: 'admin' } }],
  ['members', 'members[1].username is missing', { members: [member, { role: 'admin', email: CANARY }] }],
  ['members', 'members[1].role is null, expected a string', { members: [member, { ...member, role: null }] }],
  ['members', 'members[0].email is an integer, expected a string', { members: [{ ...member, email: 7 }] }],
  ['member', 'member is missing', { username: CANARY, role: 'admin' }],
  ['member', 'member.role is missing', { member: { username: CANARY } }],
  ['member', 'member.role is an array, expected a string', { member: { username: CANARY, role: ['admin'] } }],
  ['invites', 'invites is missing', { data: [invite] }],
  ['invites', 'invites[1].created_at is missing', { invites: [invite, { ...invite, created_at: undefined }] }],
  ['invites', 'invites[0].email is a boolean, expected a string', { invites: [{ ...invite, email: false }] }],
  ['invites', 'invites[0].role is a number, expected a string', { invites: [{ ...invite, role: 1.5 }] }],
];

describe('a 200 whose body lacks what is read', () => {
  it.each(MALFORMED)('%s: %s', async (name, problem, body) => {
    const endpoint: Endpoint = ENDPOINTS[name];
    serveOnce(sandbox, 'turso', new RegExp(`^${endpoint.path}(\\?|$)`), body);

    const error = await unexpectedBody(endpoint.read(http));

    expect(error.message).toBe(
      `turso: GET ${endpoint.path} answered 200 with an unexpected body: ${problem} ` +
        `(the API may have changed; see ${endpoint.docs})`,
    );
    expect(error).toMatchObject({ provider: 'turso', method: 'GET', path: endpoint.path, status: 200 });
  });
});

describe('a 200 with the fields read', () => {
  it('accepts fields it does not know, and optional ones absent or null', async () => {
    serveOnce(sandbox, 'turso', /^\/v1\/organizations\/acme\/members(\?|$)/, {
      members: [
        { username: 'alice', role: 'admin', email: null, mfa: true },
        { username: 'bob', role: 'member' },
      ],
      next: 'ignored',
    });
    expect(await listMembers(http, 'acme')).toEqual([
      { username: 'alice', role: 'admin', email: null, mfa: true },
      { username: 'bob', role: 'member' },
    ]);

    serveOnce(sandbox, 'turso', /^\/v1\/organizations\/acme(\?|$)/, { organization: { name: 'acme' } });
    expect(await getOrganization(http, 'acme')).toEqual({ name: 'acme' });
  });

  it('reads a null list as empty', async () => {
    serveOnce(sandbox, 'turso', /^\/v2\/organizations\/acme\/invites(\?|$)/, { invites: null });
    expect(await listInvites(http, 'acme')).toEqual([]);
    serveOnce(sandbox, 'turso', /^\/v1\/organizations\/acme\/members(\?|$)/, { members: null });
    expect(await listMembers(http, 'acme')).toEqual([]);
  });

  it('reads the sandbox’s own answers, which follow the vendor’s documented shapes', async () => {
    sandbox.setFaults({});
    expect(await getCurrentUser(http)).toEqual({ username: 'olga' });
    expect(await getMember(http, 'acme', 'alice')).toEqual({ role: 'admin' });
    expect((await listMembers(http, 'acme')).map((m) => m.username).sort()).toEqual(['alice', 'olga']);
    expect(await listInvites(http, 'acme')).toEqual([]);
  });
});
