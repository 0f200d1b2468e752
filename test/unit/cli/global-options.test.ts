import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError } from 'commander';
import { nonNegativeInteger, positiveInteger, positiveNumber } from '../../../src/cli/global-options.js';

describe('numeric options take decimal digits only', () => {
  it.each(['', ' ', '0x10', '1e3', '-1', '1.5', '+2', '0b1', 'Infinity', '٣'])(
    '--max-removals %j is refused',
    (value) => {
      expect(() => nonNegativeInteger('--max-removals')(value)).toThrow(InvalidArgumentError);
    },
  );

  it.each([
    ['0', 0],
    ['7', 7],
    ['010', 10],
  ])('--max-removals %j reads as %i', (value, expected) => {
    expect(nonNegativeInteger('--max-removals')(value)).toBe(expected);
  });

  it('bounds positive integers and says so', () => {
    expect(positiveInteger('--concurrency', 64)('64')).toBe(64);
    expect(() => positiveInteger('--concurrency', 64)('0x10')).toThrow(
      '--concurrency must be a whole number from 1 to 64, written in digits',
    );
    expect(() => positiveInteger('--concurrency', 64)('65')).toThrow(InvalidArgumentError);
  });

  it('takes a decimal fraction where a number is asked for, never an exponent', () => {
    expect(positiveNumber('--retry-max-time', 3600)('2.5')).toBe(2.5);
    expect(() => positiveNumber('--retry-max-time', 3600)('1e3')).toThrow(InvalidArgumentError);
    expect(() => positiveNumber('--retry-max-time', 3600)('')).toThrow(InvalidArgumentError);
  });
});
