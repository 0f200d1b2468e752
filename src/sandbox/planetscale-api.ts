/**
 * The PlanetScale API endpoints the reconciler uses, answering as docs/api-notes.md §2 documents:
 * `Authorization: ID:TOKEN` (no Bearer), `{code, message}` errors, page envelopes, 204 deletes.
 */
import { timingSafeEqual } from 'node:crypto';
import type { ProviderApi, RoutedRequest } from './provider-server.js';
import { paginate } from './paginate.js';
import type {
  CredentialDeletes,
  OrganizationMembership,
  PlanetScaleOrganization,
  PlanetScaleState,
  PlanetScaleUser,
} from './planetscale-state.js';
import {
  planetScaleError,
  renderActor,
  renderInvitation,
  renderOrganization,
  renderOrganizationMembership,
  renderUser,
} from './planetscale-render.js';
import { searchMembers } from './member-search.js';
import { addTeamRoutes } from './planetscale-team-routes.js';
import { ReplyError, RouteTable, type Params } from './route-table.js';
import { ok, readObject, type PlanetScaleApiOptions, type PlanetScaleContext } from './planetscale-context.js';

const ROLES: readonly string[] = ['admin', 'member', 'analyst'];

export function createPlanetScaleApi(state: PlanetScaleState | undefined, options: PlanetScaleApiOptions): ProviderApi {
  if (state === undefined) {
    return {
      provider: 'planetscale',
      enabled: false,
      authorize: () => false,
      handle: () => planetScaleError(404),
      errorReply: planetScaleError,
    };
  }
  const context: PlanetScaleContext = {
    state,
    options,
    organization: (params, access) => {
      const org = state.organizations.get(params['org'] ?? '');
      if (org === undefined || !state.accesses.has(access)) throw new ReplyError(planetScaleError(404));
      return org;
    },
  };
  const routes = new RouteTable();
  addOrganizationRoutes(routes, context);
  addTeamRoutes(routes, context);
  addInvitationRoutes(routes, context);
  const expected = Buffer.from(`${state.serviceTokenId}:${state.serviceToken}`);
  return {
    provider: 'planetscale',
    enabled: true,
    authorize: (header) =>
      header !== undefined &&
      Buffer.byteLength(header) === expected.length &&
      timingSafeEqual(Buffer.from(header), expected),
    handle: (request) => routes.dispatch(request) ?? planetScaleError(404),
    errorReply: planetScaleError,
  };
}

function addOrganizationRoutes(routes: RouteTable, context: PlanetScaleContext): void {
  const { state, options } = context;
  // "Returns the user associated with this service token" (GET /user); a seed without token_user has none.
  routes.add('GET', '/v1/user', () => {
    const user = state.tokenUser();
    return user === undefined ? planetScaleError(404) : ok(renderUser(user, false));
  });
  const member = (org: PlanetScaleOrganization, params: Params): OrganizationMembership => {
    // `{id}` is the user id, not the membership id (docs/api-notes.md §2.3, §2.5 item 1).
    const found = org.members.get(params['id'] ?? '');
    if (found === undefined) throw new ReplyError(planetScaleError(404));
    return found;
  };
  routes
    .add('GET', '/v1/organizations', (_params, request) => {
      if (!state.accesses.has('read_organization')) return planetScaleError(404);
      return ok(paginate(state.organizations.values(), request, renderOrganization, false));
    })
    .add('GET', '/v1/organizations/:org', (params) =>
      ok(renderOrganization(context.organization(params, 'read_organization'))),
    )
    .add('GET', '/v1/organizations/:org/members', (params, request) => {
      const org = context.organization(params, 'read_organization');
      const members = filterMembers(org.members.values(), request.query.get('q'));
      return ok(paginate(members, request, (item) => renderOrganizationMembership(org, item)));
    })
    .add('GET', '/v1/organizations/:org/members/:id', (params) => {
      const org = context.organization(params, 'read_organization');
      return ok(renderOrganizationMembership(org, member(org, params)));
    })
    .add('PATCH', '/v1/organizations/:org/members/:id', (params, request) => {
      const org = context.organization(params, 'write_organization');
      const target = member(org, params);
      const role = readObject(request.body)['role'];
      if (role === undefined || role === null || role === '') return planetScaleError(422, "Role can't be blank");
      if (typeof role !== 'string' || !ROLES.includes(role))
        return planetScaleError(422, 'Role is not included in the list');
      // The spec's own words: "Cannot update your own role. Roles managed by IdP cannot be updated via API."
      if (org.idp_managed_roles)
        return planetScaleError(422, 'Roles are managed by your identity provider and cannot be updated via the API');
      if (target.user.id === state.tokenUser()?.id) return planetScaleError(422, 'You cannot update your own role');
      if (target.role === 'admin' && role !== 'admin' && adminCount(org) === 1)
        return planetScaleError(422, 'Cannot remove the last admin');
      target.role = role;
      target.updated_at = options.now().toISOString();
      return ok(renderOrganizationMembership(org, target));
    })
    .add('DELETE', '/v1/organizations/:org/members/:id', (params, request) => {
      const org = context.organization(params, 'write_organization');
      const deletes: CredentialDeletes = {
        passwords: booleanQuery(request, 'delete_passwords'),
        serviceTokens: booleanQuery(request, 'delete_service_tokens'),
      };
      const target = member(org, params);
      // "Cannot remove the last admin" (spec, remove_organization_member 204 description).
      if (target.role === 'admin' && adminCount(org) === 1)
        return planetScaleError(422, 'Cannot remove the last admin');
      // Both flags are "only available when removing other members (not yourself)"; [A] the refusal's
      // status is undocumented (docs/api-notes.md §2.3).
      if ((deletes.passwords || deletes.serviceTokens) && target.user.id === state.tokenUser()?.id)
        return planetScaleError(422, 'Passwords and service tokens can only be deleted when removing other members');
      state.removeMember(org.name, target.user.id, deletes);
      return { status: 204 };
    });
}

