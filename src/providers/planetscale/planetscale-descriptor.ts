/** PlanetScale as the tool sees it: a service token in two parts, organizations with teams. */
import { PROVIDER_FACTS } from '../../model/providers.js';
import type { ProviderDescriptor } from '../descriptor.js';
import type { EnvironmentVariable } from '../settings.js';

const TOKEN_ID: EnvironmentVariable = {
  name: 'PLANETSCALE_SERVICE_TOKEN_ID',
  help: 'the id of a PlanetScale service token',
  secret: true,
};
const TOKEN: EnvironmentVariable = {
  name: 'PLANETSCALE_SERVICE_TOKEN',
  help: 'the PlanetScale service token itself',
  secret: true,
};
const URL_VARIABLE: EnvironmentVariable = {
  name: 'PLANETSCALE_API_URL',
  help: 'the API origin, https://api.planetscale.com unless set (e.g. to `membership sandbox`)',
  secret: false,
};

/** PlanetScale service tokens use `ID:TOKEN` with no `Bearer` (docs/api-notes.md §2.1). */
function authorization(id: string, token: string): string {
  return `${id}:${token}`;
}

export const PLANETSCALE: ProviderDescriptor<'planetscale'> = {
  name: 'planetscale',
  facts: PROVIDER_FACTS.planetscale,
  variables: [TOKEN_ID, TOKEN, URL_VARIABLE],
  readSettings(reader) {
    const origin = reader.origin(URL_VARIABLE.name, 'https://api.planetscale.com');
    return {
      provider: 'planetscale',
      origin,
      authorization: authorization(reader.required(TOKEN_ID), reader.required(TOKEN)),
    };
  },
  // The `ID:TOKEN` header too: its runs across the colon, and its base64 (a `Basic` credential),
  // are not covered by the parts alone.
  secrets(env) {
    const [id = '', token = ''] = [TOKEN_ID, TOKEN].map((variable) => env[variable.name]?.trim() ?? '');
    const secrets = [id, token];
    if (id !== '' && token !== '') secrets.push(authorization(id, token));
    return secrets.filter((secret) => secret !== '');
  },
  create: async (http) => (await import('./planetscale-provider.js')).createPlanetScaleProvider(http),
};
