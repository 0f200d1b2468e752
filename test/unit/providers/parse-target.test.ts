import { describe, expect, it } from '@jest/globals';
import { SettingsError } from '../../../src/errors.js';
import { parseTarget } from '../../../src/providers/registry.js';

describe('parseTarget', () => {
  it.each([
    ['turso.acme', { provider: 'turso', organization: 'acme' }],
    ['turso.acme.data', { provider: 'turso', organization: 'acme.data' }],
    ['turso."acme.data"', { provider: 'turso', organization: 'acme.data' }],
    ['planetscale.acme', { provider: 'planetscale', organization: 'acme' }],
    ['planetscale.acme.data-eng', { provider: 'planetscale', organization: 'acme', team: 'data-eng' }],
    ['planetscale."my.org".data-eng', { provider: 'planetscale', organization: 'my.org', team: 'data-eng' }],
    ['planetscale.my\\.org.data-eng', { provider: 'planetscale', organization: 'my.org', team: 'data-eng' }],
    ['planetscale.acme."team.v2"', { provider: 'planetscale', organization: 'acme', team: 'team.v2' }],
    ['planetscale."say \\"hi\\""', { provider: 'planetscale', organization: 'say "hi"' }],
  ])('reads %s', (text, target) => {
    expect(parseTarget(text)).toEqual(target);
  });

  it.each([
    'turso',
    'turso.',
    'planetscale.my.org.team',
    'planetscale.acme.',
    'planetscale."open',
    'planetscale.acme\\',
    'github.acme',
    '',
  ])('refuses %j, saying how to quote a dotted name', (text) => {
    expect(() => parseTarget(text)).toThrow(SettingsError);
    expect(() => parseTarget(text)).toThrow('quote a name that holds a dot: planetscale."my.org".team');
  });
});

describe('parseTarget: did you mean, for a misspelt provider', () => {
  it.each([
    ['tursso.acme', 'turso.acme'],
    ['Turso.acme', 'turso.acme'],
    ['planetscal.acme.data-eng', 'planetscale.acme.data-eng'],
  ])('%s suggests %s', (text, corrected) => {
    expect(() => parseTarget(text)).toThrow(`; did you mean ${corrected}?`);
  });

  it.each(['github.acme', 'planetscal.a.b.c'])('suggests nothing for %s', (text) => {
    expect(() => parseTarget(text)).not.toThrow('did you mean');
    expect(() => parseTarget(text)).toThrow(SettingsError);
  });
});
