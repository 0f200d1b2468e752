/** Turso as the tool sees it: one API token, organizations without teams. */
import { PROVIDER_FACTS } from '../../model/providers.js';
import type { ProviderDescriptor } from '../descriptor.js';
import type { EnvironmentVariable } from '../settings.js';

const TOKEN: EnvironmentVariable = {
  name: 'TURSO_API_TOKEN',
  help: 'a Turso platform API token (turso auth api-tokens mint NAME)',
  secret: true,
};
const URL_VARIABLE: EnvironmentVariable = {
  name: 'TURSO_API_URL',
  help: 'the API origin, https://api.turso.tech unless set (e.g. to `membership sandbox`)',
  secret: false,
};

export const TURSO: ProviderDescriptor<'turso'> = {
  name: 'turso',
  facts: PROVIDER_FACTS.turso,
  variables: [TOKEN, URL_VARIABLE],
  readSettings(reader) {
    const origin = reader.origin(URL_VARIABLE.name, 'https://api.turso.tech');
    return { provider: 'turso', origin, authorization: `Bearer ${reader.required(TOKEN)}` };
  },
  // `Bearer TOKEN` is not listed: the token covers all of its secret part, and as a secret of its
  // own, its runs that begin inside `Bearer ` would take the space (or the word) before every
  // quoted token with them.
  secrets: (env) => [env[TOKEN.name]?.trim() ?? ''].filter((secret) => secret !== ''),
  create: async (http) => (await import('./turso-provider.js')).createTursoProvider(http),
};
