import { describe, expect, it } from '@jest/globals';
import { secretsFromEnvironment } from '../../../src/providers/registry.js';

describe('secretsFromEnvironment', () => {
  it.each<[string, Record<string, string | undefined>, string[]]>([
    [
      'every token, trimmed as the HTTP layer reads it, and the PlanetScale header',
      {
        TURSO_API_TOKEN: ' tt-1 \n',
        PLANETSCALE_SERVICE_TOKEN_ID: 'id-2',
        PLANETSCALE_SERVICE_TOKEN: 'ps-3',
        HOME: '/root',
      },
      ['tt-1', 'id-2', 'ps-3', 'id-2:ps-3'],
    ],
    ['no header without both of its parts', { PLANETSCALE_SERVICE_TOKEN: 'ps-3' }, ['ps-3']],
    ['nothing for unset or blank variables', { TURSO_API_TOKEN: '  ', TURSO_API_URL: 'http://127.0.0.1:1' }, []],
  ])('%s', (_name, env, expected) => {
    expect(secretsFromEnvironment(env)).toEqual(expected);
  });
});
