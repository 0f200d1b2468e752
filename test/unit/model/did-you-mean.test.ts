import { describe, expect, it } from '@jest/globals';
import { closestMatch, didYouMean } from '../../../src/model/did-you-mean.js';

describe('closestMatch', () => {
  it.each<[string, readonly string[], string | undefined]>([
    ['Admin', ['admin', 'member', 'viewer'], 'admin'],
    ['MEMBER', ['admin', 'member', 'viewer'], 'member'],
    ['memeber', ['admin', 'member', 'viewer'], 'member'],
    ['organisations', ['organizations'], 'organizations'],
    ['jsn', ['text', 'json', 'markdown'], 'json'],
    ['tursso', ['turso', 'planetscale'], 'turso'],
    ['boss', ['admin', 'member', 'viewer'], undefined],
    ['ab', ['cd'], undefined],
    ['x', ['turso'], undefined],
    ['admin', ['admin', 'member'], undefined],
    ['', ['a'], undefined],
  ])('%s among %j', (input, candidates, expected) => {
    expect(closestMatch(input, candidates)).toBe(expected);
  });

  it('prefers the nearer candidate, then the earlier one', () => {
    expect(closestMatch('data-engg', ['data', 'data-eng', 'data-enh'])).toBe('data-eng');
    expect(closestMatch('ab1', ['ab2', 'ab3'])).toBe('ab2');
  });
});

describe('didYouMean', () => {
  it('is a clause to append, or nothing', () => {
    expect(didYouMean('Admin', ['admin'], (text) => `"${text}"`)).toBe('; did you mean "admin"?');
    expect(didYouMean('boss', ['admin'])).toBe('');
  });
});
