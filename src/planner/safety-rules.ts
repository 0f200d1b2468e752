/**
 * The safety rules, each a named pure check (README "Safety rules"). The planner asks them about
 * every change it considers; apply asks the plan-wide ones again about what it is about to write.
 * A check answers `undefined` (allowed) or a Refusal: a notice when the rule is working as meant,
 * a problem when the file asks for something that cannot succeed (a problem blocks the plan).
 */
import { isRemoval, type Change, type NoticeKind, type ProblemKind } from '../model/plan.js';

export type Refusal =
  | { readonly as: 'notice'; readonly kind: NoticeKind; readonly message: string }
  | { readonly as: 'problem'; readonly kind: ProblemKind; readonly message: string };

type ProblemRefusal = Extract<Refusal, { readonly as: 'problem' }>;

const OWNER = 'owner';

/** Same person: Turso usernames (GitHub logins) and emails both compare case-insensitively. */
export function samePerson(a: string, b: string | undefined): boolean {
  return b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/**
 * Owners can be neither granted nor safely changed through the API (docs/api-notes.md §1.3): never
 * changed or removed. `wanted` is the role the file asks for; undefined for a removal.
 */
export function protectOwner(member: string, currentRole: string, wanted?: string): Refusal | undefined {
  if (currentRole !== OWNER) return undefined;
  return {
    as: 'notice',
    kind: 'owner_kept',
    message: `${member} is an owner; owners are never ${wanted === undefined ? 'removed' : `changed (the file says ${wanted})`}`,
  };
}

/**
 * The user the token acts for: changing or removing it could lock this tool out mid-run, and
 * PlanetScale refuses "your own role" anyway (docs/api-notes.md §2.3). Matched case-insensitively.
 */
export function protectTokenUser(
  member: string,
  tokenUser: string | undefined,
  currentRole: string,
  wanted?: string,
): Refusal | undefined {
  if (!samePerson(member, tokenUser)) return undefined;
  const message =
    wanted === undefined
      ? `${member} is the token's own user; never removed`
      : `${member} is the token's own user; its role is never changed (${currentRole}, the file says ${wanted})`;
  return { as: 'notice', kind: 'token_user_kept', message };
}

/**
 * A team member whose email the team's own list declares is never removed, however the
 * organization's member list resolved (a page that shifted mid-read can leave someone out).
 */
export function protectDeclaredTeamMember(email: string, declaredEmails: ReadonlySet<string>): boolean {
  return declaredEmails.has(email.toLowerCase());
}

/**
 * A pruned scope whose list declares nobody would lose every member: far more often a typo or a
 * bad merge than a wish, so it needs --allow-empty.
 */
export function refuseEmptying(
  removals: number,
  declared: number,
  allowEmpty: boolean,
  scope: string,
): Refusal | undefined {
  if (removals === 0 || declared > 0 || allowEmpty) return undefined;
  return {
    as: 'problem',
    kind: 'empty_list',
    message: `refusing to remove ${removals === 1 ? 'the only member' : `all ${removals} members`} of ${scope}: the file declares none with prune: true (pass --allow-empty if that is intended)`,
  };
}

/**
 * PlanetScale refuses to remove (or demote) an organization's last admin ("Cannot remove the last
 * admin", docs/api-notes.md §2.3): a plan that would leave no admin is refused whole rather than
 * half-applied. `remaining` counts the admins the organization keeps once the plan is applied.
 */
export function keepLastAdmin(
  removedAdmins: number,
  remaining: number,
  organization: string,
): ProblemRefusal | undefined {
  if (removedAdmins === 0 || remaining > 0) return undefined;
  return {
    as: 'problem',
    kind: 'last_admin',
    message: `refusing to remove every admin of organization "${organization}" (${removedAdmins === 1 ? 'its only admin' : `all ${removedAdmins}`}): PlanetScale keeps at least one; declare an admin under members:`,
  };
}

/** --max-removals: one run takes away at most this much access, whatever the file says. */
export function capRemovals(changes: readonly Change[], maxRemovals: number): ProblemRefusal | undefined {
  const removals = changes.filter(isRemoval).length;
  if (removals <= maxRemovals) return undefined;
  return {
    as: 'problem',
    kind: 'removal_cap',
    message: `refusing ${removals} removals, more than --max-removals ${maxRemovals} allows; if that is intended, plan again with --max-removals ${removals}`,
  };
}

/**
 * "Teams managed through SSO/directory services cannot have members added or removed via API"
 * (docs/api-notes.md §2.4).
 */
export function skipManagedTeam(team: string, managed: boolean): Refusal | undefined {
  if (!managed) return undefined;
  return {
    as: 'notice',
    kind: 'managed_team',
    message: `team "${team}" is managed by directory sync; its members are not touched (change them in your identity provider)`,
  };
}

/** "Roles managed by IdP cannot be updated via API" (docs/api-notes.md §2.3). */
export function respectIdpRoles(
  member: string,
  currentRole: string,
  wanted: string,
  idpManagedRoles: boolean,
): Refusal | undefined {
  if (!idpManagedRoles) return undefined;
  return {
    as: 'notice',
    kind: 'idp_managed_roles',
    message: `${member} stays ${currentRole} (the file says ${wanted}): roles are managed by your identity provider`,
  };
}

/** "Service tokens can only invite members; requesting another role returns 422" (docs/api-notes.md §2.3). */
export function requireMemberInvitation(member: string, role: string): Refusal | undefined {
  if (role === 'member') return undefined;
  return {
    as: 'problem',
    kind: 'invitation_role',
    message: `${member} is not a member yet and service tokens can invite members only: declare ${member}: member, and change the role to ${role} once they have accepted`,
  };
}

/** A Turso username never holds `@`: an email under `members:` is someone to invite. */
export function refuseEmailAsUsername(member: string): Refusal | undefined {
  if (!member.includes('@')) return undefined;
  return {
    as: 'problem',
    kind: 'email_as_username',
    message: `${member} looks like an email, not a Turso username; to invite someone by email, declare them under invites:`,
  };
}
