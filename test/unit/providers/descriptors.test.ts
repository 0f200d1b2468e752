import { describe, expect, it } from '@jest/globals';
import { AuthError, SettingsError } from '../../../src/errors.js';
import { PROVIDER_NAMES } from '../../../src/model/desired-state.js';
import type { Target } from '../../../src/model/providers.js';
import { formatScope } from '../../../src/model/scope.js';
import {
  environmentHelp,
  parseTarget,
  PROVIDER_REGISTRY,
  readSettings,
  SECRET_VARIABLES,
} from '../../../src/providers/registry.js';

const FULL_ENV = {
  TURSO_API_TOKEN: 'tt-1',
  PLANETSCALE_SERVICE_TOKEN_ID: 'id-2',
  PLANETSCALE_SERVICE_TOKEN: 'ps-3',
};

describe('the provider registry', () => {
  it('holds, for every provider name, the descriptor of that name', () => {
    for (const name of PROVIDER_NAMES) expect(PROVIDER_REGISTRY[name].name).toBe(name);
  });

  it('lists every secret variable, in provider order', () => {
    expect(SECRET_VARIABLES).toEqual(['TURSO_API_TOKEN', 'PLANETSCALE_SERVICE_TOKEN_ID', 'PLANETSCALE_SERVICE_TOKEN']);
  });

  it('documents every variable in --help', () => {
    const help = environmentHelp().join('\n');
    for (const descriptor of Object.values(PROVIDER_REGISTRY)) {
      for (const variable of descriptor.variables) expect(help).toMatch(new RegExp(`^  ${variable.name} +\\S`, 'm'));
    }
  });
});

describe('AuthError', () => {
  it.each([
    ['turso', 401, 'turso: authentication failed (401): bad token. Check TURSO_API_TOKEN'],
    [
      'planetscale',
      403,
      'planetscale: authentication failed (403): bad token. Check PLANETSCALE_SERVICE_TOKEN_ID and PLANETSCALE_SERVICE_TOKEN and that the token may manage members',
    ],
  ] as const)('for %s names exactly its credential variables', (provider, status, message) => {
    expect(new AuthError(provider, status, 'bad token').message).toBe(message);
  });

  it.each(PROVIDER_NAMES)('for %s names the variables its descriptor reads as secrets', (provider) => {
    const secrets = PROVIDER_REGISTRY[provider].variables.filter((v) => v.secret).map((v) => v.name);
    expect(new AuthError(provider, 401, 'x').message).toContain(`Check ${secrets.join(' and ')}`);
  });
});

describe('readSettings', () => {
  it('reads the header and the default origin of each provider', () => {
    expect(readSettings(PROVIDER_NAMES, FULL_ENV)).toEqual([
      { provider: 'turso', origin: 'https://api.turso.tech', authorization: 'Bearer tt-1' },
      { provider: 'planetscale', origin: 'https://api.planetscale.com', authorization: 'id-2:ps-3' },
    ]);
  });

  it('accepts a loopback http origin with /v1, as the sandbox gives it', () => {
    const [settings] = readSettings(['turso'], { ...FULL_ENV, TURSO_API_URL: 'http://127.0.0.1:4000/v1/' });
    expect(settings?.origin).toBe('http://127.0.0.1:4000');
  });

  it('asks only for the providers named', () => {
    expect(() => readSettings(['turso'], { TURSO_API_TOKEN: 'tt-1' })).not.toThrow();
  });

  it('reports every missing or unusable setting of every provider together, in one line', () => {
    const env = { PLANETSCALE_SERVICE_TOKEN: ' ', TURSO_API_URL: 'http://api.example.com' };
    expect(() => readSettings(PROVIDER_NAMES, env)).toThrow(SettingsError);
    expect(() => readSettings(PROVIDER_NAMES, env)).toThrow(
      new RegExp(
        [
          '^TURSO_API_URL uses http:// for api.example.com: .*',
          'TURSO_API_TOKEN is not set: .*',
          'PLANETSCALE_SERVICE_TOKEN_ID is not set: .*',
          'PLANETSCALE_SERVICE_TOKEN is not set: the file declares this provider, so PLANETSCALE_SERVICE_TOKEN must hold the PlanetScale service token itself$',
        ].join('; '),
      ),
    );
  });
});

describe('--target grammar', () => {
  it.each<Target>([
    { provider: 'turso', organization: 'acme' },
    { provider: 'turso', organization: 'acme.data' },
    { provider: 'turso', organization: 'say "hi" \\ bye' },
    { provider: 'planetscale', organization: 'acme' },
    { provider: 'planetscale', organization: 'acme', team: 'data-eng' },
    { provider: 'planetscale', organization: 'my.org', team: 'team.v2' },
    { provider: 'planetscale', organization: 'back\\slash', team: 'say "hi"' },
  ])('writes %j as text that reads back to it', (target) => {
    expect(parseTarget(formatScope(target))).toEqual(target);
  });

  it.each<[Target, string]>([
    [{ provider: 'turso', organization: 'acme' }, 'turso.acme'],
    [{ provider: 'turso', organization: 'acme.data' }, 'turso."acme.data"'],
    [{ provider: 'planetscale', organization: 'acme', team: 'backend' }, 'planetscale.acme.backend'],
    [{ provider: 'planetscale', organization: 'my.org', team: 'backend' }, 'planetscale."my.org".backend'],
  ])('writes %j as %s', (target, text) => {
    expect(formatScope(target)).toBe(text);
  });

  it('lists every provider form when it refuses a target', () => {
    expect(() => parseTarget('neon.acme')).toThrow(
      '--target neon.acme: expected turso.ORG, planetscale.ORG or planetscale.ORG.TEAM (quote a name that holds a dot: planetscale."my.org".team)',
    );
  });
});
