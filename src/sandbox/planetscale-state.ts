/**
 * The PlanetScale side of the sandbox: organizations, their members, teams, team members and
 * invitations. Everything is keyed by id with an email index, so 100k members stay cheap.
 */
import { IndexedList } from './indexed-list.js';
import {
  PLANETSCALE_ACCESSES,
  type PlanetScaleAccess,
  type PlanetScaleSeed,
  type PlanetScaleSeedRole,
} from './sandbox-seed.js';
import { stableId } from './stable-id.js';
import { SEED_TIME } from './turso-state.js';

export interface PlanetScaleUser {
  readonly id: string;
  readonly email: string;
  readonly name: string | null;
  readonly created_at: string;
}

export interface OrganizationMembership {
  /** The membership id, not the user id (docs/api-notes.md §2.3). */
  readonly id: string;
  readonly user: PlanetScaleUser;
  role: string;
  readonly created_at: string;
  updated_at: string;
}

export interface TeamMembership {
  readonly id: string;
  readonly user: PlanetScaleUser;
  readonly created_at: string;
}

export interface PlanetScaleTeam {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly description: string | null;
  readonly managed: boolean;
  readonly created_at: string;
  /** user id -> team membership */
  readonly members: IndexedList<string, TeamMembership>;
  /** team membership id -> user id: DELETE takes either (docs/api-notes.md §2.3). */
  readonly userIdsByMembershipId: Map<string, string>;
}

export interface PlanetScaleInvitation {
  readonly id: string;
  readonly email: string;
  readonly role: string;
  readonly created_at: string;
}

/** The database passwords and service tokens one user created in an organization, by name. */
export interface UserCredentials {
  readonly user: PlanetScaleUser;
  passwords: readonly string[];
  service_tokens: readonly string[];
}

/** What an organization-member DELETE deletes besides the membership (docs/api-notes.md §2.3). */
export interface CredentialDeletes {
  readonly passwords: boolean;
  readonly serviceTokens: boolean;
}

/** No flags: what the person created stays, and keeps working, after they leave. */
const KEEP_CREDENTIALS: CredentialDeletes = { passwords: false, serviceTokens: false };

export interface PlanetScaleOrganization {
  readonly id: string;
  readonly name: string;
  readonly idp_managed_roles: boolean;
  readonly sso_directory: boolean;
  /** user id -> membership */
  readonly members: IndexedList<string, OrganizationMembership>;
  /** lower-cased email -> user id */
  readonly userIdsByEmail: Map<string, string>;
  /** slug -> team */
  readonly teams: IndexedList<string, PlanetScaleTeam>;
  /** id -> pending invitation */
  readonly invitations: IndexedList<string, PlanetScaleInvitation>;
  /**
   * user id -> the credentials they created. Outlives the membership unless the removal deletes
   * them: an entry whose user is no longer a member is an orphaned credential, still working.
   */
  readonly credentials: Map<string, UserCredentials>;
}

export interface NewMember {
  readonly email: string;
  readonly role?: PlanetScaleSeedRole;
  readonly name?: string | null;
  readonly id?: string;
  readonly passwords?: readonly string[];
  readonly service_tokens?: readonly string[];
}

export class PlanetScaleState {
  readonly serviceTokenId: string;
  readonly serviceToken: string;
  readonly accesses: ReadonlySet<PlanetScaleAccess>;
  readonly tokenUserEmail: string | undefined;
  readonly organizations = new IndexedList<string, PlanetScaleOrganization>();
  /** lower-cased email -> user, shared across organizations: one person has one user id. */
  private readonly users = new Map<string, PlanetScaleUser>();
  private sequence = 0;

  constructor(seed: PlanetScaleSeed) {
    this.serviceTokenId = seed.service_token_id;
    this.serviceToken = seed.service_token;
    this.accesses = new Set(seed.accesses ?? PLANETSCALE_ACCESSES);
    this.tokenUserEmail = seed.token_user;
    for (const [name, org] of Object.entries(seed.organizations ?? {})) {
      this.organizations.set(name, {
        id: org.id ?? stableId('organization', name),
        name,
        idp_managed_roles: org.idp_managed_roles ?? false,
        sso_directory: org.sso_directory ?? false,
        members: new IndexedList(),
        userIdsByEmail: new Map(),
        teams: new IndexedList(),
        invitations: new IndexedList(),
        credentials: new Map(),
      });
      for (const member of org.members ?? []) this.addMember(name, member, SEED_TIME);
      for (const [slug, team] of Object.entries(org.teams ?? {})) {
        this.addTeam(name, slug, team.name ?? slug, team.description ?? null, team.managed ?? false);
        for (const email of team.members ?? [])
          this.addTeamMember(name, slug, this.memberByEmail(name, email).user.id, SEED_TIME);
      }
      for (const invitation of org.invitations ?? []) {
        this.addInvitation(
          name,
          invitation.email,
          invitation.role ?? 'member',
          invitation.created_at ?? SEED_TIME,
          invitation.id,
        );
      }
      for (const orphaned of org.orphaned_credentials ?? []) {
        this.addCredentials(name, this.user(orphaned, SEED_TIME), orphaned);
      }
    }
  }

  /** For test helpers and seeding: throws on an unknown organization or a duplicate email. */
  organization(name: string): PlanetScaleOrganization {
    const org = this.organizations.get(name);
    if (org === undefined) throw new Error(`sandbox: no PlanetScale organization ${name}`);
    return org;
  }

