/**
 * `who` and `report` output from the access review of a person-form state built in code: every
 * format, the JSON against its published schema, CSV quoting and formula neutralisation, and
 * untrusted names kept inert in Markdown tables.
 */
import { describe, expect, it } from '@jest/globals';
import { ACCESS_STATUSES, findIdentity, reviewAccess, rowsOf } from '../../../src/planner/access-review.js';
import {
  csvField,
  renderReportCsv,
  renderReportJson,
  renderReportMarkdown,
  renderWhoJson,
  renderWhoMarkdown,
  renderWhoText,
} from '../../../src/render/render-access.js';
import { readSchema, schemaErrors, type JsonSchema } from '../../support/json-schemas.js';
import { desiredOf, observed, tursoOrg, tursoSpec } from '../../support/builders.js';
import { AS_OF, peopleDesired, peopleObserved } from '../../support/people-fixture.js';

const review = reviewAccess(peopleDesired(), peopleObserved(), { now: AS_OF, expiryWarningDays: 14 });
const who = (query: string) => {
  const identity = findIdentity(review, query)!;
  return [review, identity, rowsOf(review, identity)] as const;
};

describe('who', () => {
  it('prints, for every scope, the status, what is declared and why (every grant, when it ends), and what is observed', () => {
    expect(renderWhoText(...who('alice'))).toBe(
      [
        'alice: alice@acme.dev, Turso alice-gh; declared under people:',
        'As of 2026-12-01.',
        '',
        'turso.acme-data: ok',
        '  declared: admin (db-admins); also member (data-eng)',
        '  observed: member with role admin',
        'planetscale.acme: mismatch',
        '  declared: member (data-eng)',
        '  observed: member with role admin',
        'planetscale.acme.backend: ok',
        '  declared: member (data-eng)',
        '  observed: member of the team',
        '',
        '3 scopes: 1 mismatch, 2 ok.',
        '',
      ].join('\n'),
    );
    expect(renderWhoText(...who('carol'))).toContain(
      'turso.acme-data: expiring on 2026-12-10\n  declared: member (data-eng), until 2026-12-10\n',
    );
    expect(renderWhoText(...who('dana'))).toContain(
      'turso.acme-data: ok\n  declared: member (data-eng)\n  observed: pending invite with role member\n',
    );
    expect(renderWhoText(...who('zoe'))).toContain('zoe: zoe@acme.dev, Turso zoe; departed; declared under people:\n');
    expect(renderWhoText(...who('zoe'))).toContain(
      'turso.acme-data: departed, still has access\n  declared: none (departed)\n',
    );
  });

  it('shows a person the file does not declare as such, with what is observed', () => {
    const text = renderWhoText(...who('mallory@contractor.example'));
    expect(text).toMatch(
      /^mallory: mallory@contractor\.example, Turso mallory; not declared: the file does not name them, an organization it declares knows the account\n/,
    );
    expect(text).toContain('turso.acme-data: undeclared\n  declared: none\n  observed: member with role member\n');
    expect(renderWhoText(...who('olga'))).toContain(
      'turso.acme-data: ok\n  declared: none (owner)\n  observed: member with role owner\n',
    );
  });

  it('prints Markdown with every name in a code span', () => {
    const markdown = renderWhoMarkdown(...who('alice'));
    expect(markdown).toContain('### Access of `alice`\n');
    expect(markdown).toContain('As of 2026-12-01: 3 scopes, 1 mismatch, 2 ok.\n');
    expect(markdown).toContain('| `turso.acme-data` | ok | admin | `db-admins` |  | admin | `member (data-eng)` |\n');
    expect(markdown).toContain('| `planetscale.acme` | **mismatch** | member | `data-eng` |  | admin |  |\n');
  });

  it('prints JSON that the published schema accepts, with every grant', () => {
    const json = JSON.parse(renderWhoJson(...who('carol'))) as Record<string, unknown>;
    expect(schemaErrors('who', json)).toEqual([]);
    expect(json['person']).toEqual({
      name: 'carol',
      id: 'carol',
      email: 'carol@acme.dev',
      turso: ['carol'],
      known: 'person',
      departed: false,
      expires: null,
    });
    expect((json['access'] as unknown[])[2]).toEqual({
      scope: 'planetscale.acme.backend',
      provider: 'planetscale',
      organization: 'acme',
      team: 'backend',
      observed: 'member',
      observed_role: 'member',
      declared_role: 'member',
      reason: ['group:data-eng'],
      expiry: '2026-12-10',
      status: 'expiring',
      grants: [{ role: null, reason: 'group:data-eng', ends: '2026-12-10' }],
    });
    for (const identity of review.identities) {
      expect(schemaErrors('who', JSON.parse(renderWhoJson(review, identity, rowsOf(review, identity))))).toEqual([]);
    }
  });
});

