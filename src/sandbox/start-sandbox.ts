/**
 * A local, loopback sandbox of the Turso Platform API and the PlanetScale API: two node:http
 * servers (their paths collide, so one origin each), seeded state, a request log and injectable
 * faults. Used by the integration tests, the demo, the benchmark and `membership sandbox`.
 */
import { parseSandboxSeed } from './parse-sandbox-seed.js';
import { createPlanetScaleApi } from './planetscale-api.js';
import type { AlreadyOnTeamStatus } from './planetscale-context.js';
import { snapshotPlanetScale, type PlanetScaleSnapshot } from './planetscale-snapshot.js';
import { PlanetScaleState } from './planetscale-state.js';
import { ProviderServer, type SandboxRequest } from './provider-server.js';
import { FaultController, type SandboxFaults } from './sandbox-faults.js';
import type { PlanetScaleSeedRole, SandboxSeed, TursoInviteRole, TursoSeedRole } from './sandbox-seed.js';
import { createTursoApi } from './turso-api.js';
import { TursoState, type TursoSnapshot } from './turso-state.js';

export interface SandboxOptions {
  /** Checked like a seed file; throws SandboxSeedError when invalid. Not modified. */
  readonly seed: SandboxSeed;
  readonly faults?: SandboxFaults;
  /** What adding someone already on a PlanetScale team answers; undocumented (docs/api-notes.md §2.3). Default 422. */
  readonly planetscaleAlreadyOnTeamStatus?: AlreadyOnTeamStatus;
  /**
   * GET /v1/organizations: a bare array as the spec says (default), or `{organizations}` as the SDK
   * reads (docs/api-notes.md §1.3).
   */
  readonly tursoOrganizationsShape?: 'array' | 'object';
  /** 0 (the default) picks a free port. */
  readonly ports?: { readonly turso?: number; readonly planetscale?: number };
  /** Clock for records created through the API; defaults to the real time. */
  readonly now?: () => Date;
}

/** All state as plain JSON, shaped like the seed (without tokens). A section is absent when the seed had none. */
export interface SandboxSnapshot {
  readonly turso?: TursoSnapshot;
  readonly planetscale?: PlanetScaleSnapshot;
}

export interface Sandbox {
  /** Origin without a version prefix, e.g. `http://127.0.0.1:41234`. */
  readonly tursoUrl: string;
  readonly planetscaleUrl: string;
  /** Every request to either server, in arrival order; a live view. */
  readonly requests: readonly SandboxRequest[];
  clearRequests(): void;
  /** Replaces all faults. */
  setFaults(faults: SandboxFaults): void;
  snapshot(): SandboxSnapshot;
  /** Registers a Turso user (who can then be added to organizations); default email `<username>@example.com`. */
  addTursoUser(username: string, email?: string): void;
  /** Adds the member (registering the user if needed) or changes their role. */
  addTursoMember(org: string, username: string, role: TursoSeedRole): void;
  removeTursoMember(org: string, username: string): void;
  addTursoInvite(org: string, email: string, role?: TursoInviteRole): void;
  /** Returns the user id. */
  addPlanetScaleMember(org: string, email: string, role?: PlanetScaleSeedRole, name?: string | null): string;
  removePlanetScaleMember(org: string, email: string): void;
  /** Adds an org member to a team; returns the team membership id. */
  addPlanetScaleTeamMember(org: string, team: string, email: string): string;
  removePlanetScaleTeamMember(org: string, team: string, email: string): void;
  /** Returns the invitation id. */
  addPlanetScaleInvitation(org: string, email: string, role?: PlanetScaleSeedRole): string;
  /** Closes both servers and every socket; resolves when both are down. */
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const seed = parseSandboxSeed(options.seed, 'sandbox seed');
  const now = options.now ?? ((): Date => new Date());
  const turso = seed.turso === undefined ? undefined : new TursoState(seed.turso);
  const planetscale = seed.planetscale === undefined ? undefined : new PlanetScaleState(seed.planetscale);
  const faults = new FaultController();
  faults.set(options.faults ?? {});
  const log: SandboxRequest[] = [];
  const tursoServer = new ProviderServer(
    createTursoApi(turso, { organizationsShape: options.tursoOrganizationsShape ?? 'array', now }),
    faults,
    log,
  );
  const planetscaleServer = new ProviderServer(
    createPlanetScaleApi(planetscale, { alreadyOnTeamStatus: options.planetscaleAlreadyOnTeamStatus ?? 422, now }),
    faults,
    log,
  );
  const close = async (): Promise<void> => {
    await Promise.all([tursoServer.close(), planetscaleServer.close()]);
  };
  let tursoUrl: string;
  let planetscaleUrl: string;
  try {
    tursoUrl = await tursoServer.listen(options.ports?.turso ?? 0);
    planetscaleUrl = await planetscaleServer.listen(options.ports?.planetscale ?? 0);
  } catch (error) {
    await close();
    throw error;
  }

  const requireTurso = (): TursoState => {
    if (turso === undefined) throw new Error('sandbox: the seed has no turso section');
    return turso;
  };
  const requirePlanetScale = (): PlanetScaleState => {
    if (planetscale === undefined) throw new Error('sandbox: the seed has no planetscale section');
    return planetscale;
  };
  const stamp = (): string => now().toISOString();

  return {
    tursoUrl,
    planetscaleUrl,
    requests: log,
    clearRequests: () => {
      log.length = 0;
    },
    setFaults: (next) => faults.set(next),
    snapshot: () => ({
      ...(turso === undefined ? {} : { turso: turso.snapshot() }),
      ...(planetscale === undefined ? {} : { planetscale: snapshotPlanetScale(planetscale) }),
    }),
    addTursoUser: (username, email) => {
      requireTurso().registerUser(username, email);
    },
    addTursoMember: (org, username, role) => requireTurso().addMember(org, username, role),
    removeTursoMember: (org, username) => {
      requireTurso().removeMember(org, username);
    },
    addTursoInvite: (org, email, role = 'member') => {
      requireTurso().putInvite(org, email, role, stamp());
    },
    addPlanetScaleMember: (org, email, role = 'member', name = null) =>
      requirePlanetScale().addMember(org, { email, role, name }, stamp()).user.id,
    removePlanetScaleMember: (org, email) => {
      const state = requirePlanetScale();
      state.removeMember(org, state.memberByEmail(org, email).user.id);
    },
    addPlanetScaleTeamMember: (org, team, email) => {
      const state = requirePlanetScale();
      return state.addTeamMember(org, team, state.memberByEmail(org, email).user.id, stamp()).id;
    },
    removePlanetScaleTeamMember: (org, team, email) => {
      const state = requirePlanetScale();
      state.removeTeamMember(state.team(org, team), state.memberByEmail(org, email).user.id);
    },
    addPlanetScaleInvitation: (org, email, role = 'member') =>
      requirePlanetScale().addInvitation(org, email, role, stamp()).id,
    close,
  };
}
