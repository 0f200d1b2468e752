/**
 * The Turso Platform API endpoints the reconciler uses, answering as docs/api-notes.md §1 documents:
 * `Authorization: Bearer`, `{"error": "..."}` bodies, 200 for every successful write, no pagination.
 */
import { STATUS_CODES } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { ProviderApi, RoutedRequest, SandboxReply } from './provider-server.js';
import { ReplyError, RouteTable, type Params } from './route-table.js';
import type { TursoInviteRole } from './sandbox-seed.js';
import type { TursoOrganization, TursoState } from './turso-state.js';

const SETTABLE_ROLES: readonly string[] = ['admin', 'member', 'viewer'];
/**
 * [A] docs/api-notes.md §1.2: invites need Scaler or above; the refusal's status is unknown, 403
 * with a code is plausible.
 */
const PLANS_WITHOUT_INVITES: readonly string[] = ['free', 'starter', 'hobby', 'developer'];

export interface TursoApiOptions {
  /**
   * The spec says GET /v1/organizations answers a bare array; the SDK and CLI read
   * `{organizations}` (docs/api-notes.md §1.3).
   */
  readonly organizationsShape: 'array' | 'object';
  readonly now: () => Date;
}

export function tursoError(status: number, message?: string, code?: string): SandboxReply {
  const error =
    message ??
    (status === 401 ? 'token contains an invalid number of segments' : (STATUS_CODES[status] ?? 'error').toLowerCase());
  return { status, body: code === undefined ? { error } : { code, error } };
}

