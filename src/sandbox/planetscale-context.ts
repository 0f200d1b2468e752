/** What the PlanetScale route files share. */
import type { SandboxReply } from './provider-server.js';
import type { PlanetScaleOrganization, PlanetScaleState } from './planetscale-state.js';
import { planetScaleError } from './planetscale-render.js';
import { ReplyError, type Params } from './route-table.js';
import type { PlanetScaleAccess } from './sandbox-seed.js';

/** Undocumented (docs/api-notes.md §2.3): what adding someone already on a team answers. */
export type AlreadyOnTeamStatus = 400 | 409 | 422;

export interface PlanetScaleApiOptions {
  readonly alreadyOnTeamStatus: AlreadyOnTeamStatus;
  readonly now: () => Date;
}

/** What the route files share: the state, the options and the checks every route starts with. */
export interface PlanetScaleContext {
  readonly state: PlanetScaleState;
  readonly options: PlanetScaleApiOptions;
  /** The organization, after checking the token's access; both failures answer 404 (docs/api-notes.md §2.1). */
  organization(params: Params, access: PlanetScaleAccess): PlanetScaleOrganization;
}

export function ok(body: unknown): SandboxReply {
  return { status: 200, body };
}

/** A missing or non-object body is a bad request, in PlanetScale's envelope. */
export function readObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ReplyError(planetScaleError(400, 'Request body must be a JSON object'));
  }
  return body as Record<string, unknown>;
}
