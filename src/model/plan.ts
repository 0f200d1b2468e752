/**
 * The plan is data: versioned, ordered, each change tagged by provider and action.
 * Field names are snake_case because this is also the JSON format users and scripts read.
 */
import type { ProviderName, TursoRole } from './desired-state.js';
import type { Reason } from './people.js';
import { formatScope } from './scope.js';

export const PLAN_FORMAT_VERSION = 1;

interface TursoScoped {
  readonly provider: 'turso';
  readonly organization: string;
  /** Why the change is planned; present on every change when the file declares `people:`. */
  readonly because?: readonly Reason[];
}

export interface TursoAddMember extends TursoScoped {
  readonly action: 'add';
  /** The username as written in the file. */
  readonly member: string;
  readonly role: TursoRole;
}

export interface TursoChangeRole extends TursoScoped {
  readonly action: 'change_role';
  readonly member: string;
  readonly role: TursoRole;
  readonly previous_role: string;
}

export interface TursoRemoveMember extends TursoScoped {
  readonly action: 'remove';
  readonly member: string;
  readonly previous_role: string;
}

export interface TursoInvite extends TursoScoped {
  readonly action: 'invite';
  /** The email as written in the file. */
  readonly member: string;
  readonly role: TursoRole;
  /** Set when a pending invite with another role is replaced (a re-POST replaces, docs/api-notes.md §1.3). */
  readonly previous_role?: string;
}

export interface TursoCancelInvite extends TursoScoped {
  readonly action: 'cancel_invite';
  /** The email of the pending invite, as the API lists it. */
  readonly member: string;
  readonly previous_role: string;
}

interface PlanetScaleScoped {
  readonly provider: 'planetscale';
  readonly organization: string;
  /** Why the change is planned; present on every change when the file declares `people:`. */
  readonly because?: readonly Reason[];
}

export interface PlanetScaleAddTeamMember extends PlanetScaleScoped {
  readonly action: 'add';
  readonly team: string;
  /** The email as written in the file. */
  readonly member: string;
  /** Resolved from the email through the organization's member list (docs/api-notes.md §2.6). */
  readonly user_id: string;
}

export interface PlanetScaleRemoveTeamMember extends PlanetScaleScoped {
  readonly action: 'remove';
  readonly team: string;
  /** The member's email, as the API lists it. */
  readonly member: string;
  readonly user_id: string;
  /** The team membership id DELETE takes (docs/api-notes.md §2.3). */
  readonly membership_id: string;
}

/** `prune: true` on the organization: takes the person out of the organization (and so out of every team). */
export interface PlanetScaleRemoveOrgMember extends PlanetScaleScoped {
  readonly action: 'remove';
  /** The member's email, as the API lists it. */
  readonly member: string;
  /** DELETE takes the user id, not the membership id (docs/api-notes.md §2.3, §2.5 item 1). */
  readonly user_id: string;
  readonly previous_role: string;
  /**
   * `revoke_credentials: true` on the person: the DELETE also deletes the passwords and service
   * tokens they created (`delete_passwords`, `delete_service_tokens`, docs/api-notes.md §2.3).
   */
  readonly revoke_credentials?: true;
}

export interface PlanetScaleChangeRole extends PlanetScaleScoped {
  readonly action: 'change_role';
  readonly member: string;
  readonly user_id: string;
  readonly role: string;
  readonly previous_role: string;
}

export interface PlanetScaleInvite extends PlanetScaleScoped {
  readonly action: 'invite';
  readonly member: string;
  readonly role: string;
}

export interface PlanetScaleCancelInvitation extends PlanetScaleScoped {
  readonly action: 'cancel_invite';
  /** The email of the pending invitation, as the API lists it; apply re-lists to find its id. */
  readonly member: string;
  readonly previous_role: string;
}

export type TursoChange = TursoAddMember | TursoChangeRole | TursoRemoveMember | TursoInvite | TursoCancelInvite;
export type PlanetScaleChange =
  | PlanetScaleAddTeamMember
  | PlanetScaleRemoveTeamMember
  | PlanetScaleRemoveOrgMember
  | PlanetScaleChangeRole
  | PlanetScaleInvite
  | PlanetScaleCancelInvitation;