export function createTursoApi(state: TursoState | undefined, options: TursoApiOptions): ProviderApi {
  if (state === undefined) {
    return {
      provider: 'turso',
      enabled: false,
      authorize: () => false,
      handle: () => tursoError(404),
      errorReply: tursoError,
    };
  }
  const routes = tursoRoutes(state, options);
  const expected = Buffer.from(`Bearer ${state.token}`);
  return {
    provider: 'turso',
    enabled: true,
    authorize: (header) => header !== undefined && sameBytes(Buffer.from(header), expected),
    handle: (request) => routes.dispatch(request) ?? tursoError(404, 'not found'),
    errorReply: tursoError,
  };
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function tursoRoutes(state: TursoState, options: TursoApiOptions): RouteTable {
  const org = (params: Params, need: 'read' | 'manage'): TursoOrganization => findOrganization(state, params, need);
  const ok = (body?: unknown): SandboxReply => ({ status: 200, body });
  return new RouteTable()
    .add('GET', '/v1/auth/validate', () => ok({ exp: -1 }))
    .add('GET', '/v1/user', () => {
      const user = state.user(state.tokenUser);
      return ok({
        user: {
          username: user?.username,
          name: user?.name,
          email: user?.email,
          avatarUrl: '',
          plan: 'scaler',
          mfa: false,
          has_pending_invites: false,
        },
      });
    })
    .add('GET', '/v1/organizations', () => {
      const list = [...state.organizations.values()]
        .filter((o) => o.members.has(state.tokenUser))
        .map(renderOrganization);
      return ok(options.organizationsShape === 'array' ? list : { organizations: list });
    })
    .add('GET', '/v1/organizations/:org', (params) => ok({ organization: renderOrganization(org(params, 'read')) }))
    .add('GET', '/v1/organizations/:org/members', (params) => {
      const found = org(params, 'manage');
      return ok({ members: [...found.members].map(([username, role]) => renderMember(state, username, role)) });
    })
    .add('GET', '/v1/organizations/:org/members/:username', (params) => {
      const username = state.canonicalUsername(params['username'] ?? '');
      const role = org(params, 'manage').members.get(username);
      if (role === undefined) return tursoError(404, 'could not find member');
      return ok({ member: renderMember(state, username, role) });
    })
    .add('POST', '/v1/organizations/:org/members', (params, request) =>
      addMember(state, org(params, 'manage'), request),
    )
    .add('PATCH', '/v1/organizations/:org/members/:username', (params, request) => {
      const found = findOrganization(
        state,
        params,
        'manage',
        'updating member roles is only allowed for admin or owner',
      );
      const username = state.canonicalUsername(params['username'] ?? '');
      const role = readRole(request.body, false);
      const current = found.members.get(username);
      if (current === undefined) return tursoError(404, `could not find user ${username}`);
      // [A] docs/api-notes.md §1.3: changing an owner is unverified; refusing it keeps owners protected.
      if (current === 'owner') return tursoError(400, `cannot change the role of owner ${username}`);
      found.members.set(username, role);
      return ok({ member: renderMember(state, username, role) });
    })
    .add('DELETE', '/v1/organizations/:org/members/:username', (params) => {
      const found = org(params, 'manage');
      const username = state.canonicalUsername(params['username'] ?? '');
      const current = found.members.get(username);
      if (current === undefined) return tursoError(404, `user ${username} is not a member of org ${found.slug}`);
      // [A] docs/api-notes.md §1.3: removing an owner is unverified; refusing it keeps owners protected.
      if (current === 'owner') return tursoError(400, `cannot remove owner ${username}`);
      found.members.delete(username);
      return ok({ member: username });
    })
    .add('GET', '/v2/organizations/:org/invites', (params) => {
      const found = org(params, 'manage');
      if (PLANS_WITHOUT_INVITES.includes(found.plan_id)) {
        return tursoError(
          403,
          'invites are limited to scaler plan and above',
          'feature_not_available_for_starter_plan',
        );
      }
      const invites = found.invites.values();
      return ok({ invites: invites.map((invite) => ({ ...invite })) });
    })
    .add('POST', '/v2/organizations/:org/invites', (params, request) =>
      createInvite(state, org(params, 'manage'), request, options.now),
    )
    .add('DELETE', '/v2/organizations/:org/invites/:email', (params) => {
      const found = org(params, 'manage');
      if (!state.deleteInvite(found.slug, params['email'] ?? '')) return tursoError(404, 'invite not found');
      return ok();
    });
}

/**
 * A token sees only organizations its user belongs to; managing members needs owner or admin
 * (docs/api-notes.md §1.4).
 */
function findOrganization(
  state: TursoState,
  params: Params,
  need: 'read' | 'manage',
  forbidden?: string,
): TursoOrganization {
  const org = state.organizations.get(params['org'] ?? '');
  const callerRole = org?.members.get(state.tokenUser);
  if (org === undefined || callerRole === undefined) throw new ReplyError(tursoError(404, 'organization not found'));
  if (need === 'manage' && callerRole !== 'owner' && callerRole !== 'admin') {
    throw new ReplyError(tursoError(403, forbidden ?? 'only organization admins or owners can manage members'));
  }
  return org;
}

function addMember(state: TursoState, org: TursoOrganization, request: RoutedRequest): SandboxReply {
  refusePersonal(org, 'add members to');
  const body = readObject(request.body);
  const username = body['username'];
  // The spec's `required: ["email"]` is a defect; the API takes username (docs/api-notes.md §1.3).
  if (typeof username !== 'string' || username === '') return tursoError(400, 'username is required');
  const role = readRole(body, true);
  const user = state.user(username);
  if (user === undefined) return tursoError(404, `could not find user ${username}`);
  // Resolved case-insensitively, as GitHub logins are: `Alice` is the member `alice`.
  if (org.members.has(user.username))
    return tursoError(409, `user ${username} is already a member of organization ${org.slug}`);
  org.members.set(user.username, role);
  return { status: 200, body: { member: user.username, role } };
}

function createInvite(
  state: TursoState,
  org: TursoOrganization,
  request: RoutedRequest,
  now: () => Date,
): SandboxReply {
  refusePersonal(org, 'invite members to');
  if (PLANS_WITHOUT_INVITES.includes(org.plan_id)) {
    return tursoError(403, 'invites are limited to scaler plan and above', 'feature_not_available_for_starter_plan');
  }
  const body = readObject(request.body);
  const { email, username } = body;
  if ((email === undefined) === (username === undefined))
    return tursoError(400, 'exactly one of email or username must be provided');
  const role = readRole(body, true);
  let address: string;
  if (username !== undefined) {
    const user = typeof username === 'string' ? state.user(username) : undefined;
    if (user === undefined)
      return tursoError(
        404,
        `could not find user ${typeof username === 'string' ? username : JSON.stringify(username)}`,
      );
    // A username invite goes to the user's registered email and is listed by it (docs/api-notes.md §1.3).
    address = user.email;
  } else {
    if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email)) return tursoError(400, 'invalid email');
    address = email;
  }
  const invite = state.putInvite(org.slug, address, role, now().toISOString());
  return { status: 200, body: { invited: { email: invite.email, role: invite.role, organization: org.name } } };
}

/** docs/api-notes.md §1.2: members cannot be added or invited to a personal organization; [A] the status is unknown. */
function refusePersonal(org: TursoOrganization, action: string): void {
  if (org.type === 'personal') throw new ReplyError(tursoError(400, `cannot ${action} a personal organization`));
}

function readObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ReplyError(tursoError(400, 'invalid request body'));
  return body as Record<string, unknown>;
}

function readRole(body: unknown, optional: boolean): TursoInviteRole {
  const role = readObject(body)['role'];
  if (role === undefined && optional) return 'member';
  if (typeof role !== 'string' || !SETTABLE_ROLES.includes(role)) throw new ReplyError(tursoError(400, 'invalid role'));
  return role as TursoInviteRole;
}

function renderOrganization(org: TursoOrganization): Record<string, unknown> {
  return {
    name: org.name,
    slug: org.slug,
    type: org.type,
    overages: false,
    require_mfa: false,
    blocked_reads: false,
    blocked_writes: false,
    plan_id: org.plan_id,
    plan_timeline: 'monthly',
    platform: '',
  };
}

function renderMember(
  state: TursoState,
  username: string,
  role: string,
): { username: string; role: string; email: string } {
  return { username, role, email: state.user(username)?.email ?? '' };
}