  team(orgName: string, slug: string): PlanetScaleTeam {
    const team = this.organization(orgName).teams.get(slug);
    if (team === undefined) throw new Error(`sandbox: no PlanetScale team ${orgName}/${slug}`);
    return team;
  }

  memberByEmail(orgName: string, email: string): OrganizationMembership {
    const org = this.organization(orgName);
    const member = org.members.get(org.userIdsByEmail.get(email.toLowerCase()) ?? '');
    if (member === undefined)
      throw new Error(`sandbox: ${email} is not a member of PlanetScale organization ${orgName}`);
    return member;
  }

  addMember(orgName: string, member: NewMember, at: string): OrganizationMembership {
    const org = this.organization(orgName);
    const key = member.email.toLowerCase();
    if (org.userIdsByEmail.has(key)) throw new Error(`sandbox: ${member.email} is already a member of ${orgName}`);
    const user = this.user(member, at);
    const membership = {
      id: stableId('org-membership', org.name, user.id),
      user,
      role: member.role ?? 'member',
      created_at: at,
      updated_at: at,
    };
    org.members.set(user.id, membership);
    org.userIdsByEmail.set(key, user.id);
    this.addCredentials(orgName, user, member);
    return membership;
  }

  /** Records credentials the user created in the organization, after any they already have. */
  private addCredentials(
    orgName: string,
    user: PlanetScaleUser,
    created: { readonly passwords?: readonly string[]; readonly service_tokens?: readonly string[] },
  ): void {
    const passwords = created.passwords ?? [];
    const serviceTokens = created.service_tokens ?? [];
    if (passwords.length === 0 && serviceTokens.length === 0) return;
    const credentials = this.organization(orgName).credentials;
    const known = credentials.get(user.id);
    if (known === undefined) {
      credentials.set(user.id, { user, passwords: [...passwords], service_tokens: [...serviceTokens] });
      return;
    }
    known.passwords = [...known.passwords, ...passwords];
    known.service_tokens = [...known.service_tokens, ...serviceTokens];
  }

  /**
   * Leaving an organization also leaves its teams. The credentials the user created stay unless
   * `deletes` asks for them to go (`delete_passwords`, `delete_service_tokens`).
   */
  removeMember(orgName: string, userId: string, deletes: CredentialDeletes = KEEP_CREDENTIALS): boolean {
    const org = this.organization(orgName);
    const member = org.members.get(userId);
    if (member === undefined) return false;
    for (const team of org.teams.values()) this.removeTeamMember(team, userId);
    org.members.delete(userId);
    org.userIdsByEmail.delete(member.user.email.toLowerCase());
    const credentials = org.credentials.get(userId);
    if (credentials !== undefined) {
      if (deletes.passwords) credentials.passwords = [];
      if (deletes.serviceTokens) credentials.service_tokens = [];
      if (credentials.passwords.length === 0 && credentials.service_tokens.length === 0) org.credentials.delete(userId);
    }
    return true;
  }

  addTeam(orgName: string, slug: string, name: string, description: string | null, managed: boolean): PlanetScaleTeam {
    const org = this.organization(orgName);
    const team = {
      id: stableId('team', org.name, slug),
      slug,
      name,
      description,
      managed,
      created_at: SEED_TIME,
      members: new IndexedList<string, TeamMembership>(),
      userIdsByMembershipId: new Map<string, string>(),
    };
    org.teams.set(slug, team);
    return team;
  }

  addTeamMember(orgName: string, slug: string, userId: string, at: string): TeamMembership {
    const team = this.team(orgName, slug);
    const member = this.organization(orgName).members.get(userId);
    if (member === undefined) throw new Error(`sandbox: user ${userId} is not a member of ${orgName}`);
    const existing = team.members.get(userId);
    if (existing !== undefined) return existing;
    const membership = {
      id: stableId('team-membership', team.id, userId, String(this.sequence++)),
      user: member.user,
      created_at: at,
    };
    team.members.set(userId, membership);
    team.userIdsByMembershipId.set(membership.id, userId);
    return membership;
  }

  removeTeamMember(team: PlanetScaleTeam, userId: string): boolean {
    const membership = team.members.get(userId);
    if (membership === undefined) return false;
    team.members.delete(userId);
    team.userIdsByMembershipId.delete(membership.id);
    return true;
  }

  addInvitation(orgName: string, email: string, role: string, at: string, id?: string): PlanetScaleInvitation {
    const org = this.organization(orgName);
    const invitation = {
      id: id ?? stableId('invitation', org.name, email, String(this.sequence++)),
      email,
      role,
      created_at: at,
    };
    org.invitations.set(invitation.id, invitation);
    return invitation;
  }

  /** The user the service token acts as, when the seed names one that exists. */
  tokenUser(): PlanetScaleUser | undefined {
    return this.tokenUserEmail === undefined ? undefined : this.users.get(this.tokenUserEmail.toLowerCase());
  }

  private user(member: Pick<NewMember, 'email' | 'name' | 'id'>, at: string): PlanetScaleUser {
    const key = member.email.toLowerCase();
    const known = this.users.get(key);
    if (known !== undefined) return known;
    const user = {
      id: member.id ?? stableId('user', key),
      email: member.email,
      name: member.name ?? null,
      created_at: at,
    };
    this.users.set(key, user);
    return user;
  }
}