export type Change = TursoChange | PlanetScaleChange;

/** Actions that take access away: counted against --max-removals. */
export function isRemoval(change: Change): boolean {
  return change.action === 'remove' || change.action === 'cancel_invite';
}

/**
 * A change's identity: who, where and what, not how. Names compare case-insensitively (emails, and
 * Turso usernames, which are GitHub logins).
 */
export function changeKey(change: Change): string {
  const team = 'team' in change ? change.team : '';
  return JSON.stringify([change.provider, change.action, change.organization, team, change.member.toLowerCase()]);
}

/**
 * Field for field the same write, whatever order the fields were written in (a plan file is JSON).
 * `because` is left out: it explains a change, it is not part of the request. A reviewed change the
 * file now justifies for another reason (a second group grants the same role) is still the write
 * that was reviewed, and still justified.
 */
export function isSameChange(a: Change, b: Change): boolean {
  const fields = (change: Change) =>
    JSON.stringify(
      Object.entries(change)
        .filter(([key]) => key !== 'because')
        .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
    );
  return fields(a) === fields(b);
}

/**
 * How much a role can do, for ordering and for admin coverage: owner > admin > member > viewer and
 * PlanetScale's analyst. A role this tool does not know ranks as a member would.
 */
export function roleRank(role: string): number {
  switch (role) {
    case 'owner':
      return 4;
    case 'admin':
      return 3;
    case 'viewer':
    case 'analyst':
      return 1;
    default:
      return 2;
  }
}

/** The role a change grants, or undefined for one that grants nothing (a removal, a team add). */
export function grantedRole(change: Change): string | undefined {
  return 'role' in change ? change.role : undefined;
}

/** A role change to a role that can do less. */
function isDemotion(change: Change): boolean {
  return change.action === 'change_role' && roleRank(change.role) < roleRank(change.previous_role);
}

/** The role a change takes away or lowers, or undefined for one that takes nothing away. */
export function revokedRole(change: Change): string | undefined {
  if (isRemoval(change) || isDemotion(change)) return 'previous_role' in change ? change.previous_role : undefined;
  return undefined;
}

/**
 * Apply runs in phases, each finishing before the next starts: grants (adds, invites, promotions)
 * first; PlanetScale team adds next, since a team takes organization members only; then what
 * takes access away (demotions, removals), so that a swap of admins adds before it removes.
 */
export const APPLY_PHASES = ['grant', 'team_add', 'revoke'] as const;
export type ApplyPhase = (typeof APPLY_PHASES)[number];

export function phaseOf(change: Change): ApplyPhase {
  if (isRemoval(change) || isDemotion(change)) return 'revoke';
  // Whatever the provider: a team takes organization members only, so team adds wait for grants.
  if (change.action === 'add' && 'team' in change) return 'team_add';
  return 'grant';
}

/** Something true today that the file does not say, and that this plan leaves alone. */
export type Drift =
  | {
      readonly provider: 'turso';
      readonly kind: 'undeclared_member';
      readonly organization: string;
      readonly member: string;
      readonly role: string;
    }
  | {
      readonly provider: 'turso';
      readonly kind: 'undeclared_invite';
      readonly organization: string;
      readonly member: string;
      readonly role: string;
    }
  | {
      readonly provider: 'planetscale';
      readonly kind: 'undeclared_member';
      readonly organization: string;
      readonly team: string;
      readonly member: string;
    }
  | {
      readonly provider: 'planetscale';
      readonly kind: 'undeclared_invite';
      readonly organization: string;
      readonly member: string;
      readonly role: string;
    }
  | {
      readonly provider: 'planetscale';
      readonly kind: 'undeclared_org_member';
      readonly organization: string;
      readonly member: string;
      readonly role: string;
    };

/**
 * A declared membership the plan cannot turn into a change (unknown email, missing team, ...), or
 * a safety rule the plan as a whole breaks (the removal cap): then it has no provider or organization.
 */
export interface PlanProblem {
  readonly kind: ProblemKind;
  readonly provider?: ProviderName;
  readonly organization?: string;
  readonly team?: string;
  readonly member?: string;
  readonly message: string;
}

/**
 * Why a declaration cannot be planned; stable names that JSON readers may branch on (README
 * "Problems and notes" explains each).
 */
