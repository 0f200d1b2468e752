/** Makes one Turso change; idempotent where the API lets us tell "already done" apart (docs/api-notes.md §1.6). */
import { ApiError } from '../../errors.js';
import type { HttpClient } from '../../http/http-client.js';
import type { AppliedOutcome, ChangeFor } from '../provider.js';
import { addMember, createInvite, deleteInvite, getMember, removeMember, updateMemberRole } from './turso-api.js';

const NO_SUCH_USER_HINT =
  '(no Turso user has this username; for someone without an account, declare an invite under invites:)';

export async function applyTursoChange(http: HttpClient, change: ChangeFor<'turso'>): Promise<AppliedOutcome> {
  const org = change.organization;
  switch (change.action) {
    case 'add':
      return add(http, org, change.member, change.role);
    case 'change_role':
      // 200 whatever the previous role; a 404 (the member left since the plan) is a failure worth seeing.
      await updateMemberRole(http, org, change.member, change.role);
      return 'applied';
    case 'remove':
      // 404 "user X is not a member of org Y": already gone (docs/api-notes.md §1.3, §1.6).
      return alreadyDoneOn404(() => removeMember(http, org, change.member));
    case 'invite':
      // A re-POST replaces a pending invite (docs/api-notes.md §1.3), so there is no "already invited" to handle.
      await createInvite(http, org, change.member, change.role);
      return 'applied';
    case 'cancel_invite':
      // 404 "invite not found": accepted or cancelled since the plan (docs/api-notes.md §1.3).
      return alreadyDoneOn404(() => deleteInvite(http, org, change.member));
    default: {
      const unknown: never = change;
      throw new Error(`unknown Turso action in ${JSON.stringify(unknown)}`);
    }
  }
}

async function add(http: HttpClient, org: string, username: string, role: string): Promise<AppliedOutcome> {
  try {
    await addMember(http, org, username, role);
    return 'applied';
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // 409: "user [username] is already a member of organization [org]" says nothing of the role:
    // re-read the member and change the role if it differs (docs/api-notes.md §1.6).
    if (error.status === 409) return settleExistingMember(http, error, org, username, role);
    // 404 "could not find user [username]": not a Turso user, who can only be invited (§1.3). Any other
    // 404 ("organization not found", a proxy's page) gets no hint: it would send the reader astray.
    if (error.status === 404 && /\buser\b/i.test(error.apiMessage)) {
      throw new ApiError(
        error.provider,
        error.method,
        error.path,
        error.status,
        `${error.apiMessage} ${NO_SUCH_USER_HINT}`,
        error.code,
      );
    }
    throw error;
  }
}

/**
 * Someone became a member between plan and apply. Their role now is the truth: the same as asked is
 * converged; another is changed to the file's, except an owner's, which is never changed.
 */
async function settleExistingMember(
  http: HttpClient,
  conflict: ApiError,
  org: string,
  username: string,
  role: string,
): Promise<AppliedOutcome> {
  const member = await getMember(http, org, username);
  if (member.role === role) return 'already_present';
  if (member.role === 'owner') {
    const message = `${username} is already a member as owner; owners are never changed (the file says ${role})`;
    throw new ApiError(conflict.provider, conflict.method, conflict.path, conflict.status, message, conflict.code);
  }
  await updateMemberRole(http, org, username, role);
  return 'applied';
}

async function alreadyDoneOn404(write: () => Promise<void>): Promise<AppliedOutcome> {
  try {
    await write();
    return 'applied';
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return 'already_present';
    throw error;
  }
}
