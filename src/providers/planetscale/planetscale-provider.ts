/** The PlanetScale adapter behind the provider boundary: observation and apply live in their own files. */
import type { HttpClient } from '../../http/http-client.js';
import type { Provider } from '../provider.js';
import { applyPlanetScaleChange } from './planetscale-apply.js';
import { observePlanetScale } from './planetscale-observe.js';

export function createPlanetScaleProvider(http: HttpClient): Provider<'planetscale'> {
  return {
    name: 'planetscale',
    observe: (desired, scope = 'declared') => observePlanetScale(http, desired, scope),
    apply: (change) => applyPlanetScaleChange(http, change),
  };
}
