/** PlanetScale response objects, with every field the spec marks required (planetscale-openapi.yaml). */
import { STATUS_CODES } from 'node:http';
import type { SandboxReply } from './provider-server.js';
import type {
  OrganizationMembership,
  PlanetScaleInvitation,
  PlanetScaleOrganization,
  PlanetScaleTeam,
  PlanetScaleUser,
  TeamMembership,
} from './planetscale-state.js';
import { stableId } from './stable-id.js';

/** Errors are `{code, message}` (docs/api-notes.md §2.2); codes follow the official Go client's spelling. */
const CODES: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'unprocessable',
  429: 'too_many_requests',
};

export function planetScaleError(status: number, message?: string, code?: string): SandboxReply {
  const phrase = STATUS_CODES[status] ?? 'Error';
  return {
    status,
    body: {
      code: code ?? CODES[status] ?? phrase.toLowerCase().replace(/[^a-z0-9]+/g, '_'),
      message: message ?? phrase,
    },
  };
}

export interface Actor {
  readonly id: string;
  readonly display_name: string;
  readonly avatar_url: string;
}

/** Who the service token acts as: its seeded user, or the token itself. */
export function renderActor(user: PlanetScaleUser | undefined): Actor {
  if (user === undefined) return { id: stableId('service-token'), display_name: 'Service token', avatar_url: '' };
  return { id: user.id, display_name: user.name ?? user.email, avatar_url: avatarUrl(user.id) };
}

export function renderUser(user: PlanetScaleUser, directoryManaged: boolean): Record<string, unknown> {
  return {
    id: user.id,
    display_name: user.name ?? user.email,
    name: user.name,
    email: user.email,
    avatar_url: avatarUrl(user.id),
    created_at: user.created_at,
    updated_at: user.created_at,
    two_factor_auth_configured: false,
    default_organization: null,
    sso: directoryManaged,
    managed: directoryManaged,
    directory_managed: directoryManaged,
    email_verified: true,
  };
}

export function renderOrganization(org: PlanetScaleOrganization): Record<string, unknown> {
  return {
    id: org.id,
    name: org.name,
    billing_email: `billing@${org.name}.example.com`,
    created_at: '2025-01-01T00:00:00.000Z',
    updated_at: '2025-01-01T00:00:00.000Z',
    plan: 'scaler_pro',
    valid_billing_info: true,
    sso: org.sso_directory,
    sso_directory: org.sso_directory,
    single_tenancy: false,
    managed_tenancy: false,
    has_past_due_invoices: false,
    database_count: 0,
    sso_portal_url: null,
    features: {},
    idp_managed_roles: org.idp_managed_roles,
    invoice_budget_amount: '0',
    keyspace_shard_limit: 0,
    has_card: true,
    payment_info_required: false,
  };
}

export function renderOrganizationMembership(
  org: PlanetScaleOrganization,
  member: OrganizationMembership,
): Record<string, unknown> {
  return {
    id: member.id,
    user: renderUser(member.user, org.sso_directory),
    role: member.role,
    created_at: member.created_at,
    updated_at: member.updated_at,
  };
}

/** With directory sync on, every team is managed by the directory (docs/api-notes.md §2.4). */
export function isManaged(org: PlanetScaleOrganization, team: PlanetScaleTeam): boolean {
  return team.managed || org.sso_directory;
}

export function renderTeam(
  org: PlanetScaleOrganization,
  team: PlanetScaleTeam,
  creator: Actor,
): Record<string, unknown> {
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    display_name: team.name,
    description: team.description,
    managed: isManaged(org, team),
    creator,
    // A team lists plain users, not memberships (docs/api-notes.md §2.3).
    members: team.members.values().map((member) => renderUser(member.user, org.sso_directory)),
    databases: [],
    analyst_databases: [],
    created_at: team.created_at,
    updated_at: team.created_at,
  };
}

export function renderTeamMembership(
  org: PlanetScaleOrganization,
  member: TeamMembership,
  actor: Actor,
): Record<string, unknown> {
  return {
    id: member.id,
    user: renderUser(member.user, org.sso_directory),
    actor,
    created_at: member.created_at,
    updated_at: member.created_at,
    passwords: [],
  };
}

/**
 * [A] docs/api-notes.md §2.3 gives `expires_at` but not the duration: 7 days here. Sandbox
 * invitations never expire.
 */
export function renderInvitation(
  invitation: PlanetScaleInvitation,
  sender: Record<string, unknown>,
): Record<string, unknown> {
  const expiresAt = new Date(Date.parse(invitation.created_at) + 7 * 24 * 3600 * 1000).toISOString();
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    sender,
    recipient: null,
    expired: false,
    expires_at: expiresAt,
    created_at: invitation.created_at,
    avatar_url: avatarUrl(stableId('invitee', invitation.email.toLowerCase())),
  };
}

function avatarUrl(id: string): string {
  return `https://avatars.sandbox.invalid/${id}`;
}
