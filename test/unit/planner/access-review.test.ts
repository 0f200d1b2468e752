import { describe, expect, it } from '@jest/globals';
import { formatScope } from '../../../src/model/scope.js';
import { findIdentity, reviewAccess, rowsOf, type AccessRow } from '../../../src/planner/access-review.js';
import {
  desiredOf,
  observed,
  planetscaleOrg,
  planetscaleSpec,
  teamSpec,
  tursoOrg,
  tursoSpec,
} from '../../support/builders.js';
import { AS_OF, peopleDesired, peopleObserved } from '../../support/people-fixture.js';

/** person | scope | observed | declared | reasons | expiry | status */
function compact(row: AccessRow): string {
  const observedText =
    row.observed === 'none' ? 'none' : `${row.observed === 'invited' ? 'invited ' : ''}${row.observedRole ?? ''}`;
  return [
    row.identity.label,
    formatScope(row.scope),
    observedText,
    row.declaredRole ?? 'none',
    row.reasons.join(',') || '-',
    row.expiry ?? '-',
    row.status,
  ].join(' | ');
}

const review = (now = AS_OF, expiryWarningDays = 14) =>
  reviewAccess(peopleDesired(), peopleObserved(), { now, expiryWarningDays });

describe('reviewAccess: the person form against what is observed', () => {
  it('gives one row per person per scope: attention first (unknown people first), then by person and scope', () => {
    const result = review();
    expect(result.asOf).toBe('2026-12-01');
    expect(result.scopes.map(formatScope)).toEqual(['turso.acme-data', 'planetscale.acme', 'planetscale.acme.backend']);
    expect(result.identities.map((identity) => [identity.label, identity.known])).toEqual([
      ['alice', 'person'],
      ['bob', 'person'],
      ['carol', 'person'],
      ['dana', 'person'],
      ['erin', 'file'],
      ['mallory', 'unknown'],
      ['olga', 'unknown'],
      ['zoe', 'person'],
    ]);
    expect(result.rows.map(compact)).toEqual([
      'mallory | turso.acme-data | member | none | - | - | undeclared',
      'olga | planetscale.acme | admin | none | - | - | undeclared',
      'alice | planetscale.acme | admin | member | group:data-eng | - | mismatch',
      'bob | planetscale.acme.backend | none | member | group:data-eng | - | missing',
      'carol | turso.acme-data | member | member | group:data-eng | 2026-12-10 | expiring',
      'carol | planetscale.acme | member | member | group:data-eng | 2026-12-10 | expiring',
      'carol | planetscale.acme.backend | member | member | group:data-eng | 2026-12-10 | expiring',
      'dana | planetscale.acme | none | member | group:data-eng | - | missing',
      'dana | planetscale.acme.backend | none | member | group:data-eng | - | missing',
      'erin | turso.acme-data | member | viewer | file | - | mismatch',
      'zoe | turso.acme-data | member | none | departed | - | departed',
      'zoe | planetscale.acme | member | none | departed | - | departed',
      'alice | turso.acme-data | admin | admin | group:db-admins | - | ok',
      'alice | planetscale.acme.backend | member | member | group:data-eng | - | ok',
      'bob | turso.acme-data | member | member | group:data-eng | - | ok',
      'bob | planetscale.acme | member | member | group:data-eng | - | ok',
      'dana | turso.acme-data | invited member | member | group:data-eng | - | ok',
      'erin | planetscale.acme | none | none | - | - | ok',
      'erin | planetscale.acme.backend | none | none | - | - | ok',
      'mallory | planetscale.acme | none | none | - | - | ok',
      'mallory | planetscale.acme.backend | none | none | - | - | ok',
      'olga | turso.acme-data | owner | none | owner | - | ok',
      'olga | planetscale.acme.backend | none | none | - | - | ok',
      'zoe | planetscale.acme.backend | none | none | departed | - | ok',
    ]);
    expect(result.notFound).toEqual([]);
  });

  it('finds Turso accounts by the email Turso reports, or by the declared username', () => {
    const result = review();
    expect(findIdentity(result, 'bob')?.turso).toEqual(['bob']);
    expect(findIdentity(result, 'alice')?.turso).toEqual(['alice-gh']);
    expect(findIdentity(result, 'dana')?.turso).toEqual([]);
  });

  it('lists every grant of a scope, the winning ones first, with when each ends', () => {
    const result = review();
    const alice = findIdentity(result, 'alice')!;
    const turso = rowsOf(result, alice)[0]!;
    expect(turso.grants).toEqual([
      { role: 'admin', reason: 'group:db-admins' },
      { role: 'member', reason: 'group:data-eng' },
    ]);
    const carol = rowsOf(result, findIdentity(result, 'carol')!);
    expect(carol.map((row) => row.grants)).toEqual([
      [{ role: 'member', reason: 'group:data-eng', ends: '2026-12-10' }],
      [{ role: 'member', reason: 'group:data-eng', ends: '2026-12-10' }],
      [{ reason: 'group:data-eng', ends: '2026-12-10' }],
    ]);
  });

  it('marks a grant expiring only within --expiry-warning-days, as plan does', () => {
    const statuses = (days: number) => {
      const result = review(AS_OF, days);
      return rowsOf(result, findIdentity(result, 'carol')!).map((row) => row.status);
    };
    expect(statuses(14)).toEqual(['expiring', 'expiring', 'expiring']);
    expect(statuses(9)).toEqual(['expiring', 'expiring', 'expiring']);
    expect(statuses(8)).toEqual(['ok', 'ok', 'ok']);
    expect(statuses(0)).toEqual(['ok', 'ok', 'ok']);
  });

  it('as of the day a grant ends, drops it: what it granted is no longer declared, and why is `expired`', () => {
    const result = review(Date.parse('2026-12-10T00:00:00Z'));
    expect(rowsOf(result, findIdentity(result, 'carol')!).map(compact)).toEqual([
      'carol | turso.acme-data | member | none | expired | - | undeclared',
      'carol | planetscale.acme | member | none | expired | - | undeclared',
      'carol | planetscale.acme.backend | member | none | expired | - | undeclared',
    ]);
  });

  it('finds a person by id, email or Turso username, case-insensitively, and nobody else', () => {
    const result = review();
    expect(findIdentity(result, 'alice')?.id).toBe('alice');
    expect(findIdentity(result, 'ALICE@acme.dev')?.id).toBe('alice');
    expect(findIdentity(result, 'Alice-GH')?.id).toBe('alice');
    expect(findIdentity(result, 'Mallory')?.known).toBe('unknown');
    expect(findIdentity(result, 'mallory@contractor.example')?.label).toBe('mallory');
    expect(findIdentity(result, 'erin')?.known).toBe('file');
    expect(findIdentity(result, 'nobody')).toBeUndefined();
    expect(findIdentity(result, 'nobody@acme.dev')).toBeUndefined();
  });

  it('says which declared scopes were not found', () => {
    const seen = peopleObserved();
    const result = reviewAccess(
      peopleDesired(),
      { turso: seen.turso, planetscale: new Map() },
      { now: AS_OF, expiryWarningDays: 14 },
    );
    expect(result.notFound.map(formatScope)).toEqual(['planetscale.acme']);
    const bob = rowsOf(result, findIdentity(result, 'bob')!);
    expect(bob.map((row) => `${formatScope(row.scope)} ${row.observed} ${row.status}`)).toEqual([
      'turso.acme-data member ok',
      'planetscale.acme none missing',
      'planetscale.acme.backend none missing',
    ]);
  });
});

