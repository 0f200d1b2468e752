/**
 * The published JSON Schemas (schemas/) against the TypeScript they describe: every enum equals its
 * union (each union is listed as the keys of a Record, so the compiler rejects a missing or extra
 * name), every change variant equals what the strict plan-file reader accepts, and a sample of
 * every change, drift item, note, problem, outcome, status and error validates. The integration
 * test (test/integration/json-output.test.ts) validates real CLI output.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { errorObject, type ErrorObjectKind } from '../../../src/cli/error-json.js';
import {
  ApiError,
  AuthError,
  ConfigError,
  ERROR_KINDS,
  PlanFileError,
  RequestNotStartedError,
  SettingsError,
  StalePlanError,
  UnexpectedResponseError,
  UnjustifiedPlanError,
  PlanProblemsError,
  UserError,
} from '../../../src/errors.js';
import {
  PLAN_FORMAT_VERSION,
  type Change,
  type Drift,
  type NoticeKind,
  type Plan,
  type ProblemKind,
} from '../../../src/model/plan.js';
import type { Reason } from '../../../src/model/people.js';
import type { ApplyStatus, Outcome, Result } from '../../../src/model/result.js';
import { PLAN_FILE_SCHEMA } from '../../../src/plan-file/plan-file-schema.js';
import { toPlanFile } from '../../../src/plan-file/plan-file.js';
import { renderPlanJson } from '../../../src/render/render-plan-json.js';
import { renderResultsJson } from '../../../src/render/render-results.js';
import { readSchema, schemaErrors, SCHEMA_ID_BASE, SCHEMA_NAMES, type JsonSchema } from '../../support/json-schemas.js';

type Names<T extends string> = Record<T, true>;
const names = <T extends string>(record: Names<T>): string[] => Object.keys(record).sort();

const ACTIONS: Names<Change['action']> = {
  add: true,
  change_role: true,
  remove: true,
  invite: true,
  cancel_invite: true,
};
const DRIFT_KINDS: Names<Drift['kind']> = {
  undeclared_member: true,
  undeclared_invite: true,
  undeclared_org_member: true,
};
const NOTICE_KINDS: Names<NoticeKind> = {
  owner_kept: true,
  token_user_kept: true,
  managed_team: true,
  idp_managed_roles: true,
  invites_unlisted: true,
  invite_not_needed: true,
  stale_invite: true,
  pending_invitation_role: true,
  awaiting_invitation: true,
  expiring: true,
  credentials_kept: true,
};
const PROBLEM_KINDS: Names<ProblemKind> = {
  organization_not_found: true,
  personal_organization: true,
  team_not_found: true,
  not_an_organization_member: true,
  invites_not_available: true,
  email_as_username: true,
  invitation_role: true,
  empty_list: true,
  last_admin: true,
  removal_cap: true,
};
/** Every reason but `group:NAME`, which the schemas allow by pattern. */
const NAMED_REASONS: Names<Exclude<Reason, `group:${string}`>> = {
  file: true,
  prune: true,
  departed: true,
  expired: true,
};
const OUTCOMES: Names<Outcome> = { applied: true, already_present: true, failed: true, skipped: true };
const STATUSES: Names<ApplyStatus> = { complete: true, failed: true, interrupted: true };
const ERROR_OBJECT_KINDS: Names<ErrorObjectKind> = {
  error: true,
  config: true,
  settings: true,
  plan_file: true,
  stale_plan: true,
  unjustified_plan: true,
  plan_problems: true,
  api: true,
  unexpected_response: true,
  auth: true,
  interrupted: true,
  internal: true,
};

/** The first column of the README's "JSON output" table headed by `column`. */
function readmeTable(column: string): string[] {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## JSON output'), readme.indexOf('## Environment'));
  const start = section.indexOf(`| ${column} |`);
  const rows = section.slice(start).split('\n\n')[0]!.split('\n').slice(2);
  return rows.map((row) => /^\| `([a-z_]+)` \|/.exec(row)?.[1] ?? row).sort();
}

const plan = readSchema('plan');
const defs = plan['$defs'] as Record<string, JsonSchema>;
const variants = (schema: JsonSchema | undefined) => (schema?.['oneOf'] ?? []) as JsonSchema[];
const props = (schema: JsonSchema) => schema['properties'] as Record<string, JsonSchema>;
/** The values an `enum`, or a `oneOf` of `const`s (each with its description), allows. */
const allowed = (schema: JsonSchema | undefined): string[] =>
  ((schema?.['enum'] as string[] | undefined) ?? variants(schema).map((variant) => variant['const'] as string)).sort();

