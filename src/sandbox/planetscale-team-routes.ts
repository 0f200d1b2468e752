/** Teams and team members: teams by slug, members by team membership id or user id (docs/api-notes.md §2.3). */
import { paginate } from './paginate.js';
import { ok, readObject, type PlanetScaleContext } from './planetscale-context.js';
import { isManaged, planetScaleError, renderActor, renderTeam, renderTeamMembership } from './planetscale-render.js';
import type { PlanetScaleOrganization, PlanetScaleTeam, TeamMembership } from './planetscale-state.js';
import { ReplyError, type Params, type RouteTable } from './route-table.js';
import type { PlanetScaleAccess } from './sandbox-seed.js';

const ALREADY_ON_TEAM_CODES = { 400: 'bad_request', 409: 'conflict', 422: 'unprocessable' } as const;

export function addTeamRoutes(routes: RouteTable, context: PlanetScaleContext): void {
  const { state, options } = context;
  const actor = (): ReturnType<typeof renderActor> => renderActor(state.tokenUser());
  const team = (params: Params, access: PlanetScaleAccess): { org: PlanetScaleOrganization; team: PlanetScaleTeam } => {
    const org = context.organization(params, access);
    const found = org.teams.get(params['team'] ?? '');
    if (found === undefined) throw new ReplyError(planetScaleError(404));
    return { org, team: found };
  };
  // "Teams managed through SSO/directory services cannot have members added or removed via API":
  // 400 here (docs/api-notes.md §2.4).
  const refuseManaged = (org: PlanetScaleOrganization, found: PlanetScaleTeam, action: string): void => {
    if (isManaged(org, found))
      throw new ReplyError(planetScaleError(400, `Cannot ${action} members of an SSO-managed team`));
  };
  routes
    .add('GET', '/v1/organizations/:org/teams', (params, request) => {
      const org = context.organization(params, 'read_organization');
      const q = request.query.get('q')?.toLowerCase() ?? '';
      const teams =
        q === '' ? org.teams.values() : org.teams.values().filter((item) => item.name.toLowerCase().includes(q));
      return ok(paginate(teams, request, (item) => renderTeam(org, item, actor())));
    })
    .add('GET', '/v1/organizations/:org/teams/:team', (params) => {
      const found = team(params, 'read_organization');
      return ok(renderTeam(found.org, found.team, actor()));
    })
    .add('GET', '/v1/organizations/:org/teams/:team/members', (params, request) => {
      const found = team(params, 'read_organization');
      return ok(
        paginate(found.team.members.values(), request, (item) => renderTeamMembership(found.org, item, actor())),
      );
    })
    .add('GET', '/v1/organizations/:org/teams/:team/members/:id', (params) => {
      const found = team(params, 'read_organization');
      return ok(renderTeamMembership(found.org, teamMember(found.team, params), actor()));
    })
    .add('POST', '/v1/organizations/:org/teams/:team/members', (params, request) => {
      const found = team(params, 'write_teams');
      refuseManaged(found.org, found.team, 'add');
      const userId = readObject(request.body)['user_id'];
      if (userId === undefined || userId === null || userId === '') return planetScaleError(422, "User can't be blank");
      // `user_id` is the user's id from the member list, not the membership id (docs/api-notes.md §3 item 4).
      if (typeof userId !== 'string' || !found.org.members.has(userId)) {
        return planetScaleError(422, 'User is not a member of this organization');
      }
      if (found.team.members.has(userId)) {
        const status = options.alreadyOnTeamStatus;
        return planetScaleError(status, 'User is already a member of this team', ALREADY_ON_TEAM_CODES[status]);
      }
      const membership = state.addTeamMember(found.org.name, found.team.slug, userId, options.now().toISOString());
      return ok(renderTeamMembership(found.org, membership, actor()));
    })
    .add('DELETE', '/v1/organizations/:org/teams/:team/members/:id', (params) => {
      const found = team(params, 'write_teams');
      refuseManaged(found.org, found.team, 'remove');
      state.removeTeamMember(found.team, teamMember(found.team, params).user.id);
      return { status: 204 };
    });
}

/** `{id}` is "the ID of the team membership or the ID of the member" (docs/api-notes.md §2.3). */
function teamMember(team: PlanetScaleTeam, params: Params): TeamMembership {
  const id = params['id'] ?? '';
  const member = team.members.get(team.userIdsByMembershipId.get(id) ?? id);
  if (member === undefined) throw new ReplyError(planetScaleError(404));
  return member;
}
