/** JSON Schema of the saved plan file; strict, because the file decides what apply writes. */
const name = { type: 'string', minLength: 1 } as const;

const tursoAdd = {
  type: 'object',
  additionalProperties: false,
  required: ['provider', 'action', 'organization', 'member', 'role'],
  properties: {
    provider: { const: 'turso' },
    action: { const: 'add' },
    organization: name,
    member: name,
    role: { enum: ['admin', 'member', 'viewer'] },
  },
} as const;

const planetscaleAdd = {
  type: 'object',
  additionalProperties: false,
  required: ['provider', 'action', 'organization', 'team', 'member', 'user_id'],
  properties: {
    provider: { const: 'planetscale' },
    action: { const: 'add' },
    organization: name,
    team: name,
    member: name,
    user_id: name,
  },
} as const;

export const PLAN_FILE_SCHEMA = {
  type: 'object',
  required: ['format_version', 'kind', 'desired_file', 'desired_sha256', 'observed_sha256', 'changes', 'drift', 'problems'],
  properties: {
    format_version: { const: 1 },
    kind: { const: 'membership-plan' },
    desired_file: { type: 'string' },
    desired_sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    observed_sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    changes: { type: 'array', items: { oneOf: [tursoAdd, planetscaleAdd] } },
    drift: { type: 'array' },
    problems: { type: 'array' },
    summary: { type: 'object' },
  },
} as const;
