/** Starts the project's sandbox for one test and builds the environment the CLI needs to reach it. */
import { startSandbox, type Sandbox, type SandboxOptions, type SandboxSeed } from '../../src/sandbox/index.js';

export const TURSO_TOKEN = 'tt-secret-7f3a9c1e5b';
export const PS_TOKEN_ID = 'pscale_tkn_id_4d2e';
export const PS_TOKEN = 'pscale_tkn_secret_91bc44aa0e';

/** Every credential a test run uses, to assert none of them is ever printed. */
export const SECRETS = [TURSO_TOKEN, PS_TOKEN, PS_TOKEN_ID];

export function baseSeed(): SandboxSeed {
  return {
    turso: {
      token: TURSO_TOKEN,
      token_user: 'olga',
      users: ['olga', 'alice', 'bob', 'carol', 'mallory'].map((username) => ({
        username,
        email: `${username}@acme.dev`,
      })),
      organizations: { acme: { members: { olga: 'owner', alice: 'admin' } } },
    },
    planetscale: {
      service_token_id: PS_TOKEN_ID,
      service_token: PS_TOKEN,
      token_user: 'olga@acme.dev',
      organizations: {
        acme: {
          members: ['olga', 'alice', 'bob', 'carol', 'zoe'].map((name) => ({
            email: `${name}@acme.dev`,
            role: name === 'olga' ? ('admin' as const) : ('member' as const),
          })),
          teams: { backend: { name: 'Backend', members: ['alice@acme.dev'] }, data: { name: 'Data', members: [] } },
        },
      },
    },
  };
}

export interface SandboxEnv {
  readonly sandbox: Sandbox;
  readonly env: Record<string, string>;
}

export async function startTestSandbox(
  seed: SandboxSeed = baseSeed(),
  options: Omit<SandboxOptions, 'seed'> = {},
): Promise<SandboxEnv> {
  const sandbox = await startSandbox({ seed, ...options });
  return {
    sandbox,
    env: {
      TURSO_API_URL: sandbox.tursoUrl,
      TURSO_API_TOKEN: TURSO_TOKEN,
      PLANETSCALE_API_URL: sandbox.planetscaleUrl,
      PLANETSCALE_SERVICE_TOKEN_ID: PS_TOKEN_ID,
      PLANETSCALE_SERVICE_TOKEN: PS_TOKEN,
    },
  };
}
