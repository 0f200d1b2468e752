/**
 * The plan is data: versioned, ordered, each change tagged by provider and action.
 * Field names are snake_case because this is also the JSON format users and scripts read.
 */
import type { TursoRole } from './desired-state.js';

export const PLAN_FORMAT_VERSION = 1;

export interface TursoAddMember {
  readonly provider: 'turso';
  readonly action: 'add';
  readonly organization: string;
  /** The username as written in the file. */
  readonly member: string;
  readonly role: TursoRole;
}

export interface PlanetScaleAddTeamMember {
  readonly provider: 'planetscale';
  readonly action: 'add';
  readonly organization: string;
  readonly team: string;
  /** The email as written in the file. */
  readonly member: string;
  /** Resolved from the email through the organization's member list (API-NOTES.md §2.6). */
  readonly user_id: string;
}

export type Change = TursoAddMember | PlanetScaleAddTeamMember;

/** Something true today that the file does not say: reported, never touched by an add-only plan. */
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
      readonly kind: 'role_mismatch';
      readonly organization: string;
      readonly member: string;
      readonly role: string;
      readonly declared_role: TursoRole;
    }
  | {
      readonly provider: 'planetscale';
      readonly kind: 'undeclared_member';
      readonly organization: string;
      readonly team: string;
      readonly member: string;
    };

/** A declared membership the plan cannot turn into a change (unknown email, missing team, ...). */
export interface PlanProblem {
  readonly provider: 'turso' | 'planetscale';
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
}

/** One-line human name of a change, used in progress lines, errors and logs. */
export function describeChange(change: Change): string {
  if (change.provider === 'turso') {
    return `turso ${change.organization}: add ${change.member} as ${change.role}`;
  }
  return `planetscale ${change.organization}/${change.team}: add ${change.member}`;
}