describe('the published schemas', () => {
  it.each(SCHEMA_NAMES)(
    '%s.schema.json is draft 2020-12, compiles strictly, and has its $id, title and description',
    (name) => {
      const schema = readSchema(name);
      expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema['$id']).toBe(`${SCHEMA_ID_BASE}${name}.schema.json`);
      expect(schema['title']).toEqual(expect.any(String));
      expect(schema['description']).toEqual(expect.any(String));
      // Compiles on its own with plan.schema.json (the one others refer to), strict mode rejecting unknown keywords.
      const ajv = new Ajv2020({ strict: true });
      if (name !== 'plan') ajv.addSchema(plan);
      expect(() => ajv.compile(schema)).not.toThrow();
    },
  );

  it('enumerate exactly the actions, drift kinds, notice kinds, problem kinds, outcomes, statuses and error kinds', () => {
    expect(allowed(defs['action'])).toEqual(names(ACTIONS));
    expect(allowed(defs['driftKind'])).toEqual(names(DRIFT_KINDS));
    expect([...new Set(variants(defs['drift']).map((variant) => props(variant)['kind']?.['const']))].sort()).toEqual(
      names(DRIFT_KINDS),
    );
    expect(allowed(defs['noticeKind'])).toEqual(names(NOTICE_KINDS));
    expect(allowed(defs['problemKind'])).toEqual(names(PROBLEM_KINDS));
    const results = readSchema('apply-results');
    expect(allowed((results['$defs'] as Record<string, JsonSchema>)['outcome'])).toEqual(names(OUTCOMES));
    expect(allowed(props(results)['status'])).toEqual(names(STATUSES));
    const error = props(props(readSchema('error'))['error']!);
    expect(allowed(error['kind'])).toEqual(names(ERROR_OBJECT_KINDS));
    expect([...ERROR_KINDS, 'internal'].sort()).toEqual(names(ERROR_OBJECT_KINDS));
  });

  it('allow exactly the reasons of `because`: group:NAME by pattern, the others by name, in both schemas', () => {
    const reasons = variants(defs['reason']);
    const named = reasons.filter((variant) => 'const' in variant).map((variant) => variant['const'] as string);
    expect(named.sort()).toEqual(names(NAMED_REASONS));
    expect(reasons.filter((variant) => !('const' in variant))).toEqual([
      expect.objectContaining({ type: 'string', pattern: '^group:.+$' }),
    ]);
    const reader = PLAN_FILE_SCHEMA.properties.changes.items.oneOf as unknown as JsonSchema[];
    for (const variant of reader) {
      const [pattern, named] = (props(variant)['because']?.['items'] as { anyOf: JsonSchema[] }).anyOf;
      expect(pattern).toEqual({ type: 'string', pattern: '^group:.+$' });
      expect([...(named?.['enum'] as string[])].sort()).toEqual(names(NAMED_REASONS));
    }
  });

  it('are what the README lists, kind by kind', () => {
    expect(readmeTable('drift `kind`')).toEqual(names(DRIFT_KINDS));
    expect(readmeTable('notice `kind`')).toEqual(names(NOTICE_KINDS));
    expect(readmeTable('problem `kind`')).toEqual(names(PROBLEM_KINDS));
    expect(readmeTable('error `kind`')).toEqual(names(ERROR_OBJECT_KINDS));
  });

  it('describe each change as the strict plan-file reader accepts it (same variants, same fields, scope required)', () => {
    const shape = (variant: JsonSchema) => ({
      provider: props(variant)['provider']?.['const'],
      action: props(variant)['action']?.['const'],
      fields: Object.keys(props(variant)).sort(),
      required: (variant['required'] as string[]).filter((field) => field !== 'scope').sort(),
    });
    const reader = PLAN_FILE_SCHEMA.properties.changes.items.oneOf as unknown as JsonSchema[];
    expect(variants(defs['change']).map(shape)).toEqual(reader.map(shape));
    for (const variant of variants(defs['change'])) {
      expect(variant['required']).toContain('scope');
      expect(names(ACTIONS)).toContain(props(variant)['action']?.['const']);
    }
  });
});

