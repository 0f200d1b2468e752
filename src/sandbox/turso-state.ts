/** The Turso side of the sandbox: users, organizations, members and pending invites, indexed by key. */
import { IndexedList } from './indexed-list.js';
import type { TursoInviteRole, TursoSeed, TursoSeedRole } from './sandbox-seed.js';

/** Seeded records without a date get this one, so runs from one seed are identical. */
export const SEED_TIME = '2025-01-01T00:00:00.000Z';

export interface TursoUser {
  readonly username: string;
  readonly email: string;
  readonly name: string;
}

export interface TursoInvite {
  readonly id: number;
  readonly email: string;
  readonly role: TursoInviteRole;
  readonly created_at: string;
}

export interface TursoOrganization {
  readonly slug: string;
  readonly name: string;
  readonly type: 'team' | 'personal';
  readonly plan_id: string;
  /** username -> role */
  readonly members: Map<string, TursoSeedRole>;
  /** lower-cased email -> invite: an invite for the same email replaces the old one (docs/api-notes.md §1.3). */
  readonly invites: IndexedList<string, TursoInvite>;
}

export interface TursoSnapshot {
  readonly token_user: string;
  readonly users: TursoUser[];
  readonly organizations: Record<
    string,
    {
      readonly name: string;
      readonly type: 'team' | 'personal';
      readonly plan_id: string;
      readonly members: Record<string, TursoSeedRole>;
      readonly invites: TursoInvite[];
    }
  >;
}

export class TursoState {
  readonly token: string;
  readonly tokenUser: string;
  /** Lower-cased username -> user. */
  readonly users = new Map<string, TursoUser>();
  readonly organizations = new Map<string, TursoOrganization>();
  private nextInviteId = 1;

  constructor(seed: TursoSeed) {
    this.token = seed.token;
    this.tokenUser = seed.token_user;
    for (const user of seed.users ?? []) this.registerUser(user.username, user.email, user.name);
    this.registerUser(seed.token_user);
    for (const [slug, org] of Object.entries(seed.organizations ?? {})) {
      const created = this.createOrganization(slug, org.name ?? slug, org.type ?? 'team', org.plan_id ?? 'scaler');
      for (const [username, role] of Object.entries(org.members ?? {})) this.addMember(slug, username, role);
      for (const invite of org.invites ?? [])
        this.putInvite(created.slug, invite.email, invite.role ?? 'member', invite.created_at ?? SEED_TIME);
    }
    // Every Turso user has a personal organization named after them (docs/api-notes.md §1.2).
    if (!this.organizations.has(this.tokenUser)) {
      this.createOrganization(this.tokenUser, 'personal', 'personal', 'scaler');
      this.addMember(this.tokenUser, this.tokenUser, 'owner');
    }
  }

  /** Returns the existing user when the username is taken, in any case. */
  registerUser(username: string, email?: string, name?: string): TursoUser {
    const existing = this.user(username);
    if (existing !== undefined) return existing;
    const user = { username, email: email ?? `${username}@example.com`, name: name ?? username };
    this.users.set(username.toLowerCase(), user);
    return user;
  }

  /** Usernames are GitHub logins: `Alice` finds `alice`, as the real API resolves them. */
  user(username: string): TursoUser | undefined {
    return this.users.get(username.toLowerCase());
  }

  /** The registered spelling of a username, which member lists key by; the name itself when unknown. */
  canonicalUsername(username: string): string {
    return this.user(username)?.username ?? username;
  }

  createOrganization(slug: string, name: string, type: 'team' | 'personal', planId: string): TursoOrganization {
    const org = {
      slug,
      name,
      type,
      plan_id: planId,
      members: new Map<string, TursoSeedRole>(),
      invites: new IndexedList<string, TursoInvite>(),
    };
    this.organizations.set(slug, org);
    return org;
  }

  /** Registers an unknown username with the default email; sets the role of an existing member. */
  addMember(slug: string, username: string, role: TursoSeedRole): void {
    this.registerUser(username);
    this.organization(slug).members.set(this.canonicalUsername(username), role);
  }

  removeMember(slug: string, username: string): boolean {
    return this.organization(slug).members.delete(this.canonicalUsername(username));
  }

  /** Creates the invite, replacing a pending one for the same email with a fresh id. */
  putInvite(slug: string, email: string, role: TursoInviteRole, createdAt: string): TursoInvite {
    const invites = this.organization(slug).invites;
    const key = email.toLowerCase();
    const invite = { id: this.nextInviteId++, email, role, created_at: createdAt };
    invites.delete(key);
    invites.set(key, invite);
    return invite;
  }

  deleteInvite(slug: string, email: string): boolean {
    return this.organization(slug).invites.delete(email.toLowerCase());
  }

  /** For test helpers: throws when the organization is unknown, which is a test's own mistake. */
  organization(slug: string): TursoOrganization {
    const org = this.organizations.get(slug);
    if (org === undefined) throw new Error(`sandbox: no Turso organization ${slug}`);
    return org;
  }

  snapshot(): TursoSnapshot {
    const organizations = [...this.organizations.values()].map((org) => [
      org.slug,
      {
        name: org.name,
        type: org.type,
        plan_id: org.plan_id,
        members: Object.fromEntries(org.members),
        invites: org.invites.values().map((invite) => ({ ...invite })),
      },
    ]);
    return {
      token_user: this.tokenUser,
      users: [...this.users.values()].map((user) => ({ ...user })),
      organizations: Object.fromEntries(organizations) as TursoSnapshot['organizations'],
    };
  }
}