function addInvitationRoutes(routes: RouteTable, context: PlanetScaleContext): void {
  const { state, options } = context;
  const sender = (org: PlanetScaleOrganization): Record<string, unknown> => senderUser(state.tokenUser(), org);
  routes
    .add('GET', '/v1/organizations/:org/invitations', (params, request) => {
      const org = context.organization(params, 'write_members');
      return ok(paginate(org.invitations.values(), request, (item) => renderInvitation(item, sender(org))));
    })
    .add('POST', '/v1/organizations/:org/invitations', (params, request) => {
      const org = context.organization(params, 'write_members');
      const body = readObject(request.body);
      const { email } = body;
      const role = body['role'] ?? 'member';
      if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email))
        return planetScaleError(422, 'Email is invalid');
      if (typeof role !== 'string' || !ROLES.includes(role))
        return planetScaleError(422, 'Role is not included in the list');
      // "Service tokens can only invite members; requesting another role returns 422." (docs/api-notes.md §2.3)
      if (role !== 'member') return planetScaleError(422, 'Service tokens can only invite members');
      // [A] Not documented: inviting a member, or inviting twice, is refused as a validation error.
      if (org.userIdsByEmail.has(email.toLowerCase()))
        return planetScaleError(422, `${email} is already a member of this organization`);
      const pending = org.invitations
        .values()
        .some((invitation) => invitation.email.toLowerCase() === email.toLowerCase());
      if (pending) return planetScaleError(422, `${email} has already been invited`);
      const invitation = state.addInvitation(org.name, email, role, options.now().toISOString());
      return ok(renderInvitation(invitation, sender(org)));
    })
    .add('DELETE', '/v1/organizations/:org/invitations/:id', (params) => {
      const org = context.organization(params, 'write_members');
      if (!org.invitations.delete(params['id'] ?? '')) return planetScaleError(404);
      return { status: 204 };
    });
}

/**
 * An optional boolean query parameter (the spec types both delete flags `boolean`): absent is
 * false; anything but `true` or `false`, or the parameter twice, is a bad request ([A] the status is
 * undocumented, docs/api-notes.md §2.3).
 */
function booleanQuery(request: RoutedRequest, name: string): boolean {
  const values = request.query.getAll(name);
  if (values.length === 0) return false;
  const [value] = values;
  if (values.length > 1 || (value !== 'true' && value !== 'false'))
    throw new ReplyError(planetScaleError(400, `${name} must be true or false`));
  return value === 'true';
}

function filterMembers(
  members: readonly OrganizationMembership[],
  q: string | null,
): readonly OrganizationMembership[] {
  return q === null || q === '' ? members : searchMembers(members, q);
}

function adminCount(org: PlanetScaleOrganization): number {
  return org.members.values().filter((member) => member.role === 'admin').length;
}

function senderUser(user: PlanetScaleUser | undefined, org: PlanetScaleOrganization): Record<string, unknown> {
  if (user !== undefined) return renderUser(user, org.sso_directory);
  const actor = renderActor(undefined);
  return {
    ...renderUser({ id: actor.id, email: '', name: null, created_at: '2025-01-01T00:00:00.000Z' }, false),
    display_name: actor.display_name,
  };
}