const CHANGES: Change[] = [
  {
    provider: 'turso',
    action: 'add',
    organization: 'acme',
    member: 'alice',
    role: 'admin',
    because: ['file', 'group:db-admins'],
  },
  {
    provider: 'turso',
    action: 'change_role',
    organization: 'acme',
    member: 'bob',
    role: 'viewer',
    previous_role: 'member',
  },
  { provider: 'turso', action: 'remove', organization: 'acme', member: 'carol', previous_role: 'member' },
  { provider: 'turso', action: 'invite', organization: 'acme', member: 'new@acme.dev', role: 'member' },
  {
    provider: 'turso',
    action: 'invite',
    organization: 'acme',
    member: 'old@acme.dev',
    role: 'admin',
    previous_role: 'member',
  },
  {
    provider: 'turso',
    action: 'cancel_invite',
    organization: 'acme',
    member: 'gone@acme.dev',
    previous_role: 'member',
  },
  {
    provider: 'planetscale',
    action: 'add',
    organization: 'my.org',
    team: 'backend',
    member: 'a@acme.dev',
    user_id: 'u1',
  },
  {
    provider: 'planetscale',
    action: 'remove',
    organization: 'acme',
    team: 'backend',
    member: 'b@acme.dev',
    user_id: 'u2',
    membership_id: 'm2',
  },
  {
    provider: 'planetscale',
    action: 'change_role',
    organization: 'acme',
    member: 'c@acme.dev',
    user_id: 'u3',
    role: 'admin',
    previous_role: 'member',
  },
  { provider: 'planetscale', action: 'invite', organization: 'acme', member: 'd@acme.dev', role: 'member' },
  {
    provider: 'planetscale',
    action: 'remove',
    organization: 'acme',
    member: 'g@acme.dev',
    user_id: 'u7',
    previous_role: 'admin',
    revoke_credentials: true,
    because: ['departed'],
  },
  {
    provider: 'planetscale',
    action: 'cancel_invite',
    organization: 'acme',
    member: 'h@acme.dev',
    previous_role: 'member',
    because: ['expired'],
  },
];
const DRIFT: Drift[] = [
  { provider: 'turso', kind: 'undeclared_member', organization: 'acme', member: 'eve', role: 'member' },
  { provider: 'turso', kind: 'undeclared_invite', organization: 'acme', member: 'x@acme.dev', role: 'viewer' },
  { provider: 'planetscale', kind: 'undeclared_member', organization: 'acme', team: 'data', member: 'e@acme.dev' },
  { provider: 'planetscale', kind: 'undeclared_org_member', organization: 'acme', member: 'f@acme.dev', role: 'admin' },
  { provider: 'planetscale', kind: 'undeclared_invite', organization: 'acme', member: 'i@acme.dev', role: 'member' },
];
const SAMPLE: Plan = {
  format_version: PLAN_FORMAT_VERSION,
  changes: CHANGES,
  drift: DRIFT,
  notices: names(NOTICE_KINDS).map((kind, i) => ({
    kind: kind as NoticeKind,
    provider: 'planetscale',
    organization: 'acme',
    ...(i % 2 === 0 && { team: 'backend' }),
    ...(i % 3 === 0 && { member: 'g@acme.dev' }),
    message: `a ${kind} note`,
  })),
  problems: names(PROBLEM_KINDS).map((kind) =>
    kind === 'removal_cap'
      ? { kind, message: 'refusing 9 removals' }
      : {
          kind: kind as ProblemKind,
          provider: 'turso',
          organization: 'acme',
          member: 'h',
          message: `a ${kind} problem`,
        },
  ),
};

