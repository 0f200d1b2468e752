import { PROVIDER_NAMES, type DesiredState, type ProviderName } from '../model/desired-state.js';
import type { Observed } from '../model/observed.js';
import type { ObserveScope, Providers } from './provider.js';

/** Observes every declared provider concurrently; a provider the file does not declare is not asked. */
export async function observeAll(
  desired: DesiredState,
  providers: Providers,
  scope: ObserveScope = 'declared',
): Promise<Observed> {
  const entries = await Promise.all(
    PROVIDER_NAMES.map(async (name) => [name, await observeOne(name, desired, providers, scope)] as const),
  );
  // One entry per ProviderName, each observeOne's Observed[P]: the shape of Observed, which
  // Object.fromEntries cannot express.
  return Object.fromEntries(entries) as unknown as Observed;
}

async function observeOne<P extends ProviderName>(
  name: P,
  desired: DesiredState,
  providers: Providers,
  scope: ObserveScope,
): Promise<Observed[P]> {
  const provider = providers[name];
  if (desired[name] === undefined || provider === undefined) return new Map() as Observed[P];
  return provider.observe(desired, scope);
}
