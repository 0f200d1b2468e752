import type { DesiredState } from '../model/desired-state.js';
import type { Observed } from '../model/observed.js';
import type { ObserveScope, Providers } from './provider.js';

/** Observes every declared provider concurrently; a provider the file does not declare is not asked. */
export async function observeAll(
  desired: DesiredState,
  providers: Providers,
  scope: ObserveScope = 'declared',
): Promise<Observed> {
  const [turso, planetscale] = await Promise.all([
    desired.turso && providers.turso ? providers.turso.observe(desired, scope) : new Map(),
    desired.planetscale && providers.planetscale ? providers.planetscale.observe(desired, scope) : new Map(),
  ]);
  return { turso, planetscale };
}