describe('rendered JSON matches its schema', () => {
  it('a plan with every action, drift kind, notice kind and problem kind', () => {
    expect(schemaErrors('plan', JSON.parse(renderPlanJson(SAMPLE)))).toEqual([]);
  });

  it('a saved plan (which has no problems)', () => {
    const origin = {
      desiredFile: 'membership.yaml',
      desiredSha256: 'a'.repeat(64),
      targets: ['turso.acme'],
      maxRemovals: 5,
      allowEmpty: false,
    };
    const saved = toPlanFile({ ...SAMPLE, problems: [] }, origin);
    expect(schemaErrors('plan-file', JSON.parse(JSON.stringify(saved)))).toEqual([]);
    expect(schemaErrors('plan-file', JSON.parse(JSON.stringify(toPlanFile(SAMPLE, origin))))).not.toEqual([]);
  });

  it('apply results of every outcome, with the status applyStatus gives', () => {
    const outcomes: Result[] = [
      { change: CHANGES[0]!, outcome: 'applied' },
      { change: CHANGES[6]!, outcome: 'already_present' },
      { change: CHANGES[7]!, outcome: 'failed', error: { status: 500, message: 'boom' } },
      { change: CHANGES[8]!, outcome: 'failed', error: { status: null, message: 'socket hang up' } },
      { change: CHANGES[9]!, outcome: 'skipped', reason: 'interrupted before it started' },
    ];
    const cases: Array<[readonly Result[], boolean, ApplyStatus]> = [
      [[], false, 'complete'],
      [outcomes.slice(0, 2), false, 'complete'],
      [outcomes, false, 'failed'],
      [outcomes, true, 'interrupted'],
    ];
    for (const [results, interrupted, status] of cases) {
      const json = JSON.parse(renderResultsJson(results, interrupted)) as Record<string, unknown>;
      expect(Object.keys(json)).toEqual(['format_version', 'status', 'results', 'summary']);
      expect(json['status']).toBe(status);
      expect(schemaErrors('apply-results', json)).toEqual([]);
    }
  });

  it('an error object for every error class, each with its own kind', () => {
    const issue = { file: 'm.yaml', line: 3, column: 5, path: 'turso.organizations.acme', message: 'bad' };
    const errors: Array<[unknown, ErrorObjectKind]> = [
      [new UserError('nothing applied'), 'error'],
      [new ConfigError([issue, { ...issue, line: 0, column: 0, path: '' }]), 'config'],
      [new SettingsError('TURSO_API_TOKEN is not set'), 'settings'],
      [new PlanFileError('not a plan file'), 'plan_file'],
      [new StalePlanError('stale'), 'stale_plan'],
      [new UnjustifiedPlanError('unjustified'), 'unjustified_plan'],
      [
        new PlanProblemsError([
          { kind: 'team_not_found', provider: 'planetscale', organization: 'acme', team: 'ops', message: 'no team' },
        ]),
        'plan_problems',
      ],
      [new ApiError('turso', 'GET', '/v1/organizations', 500, 'boom'), 'api'],
      [new ApiError('planetscale', 'GET', '/v1/organizations', null, 'reset'), 'api'],
      [
        new UnexpectedResponseError('turso', 'GET', '/v1/x', 200, 'data is missing', 'https://docs'),
        'unexpected_response',
      ],
      [new AuthError('planetscale', 401, 'unauthorized'), 'auth'],
      [new RequestNotStartedError('turso'), 'interrupted'],
      [new TypeError('a bug'), 'internal'],
    ];
    for (const [error, kind] of errors) {
      const object = errorObject(error);
      expect(object.error.kind).toBe(kind);
      expect(schemaErrors('error', JSON.parse(JSON.stringify(object)))).toEqual([]);
    }
    expect(errorObject(errors[1]![0]).error.issues).toHaveLength(2);
    const kinds = new Set(errors.map(([, kind]) => kind));
    expect([...kinds].sort()).toEqual(names(ERROR_OBJECT_KINDS));
  });

  it('and the schemas reject what was never written: an unknown field, a reason or revoke_credentials out of place, a missing status, issues on a non-config error', () => {
    const plan = JSON.parse(renderPlanJson(SAMPLE)) as { changes: Array<Record<string, unknown>> };
    plan.changes[0]!['extra'] = 1;
    expect(schemaErrors('plan', plan)).not.toEqual([]);
    // `because` holds reasons only; revoke_credentials is `true` on a PlanetScale organization removal only.
    const sample = JSON.parse(renderPlanJson(SAMPLE)) as { changes: Array<Record<string, unknown>> };
    const withChange = (change: Record<string, unknown>) => ({ ...sample, changes: [change] });
    const [addAlice, , removeCarol] = sample.changes;
    const removeG = sample.changes.find((change) => change['revoke_credentials'] === true)!;
    expect(schemaErrors('plan', withChange({ ...addAlice, because: ['group:data-eng', 'prune'] }))).toEqual([]);
    for (const because of [['group:'], ['team:data'], ['File'], 'file'])
      expect(schemaErrors('plan', withChange({ ...addAlice, because }))).not.toEqual([]);
    expect(schemaErrors('plan', withChange({ ...removeG, revoke_credentials: false }))).not.toEqual([]);
    expect(schemaErrors('plan', withChange({ ...removeCarol, revoke_credentials: true }))).not.toEqual([]);
    const results = JSON.parse(renderResultsJson([], false)) as Record<string, unknown>;
    delete results['status'];
    expect(schemaErrors('apply-results', results)).not.toEqual([]);
    const applied = JSON.parse(renderResultsJson([{ change: CHANGES[0]!, outcome: 'applied' }], false)) as {
      results: Array<Record<string, unknown>>;
    };
    expect(schemaErrors('apply-results', applied)).toEqual([]);
    applied.results[0]!['reason'] = 'not for an applied change';
    expect(schemaErrors('apply-results', applied)).not.toEqual([]);
    expect(schemaErrors('error', { error: { kind: 'settings', message: 'x', issues: [] } })).not.toEqual([]);
    expect(schemaErrors('error', { error: { kind: 'config', message: 'x' } })).not.toEqual([]);
  });
});
