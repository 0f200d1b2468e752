/** JSON Schema of the saved plan file; strict, because the file decides what apply writes. */
import { PROVIDER_NAMES, type ProviderName } from '../model/desired-state.js';

const text = { type: 'string', minLength: 1 } as const;
const tursoRole = { enum: ['admin', 'member', 'viewer'] } as const;
/** Why a change is planned (model/people.ts Reason); on every change of a file that declares people. */
const because = {
  type: 'array',
  items: { anyOf: [{ type: 'string', pattern: '^group:.+$' }, { enum: ['file', 'prune', 'departed', 'expired'] }] },
} as const;

function change(
  provider: ProviderName,
  action: string,
  fields: Record<string, unknown>,
  optional: Record<string, unknown> = {},
) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['provider', 'action', 'organization', ...Object.keys(fields)],
    properties: {
      // Written since 0.2, derived from the fields below and checked against them when read.
      scope: text,
      provider: { const: provider },
      action: { const: action },
      organization: text,
      ...fields,
      ...optional,
      because,
    },
  } as const;
}

/** Every change a plan file may hold, per provider (model/plan.ts Change). */
const CHANGES_BY_PROVIDER: { readonly [P in ProviderName]: readonly ReturnType<typeof change>[] } = {
  turso: [
    change('turso', 'add', { member: text, role: tursoRole }),
    change('turso', 'change_role', { member: text, role: tursoRole, previous_role: text }),
    change('turso', 'remove', { member: text, previous_role: text }),
    change('turso', 'invite', { member: text, role: tursoRole }, { previous_role: text }),
    change('turso', 'cancel_invite', { member: text, previous_role: text }),
  ],
  planetscale: [
    change('planetscale', 'add', { team: text, member: text, user_id: text }),
    change('planetscale', 'remove', { team: text, member: text, user_id: text, membership_id: text }),
    change(
      'planetscale',
      'remove',
      { member: text, user_id: text, previous_role: text },
      { revoke_credentials: { const: true } },
    ),
    change('planetscale', 'change_role', { member: text, user_id: text, role: text, previous_role: text }),
    change('planetscale', 'invite', { member: text, role: text }),
    change('planetscale', 'cancel_invite', { member: text, previous_role: text }),
  ],
};
const CHANGES = PROVIDER_NAMES.flatMap((name) => CHANGES_BY_PROVIDER[name]);

export const PLAN_FILE_SCHEMA = {
  type: 'object',
  required: ['format_version', 'kind', 'desired_file', 'desired_sha256', 'changes', 'drift', 'problems'],
  properties: {
    format_version: { const: 1 },
    kind: { const: 'membership-plan' },
    desired_file: { type: 'string' },
    desired_sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    // Written by 0.1 and never read: apply now observes again instead of trusting a digest.
    observed_sha256: { type: 'string' },
    targets: { type: 'array', items: { type: 'string' } },
    max_removals: { type: 'integer', minimum: 0 },
    allow_empty: { type: 'boolean' },
    changes: { type: 'array', items: { oneOf: CHANGES } },
    drift: { type: 'array' },
    problems: { type: 'array' },
    notices: { type: 'array' },
    summary: { type: 'object' },
  },
} as const;
