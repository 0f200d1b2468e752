import { describe, expect, it } from '@jest/globals';
import { apiPath } from '../../../src/providers/path.js';

/** The path a request for `path` reaches, once resolved as every HTTP client resolves it (WHATWG URL). */
const reached = (path: string) => new URL(path, 'https://api.example.test').pathname;

describe('apiPath', () => {
  it('encodes each segment, so that it stays one segment of the path it was put in', () => {
    const path = apiPath`/v1/organizations/${'a/b?c#d%2e'}/members/${'zoë'}`;
    expect(path).toBe('/v1/organizations/a%2Fb%3Fc%23d%252e/members/zo%C3%AB');
    expect(reached(path)).toBe(path);
  });

  it.each(['...', '.alice', 'al.ice..', '%2e%2e', '.%2e'])(
    'keeps %j, which is not a dot segment once encoded',
    (segment) => {
      const path = apiPath`/v1/organizations/${segment}/members`;
      expect(reached(path).split('/')).toHaveLength(5);
    },
  );

  it.each(['', '.', '..'])(
    'throws for %j, which would reach another endpoint: a bug, the file checks refuse it',
    (segment) => {
      expect(() => apiPath`/v1/organizations/${segment}/members`).toThrow(
        `API path segment ${JSON.stringify(segment)} in /v1/organizations/…/members would reach another endpoint`,
      );
    },
  );

  it('throws for a dot segment in any position', () => {
    expect(() => apiPath`/v1/organizations/${'acme'}/members/${'..'}`).toThrow('API path segment ".."');
  });
});
