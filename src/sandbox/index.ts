/** The sandbox's public surface: start it, load a seed file, and the types they use. */
export { startSandbox, type Sandbox, type SandboxOptions, type SandboxSnapshot } from './start-sandbox.js';
export { loadSandboxSeed } from './load-sandbox-seed.js';
export { parseSandboxSeed } from './parse-sandbox-seed.js';
export { SandboxSeedError } from './sandbox-seed.js';
export type {
  PlanetScaleSeed,
  PlanetScaleSeedRole,
  SandboxSeed,
  TursoInviteRole,
  TursoSeed,
  TursoSeedRole,
} from './sandbox-seed.js';
export type { SandboxRequest } from './provider-server.js';
export type { FailureFault, PerProvider, RateLimitFault, RetryAfterForm, SandboxFaults } from './sandbox-faults.js';
export type { AlreadyOnTeamStatus } from './planetscale-context.js';
