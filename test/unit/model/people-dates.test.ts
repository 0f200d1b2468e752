/** The person form's small helpers: the reason a group's grant gives, and calendar days in UTC. */
import { describe, expect, it } from '@jest/globals';
import { dayOf, daysBetween, groupReason } from '../../../src/model/people.js';

describe('people helpers', () => {
  it('a group grants as group:NAME', () => {
    expect(groupReason('data-eng')).toBe('group:data-eng');
  });

  it('dayOf is the UTC day a moment falls on', () => {
    expect(dayOf(Date.parse('2026-11-28T00:00:00Z'))).toBe('2026-11-28');
    expect(dayOf(Date.parse('2026-11-28T23:59:59.999Z'))).toBe('2026-11-28');
    expect(dayOf(Date.parse('2026-11-28T23:30:00-02:00'))).toBe('2026-11-29');
  });

  it('daysBetween counts whole days, negative backwards, across month and leap day', () => {
    expect(daysBetween('2026-11-28', '2026-11-28')).toBe(0);
    expect(daysBetween('2026-11-28', '2026-12-05')).toBe(7);
    expect(daysBetween('2026-12-05', '2026-11-28')).toBe(-7);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });
});