describe('reviewAccess: a file without people:', () => {
  const desired = desiredOf({
    turso: { acme: tursoSpec({ alice: 'admin', bob: 'member' }, { invites: { 'new@acme.dev': 'member' } }) },
    planetscale: {
      acme: planetscaleSpec({ backend: teamSpec(['alice@acme.dev', 'carol@acme.dev']) }),
      beta: planetscaleSpec({}, { 'alice@acme.dev': 'admin', 'dave@acme.dev': 'member' }),
    },
  });
  const seen = observed({
    turso: { acme: tursoOrg({ olga: 'owner', alice: 'admin' }, 'team', { invites: {} }) },
    planetscale: {
      acme: planetscaleOrg(
        { 'alice@acme.dev': 'u1', 'carol@acme.dev': 'u3', 'zed@acme.dev': 'u9' },
        { backend: ['alice@acme.dev'] },
      ),
      beta: planetscaleOrg({ 'alice@acme.dev': 'u1' }, {}, [], {
        roles: { 'alice@acme.dev': 'admin' },
        invitations: { 'dave@acme.dev': { role: 'admin', createdAt: '2026-11-01T00:00:00Z' } },
      }),
    },
  });
  const result = reviewAccess(desired, seen, { now: AS_OF, expiryWarningDays: 14 });

  it('joins a Turso member and a PlanetScale email by the email Turso reports; the provider sections are `file`', () => {
    const alice = findIdentity(result, 'alice@acme.dev')!;
    expect(alice).toMatchObject({ label: 'alice', email: 'alice@acme.dev', turso: ['alice'], known: 'file' });
    expect(rowsOf(result, alice).map(compact)).toEqual([
      'alice | turso.acme | admin | admin | file | - | ok',
      'alice | planetscale.acme | member | any | file | - | ok',
      'alice | planetscale.acme.backend | member | member | file | - | ok',
      'alice | planetscale.beta | admin | admin | file | - | ok',
    ]);
  });

  it('holds an organization needed by a team as `any` role, and says what is missing, undeclared or a mismatch', () => {
    const rows = result.rows.filter((row) => row.status !== 'ok').map(compact);
    expect(rows).toEqual([
      'zed@acme.dev | planetscale.acme | member | none | - | - | undeclared',
      'bob | turso.acme | none | member | file | - | missing',
      'carol@acme.dev | planetscale.acme.backend | none | member | file | - | missing',
      'dave@acme.dev | planetscale.beta | invited admin | member | file | - | mismatch',
      'new@acme.dev | turso.acme | none | member | file | - | missing',
    ]);
  });
});
