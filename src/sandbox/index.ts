/** The sandbox's public surface: start it, load a seed file, and the types its callers use. */
export { startSandbox, type Sandbox, type SandboxOptions } from './start-sandbox.js';
export { loadSandboxSeed } from './load-sandbox-seed.js';
export { SandboxSeedError } from './sandbox-seed.js';
export type { PlanetScaleSeed, SandboxSeed } from './sandbox-seed.js';
export type { SandboxRequest } from './provider-server.js';
export type { SandboxFaults } from './sandbox-faults.js';