describe('report', () => {
  it('prints Markdown: heading, date, summary, and the table, attention first', () => {
    const markdown = renderReportMarkdown(review, { file: 'membership.yaml' });
    const lines = markdown.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      '### Access review of `membership.yaml`',
      '',
      'As of 2026-12-01: 8 people, 3 scopes. **12 rows need attention**: 2 departed, 2 undeclared, 2 mismatch, 3 missing, 3 expiring, 12 ok.',
      '',
      '| person | email | scope | observed | declared | reason | expiry | status |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      '| `mallory` | `mallory@contractor.example` | `turso.acme-data` | member | none | none |  | **undeclared** |',
    ]);
    expect(markdown).toContain(
      '| `carol` | `carol@acme.dev` | `turso.acme-data` | member | member | `data-eng` | 2026-12-10 | **expiring** |\n',
    );
    expect(markdown).toContain(
      '| `dana` | `dana@acme.dev` | `turso.acme-data` | invited (member) | member | `data-eng` |  | ok |\n',
    );
    expect(markdown).toContain('| `erin` |  | `turso.acme-data` | member | viewer | `file` |  | **mismatch** |\n');
  });

  it('prints CSV per RFC 4180, one row per person per scope', () => {
    const csv = renderReportCsv(review);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('person,email,scope,observed_role,declared_role,reason,expiry,status');
    expect(lines[1]).toBe('mallory,mallory@contractor.example,turso.acme-data,member,none,none,,undeclared');
    expect(lines).toContain('carol,carol@acme.dev,turso.acme-data,member,member,data-eng,2026-12-10,expiring');
    expect(lines).toContain('alice,alice@acme.dev,turso.acme-data,admin,admin,db-admins,,ok');
    expect(lines.length).toBe(review.rows.length + 2);
    expect(lines.at(-1)).toBe('');
  });

  it('quotes CSV fields with commas, quotes and line breaks, and neutralises formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('data-eng, db-admins')).toBe('"data-eng, db-admins"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('a=b')).toBe('a=b');
  });

  it('neutralises a hostile name in every format', () => {
    const desired = desiredOf({ turso: { acme: tursoSpec({ '=cmd|x': 'member', 'pipe|`tick`': 'admin' }) } });
    const hostile = reviewAccess(desired, observed({ turso: { acme: tursoOrg({}) } }), {
      now: AS_OF,
      expiryWarningDays: 14,
    });
    const csv = renderReportCsv(hostile);
    expect(csv).toContain("\r\n'=cmd|x,,turso.acme,none,member,file,,missing\r\n");
    const markdown = renderReportMarkdown(hostile, { file: 'm.yaml' });
    expect(markdown).toContain('| `` pipe\\|`tick` `` |');
    expect(markdown).not.toMatch(/[^\\]\|`tick/);
  });

  it('prints JSON that the published schema accepts: as_of, a summary and snake_case rows', () => {
    const json = JSON.parse(renderReportJson(review)) as Record<string, unknown>;
    expect(schemaErrors('report', json)).toEqual([]);
    expect(json['as_of']).toBe('2026-12-01');
    expect(json['summary']).toEqual({
      people: 8,
      scopes: 3,
      ok: 12,
      expiring: 3,
      mismatch: 2,
      undeclared: 2,
      missing: 3,
      departed: 2,
    });
    expect((json['rows'] as unknown[])[0]).toEqual({
      person: 'mallory',
      email: 'mallory@contractor.example',
      known: 'unknown',
      scope: 'turso.acme-data',
      provider: 'turso',
      organization: 'acme-data',
      observed: 'member',
      observed_role: 'member',
      declared_role: null,
      reason: [],
      expiry: null,
      status: 'undeclared',
    });
  });

  it('publishes exactly the statuses the review gives', () => {
    for (const name of ['report', 'who'] as const) {
      const defs = readSchema(name)['$defs'] as Record<string, JsonSchema>;
      const statuses = (defs['status']!['oneOf'] as JsonSchema[]).map((variant) => variant['const']);
      expect(statuses.sort()).toEqual([...ACCESS_STATUSES].sort());
    }
  });
});
