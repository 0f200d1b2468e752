/**
 * Makes one PlanetScale change. What the API answers for "already done" is mostly undocumented
 * and a 404 may mean a missing token access (docs/api-notes.md §2.1), so an ambiguous refusal re-lists
 * and lets the truth decide (§2.6).
 */
import { ApiError } from '../../errors.js';
import type { HttpClient } from '../../http/http-client.js';
import type {
  PlanetScaleAddTeamMember,
  PlanetScaleCancelInvitation,
  PlanetScaleInvite,
  PlanetScaleRemoveOrgMember,
  PlanetScaleRemoveTeamMember,
} from '../../model/plan.js';
import type { PlanetScaleInvitation } from '../../model/observed.js';
import type { AppliedOutcome, ChangeFor } from '../provider.js';
import {
  addTeamMember,
  cancelInvitation,
  createInvitation,
  listInvitations,
  listOrganizationMembers,
  listTeamMembers,
  removeOrganizationMember,
  removeTeamMember,
  updateOrganizationMemberRole,
} from './planetscale-api.js';
import { toInvitations } from './planetscale-invitations.js';

export async function applyPlanetScaleChange(
  http: HttpClient,
  change: ChangeFor<'planetscale'>,
): Promise<AppliedOutcome> {
  switch (change.action) {
    case 'add':
      return add(http, change);
    case 'remove':
      return 'team' in change ? remove(http, change) : removeFromOrganization(http, change);
    case 'change_role':
      // Refused when roles are IdP-managed or for the token's own user; the status is undocumented
      // ([A], docs/api-notes.md §2.3). The planner avoids both, so neither refusal is expected here.
      await updateOrganizationMemberRole(http, change.organization, change.user_id, change.role);
      return 'applied';
    case 'invite':
      return invite(http, change);
    case 'cancel_invite':
      return cancel(http, change);
    default: {
      const unknown: never = change;
      throw new Error(`unknown PlanetScale action in ${JSON.stringify(unknown)}`);
    }
  }
}

async function add(http: HttpClient, change: PlanetScaleAddTeamMember): Promise<AppliedOutcome> {
  try {
    await addTeamMember(http, change.organization, change.team, change.user_id);
    return 'applied';
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 409) return 'already_present';
    // What adding an existing team member returns is undocumented (400 or 422 are plausible,
    // docs/api-notes.md §2.3): re-list the team and let the truth decide.
    if (error.status === 400 || error.status === 422) {
      if (await isOnTeam(http, change)) return 'already_present';
    }
    throw error;
  }
}

async function remove(http: HttpClient, change: PlanetScaleRemoveTeamMember): Promise<AppliedOutcome> {
  try {
    await removeTeamMember(http, change.organization, change.team, change.membership_id);
    return 'applied';
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    // Gone since the plan, or a token without write_teams (docs/api-notes.md §2.1): only the team list can tell.
    // If the team itself is gone the re-list fails too, and the DELETE's own answer is the one to report.
    const stillThere = await isOnTeam(http, change).catch(() => {
      throw error;
    });
    if (stillThere) throw error;
    return 'already_present';
  }
}

async function removeFromOrganization(http: HttpClient, change: PlanetScaleRemoveOrgMember): Promise<AppliedOutcome> {
  try {
    await removeOrganizationMember(http, change.organization, change.user_id, change.revoke_credentials === true);
    return 'applied';
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    // Gone since the plan, or a token without write_organization (docs/api-notes.md §2.1): the member list tells.
    // Gone is already_present even with revoke_credentials: whoever removed them chose the flags then, and
    // no member DELETE can reach a non-member's credentials now.
    const members = await listOrganizationMembers(http, change.organization).catch(() => {
      throw error;
    });
    if (members.some(({ user }) => user.id === change.user_id)) throw error;
    return 'already_present';
  }
}

/** The plan holds the email; the id DELETE takes comes from listing again, as the plan saw it. */
async function cancel(http: HttpClient, change: PlanetScaleCancelInvitation): Promise<AppliedOutcome> {
  const pending = await pendingInvitation(http, change);
  if (pending === undefined) return 'already_present';
  try {
    await cancelInvitation(http, change.organization, pending.id);
    return 'applied';
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    // Accepted or cancelled in between, or a missing access: list again to tell which.
    const still = await pendingInvitation(http, change);
    if (still !== undefined) throw error;
    return 'already_present';
  }
}

async function invite(http: HttpClient, change: PlanetScaleInvite): Promise<AppliedOutcome> {
  try {
    await createInvitation(http, change.organization, change.member, change.role);
    return 'applied';
  } catch (error) {
    // Inviting someone already invited is undocumented; 422 is the validation answer (docs/api-notes.md §2.3).
    if (!(error instanceof ApiError) || error.status !== 422) throw error;
    const pending = await pendingInvitation(http, change);
    // Pending with another role is not what was asked for: the API's refusal is the honest answer.
    if (pending !== undefined && pending.role === change.role) return 'already_present';
    throw error;
  }
}

/** The invitation pending for the change's email now, as observe reads it (expired ones left out). */
async function pendingInvitation(
  http: HttpClient,
  change: { organization: string; member: string },
): Promise<PlanetScaleInvitation | undefined> {
  return toInvitations(await listInvitations(http, change.organization)).get(change.member.toLowerCase());
}

async function isOnTeam(
  http: HttpClient,
  change: { organization: string; team: string; user_id: string },
): Promise<boolean> {
  const members = await listTeamMembers(http, change.organization, change.team);
  return members.some(({ user }) => user.id === change.user_id);
}
