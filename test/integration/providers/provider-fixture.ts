/**
 * The real sandbox plus the real HTTP client (budget, retries, error translation) each provider
 * adapter runs on in production; nothing is mocked.
 */
import { createHttpClient } from '../../../src/http/create-http-client.js';
import type { HttpClient } from '../../../src/http/http-client.js';
import { createRequestBudget } from '../../../src/http/request-budget.js';
import { createSilentLogger } from '../../../src/logger.js';
import type {
  DesiredState,
  ProviderName,
  TursoOrganizationSpec,
  PlanetScaleOrganizationSpec,
} from '../../../src/model/desired-state.js';
import { startSandbox, type Sandbox, type SandboxRequest, type SandboxSeed } from '../../../src/sandbox/index.js';

export const TURSO_TOKEN = 'tt-prv-test-5c1d9e';
export const PS_TOKEN_ID = 'pscale_tkn_id_p7v3q9';
export const PS_TOKEN = 'pscale_tkn_secret_p7v3q9_77a1';

export function startProviderSandbox(seed: SandboxSeed): Promise<Sandbox> {
  return startSandbox({ seed, now: () => new Date('2026-05-01T12:00:00.000Z') });
}

export function createClient(sandbox: Sandbox, provider: ProviderName): HttpClient {
  const logger = createSilentLogger();
  // Generous numbers: these tests are about what is asked, not about pacing.
  const budget = createRequestBudget({ provider, concurrency: 4, maxRps: 1000, logger });
  return createHttpClient({
    provider,
    origin: provider === 'turso' ? sandbox.tursoUrl : sandbox.planetscaleUrl,
    authorization: provider === 'turso' ? `Bearer ${TURSO_TOKEN}` : `${PS_TOKEN_ID}:${PS_TOKEN}`,
    budget,
    logger,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
}

export function tursoDesired(organizations: Record<string, Partial<TursoOrganizationSpec>>): DesiredState {
  const specs = Object.entries(organizations).map(([slug, spec]): [string, TursoOrganizationSpec] => [
    slug,
    { members: new Map(), prune: false, ...spec },
  ]);
  return { version: 1, turso: { organizations: new Map(specs) } };
}

export function planetScaleDesired(
  organizations: Record<string, { teams?: string[]; members?: Record<string, string> }>,
): DesiredState {
  const specs = Object.entries(organizations).map(([name, spec]): [string, PlanetScaleOrganizationSpec] => [
    name,
    {
      teams: new Map((spec.teams ?? []).map((slug) => [slug, { members: [], prune: false }])),
      prune: false,
      ...(spec.members === undefined ? {} : { members: new Map(Object.entries(spec.members)) }),
    },
  ]);
  return { version: 1, planetscale: { organizations: new Map(specs) } };
}

/**
 * The desired state with a `people:` section declaring one person and no group: observation then
 * reads pending invites and invitations for every organization (a departed person's must go).
 */
export function withPeople(desired: DesiredState): DesiredState {
  const person = { email: 'zoe@acme.dev', departed: true, revokeCredentials: false };
  return { ...desired, people: { people: new Map([['zoe', person]]), groups: new Map() } };
}

/** `METHOD path` of every request so far, in arrival order. */
export function requestLines(sandbox: Sandbox): string[] {
  return sandbox.requests.map((request: SandboxRequest) => `${request.method} ${request.path}`);
}