export type ProblemKind =
  | 'organization_not_found'
  | 'personal_organization'
  | 'team_not_found'
  | 'not_an_organization_member'
  | 'invites_not_available'
  | 'email_as_username'
  | 'invitation_role'
  | 'empty_list'
  | 'last_admin'
  | 'removal_cap';

/** What a note is about; stable names, like ProblemKind. */
export type NoticeKind =
  | 'owner_kept'
  | 'token_user_kept'
  | 'managed_team'
  | 'idp_managed_roles'
  | 'invites_unlisted'
  | 'invite_not_needed'
  | 'stale_invite'
  | 'pending_invitation_role'
  | 'awaiting_invitation'
  | 'expiring'
  | 'credentials_kept';

/** Worth knowing, not an error: a stale invite, a scope the API does not let us change. */
export interface PlanNotice {
  readonly kind: NoticeKind;
  readonly provider: ProviderName;
  readonly organization: string;
  readonly team?: string;
  readonly member?: string;
  readonly message: string;
}

export interface Plan {
  readonly format_version: typeof PLAN_FORMAT_VERSION;
  readonly changes: readonly Change[];
  readonly drift: readonly Drift[];
  readonly problems: readonly PlanProblem[];
  readonly notices: readonly PlanNotice[];
}

/**
 * One-line human name of a change, used in progress lines, results, errors and logs: the scope as
 * `--target` takes it (`planetscale.acme.backend: add dana@acme.dev`). A removal that also deletes
 * the person's PlanetScale credentials says so: it cannot be undone by inviting them back.
 */
export function describeChange(change: Change): string {
  // By the fields a change carries (a team, a role), not by provider, like the rendered labels.
  const { provider, organization } = change;
  const where = formatScope(
    'team' in change ? { provider, organization, team: change.team } : { provider, organization },
  );
  switch (change.action) {
    case 'add':
      return 'role' in change ? `${where}: add ${change.member} as ${change.role}` : `${where}: add ${change.member}`;
    case 'change_role':
      return `${where}: change ${change.member} from ${change.previous_role} to ${change.role}`;
    case 'remove':
      return 'revoke_credentials' in change
        ? `${where}: remove ${change.member}, deleting their passwords and service tokens`
        : `${where}: remove ${change.member}`;
    case 'invite':
      return `${where}: invite ${change.member} as ${change.role}`;
    case 'cancel_invite':
      return `${where}: cancel the invite of ${change.member}`;
  }
}

/** Counts by kind, as the summary line, the JSON plan and the saved plan file carry them. */
export interface PlanSummary {
  /** Adds and invites. */
  readonly add: number;
  readonly change: number;
  /** Removals and cancelled invites: what --max-removals counts. */
  readonly remove: number;
  readonly drift: number;
  readonly problems: number;
  readonly notices: number;
}

export function changeKind(change: Change): 'add' | 'change' | 'remove' {
  if (isRemoval(change)) return 'remove';
  return change.action === 'change_role' ? 'change' : 'add';
}

export function summarizePlan(plan: Plan): PlanSummary {
  const kinds = plan.changes.map(changeKind);
  return {
    add: kinds.filter((kind) => kind === 'add').length,
    change: kinds.filter((kind) => kind === 'change').length,
    remove: kinds.filter((kind) => kind === 'remove').length,
    drift: plan.drift.length,
    problems: plan.problems.length,
    notices: plan.notices.length,
  };
}

export interface PlanOptions {
  /** Allow a pruned scope whose declared list is empty to lose every member it has. */
  readonly allowEmpty: boolean;
  /** More removals than this make the plan a problem (--max-removals). */
  readonly maxRemovals: number;
  /** Pending invites older than this are reported as stale. */
  readonly staleInviteDays: number;
  /** The clock, passed in: the planner reads none. Milliseconds since the epoch (--as-of moves it). */
  readonly now: number;
  /** A grant ending within this many days of `now` is an `expiring` notice (--expiry-warning-days). */
  readonly expiryWarningDays: number;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  allowEmpty: false,
  maxRemovals: 5,
  staleInviteDays: 14,
  now: 0,
  expiryWarningDays: 14,
};
