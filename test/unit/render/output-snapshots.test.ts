/**
 * What a reviewer sees, byte for byte: one realistic plan with every kind of line (each change
 * action, each drift kind, notes, problems, a plan-wide problem) in every format, and apply results
 * after success, failure and interrupt. Pure renderers, no sockets. When output changes on
 * purpose, review the snapshot diff and update with `jest -u`.
 */
import { describe, expect, it } from '@jest/globals';
import { PLAN_FORMAT_VERSION, type Change, type Plan } from '../../../src/model/plan.js';
import type { Result } from '../../../src/model/result.js';
import { renderPlanJson } from '../../../src/render/render-plan-json.js';
import { renderPlanMarkdown } from '../../../src/render/render-plan-markdown.js';
import { renderPlanText } from '../../../src/render/render-plan-text.js';
import { renderResultLine, renderResultsSummary } from '../../../src/render/render-results.js';
import { renderResultsMarkdown } from '../../../src/render/render-results-markdown.js';
import { styleFor } from '../../../src/render/style.js';

const COLOUR = styleFor({ isTTY: true }, {});

const addBob: Change = { provider: 'turso', action: 'add', organization: 'acme-data', member: 'bob', role: 'member' };
const inviteDana: Change = {
  provider: 'turso',
  action: 'invite',
  organization: 'acme-data',
  member: 'dana@acme.dev',
  role: 'member',
};
const reinviteEve: Change = {
  provider: 'turso',
  action: 'invite',
  organization: 'acme-data',
  member: 'eve@acme.dev',
  role: 'admin',
  previous_role: 'member',
};
const promoteAlice: Change = {
  provider: 'turso',
  action: 'change_role',
  organization: 'acme-data',
  member: 'alice',
  role: 'admin',
  previous_role: 'member',
};
const removeMallory: Change = {
  provider: 'turso',
  action: 'remove',
  organization: 'acme-data',
  member: 'mallory',
  previous_role: 'viewer',
};
const cancelOld: Change = {
  provider: 'turso',
  action: 'cancel_invite',
  organization: 'acme-data',
  member: 'old@acme.dev',
  previous_role: 'member',
};
const inviteFrank: Change = {
  provider: 'planetscale',
  action: 'invite',
  organization: 'acme',
  member: 'frank@acme.dev',
  role: 'member',
};
const demoteGus: Change = {
  provider: 'planetscale',
  action: 'change_role',
  organization: 'acme',
  member: 'gus@acme.dev',
  user_id: 'u-gus',
  role: 'member',
  previous_role: 'admin',
};
const addHana: Change = {
  provider: 'planetscale',
  action: 'add',
  organization: 'acme',
  team: 'backend',
  member: 'hana@acme.dev',
  user_id: 'u-hana',
};
const removeIvan: Change = {
  provider: 'planetscale',
  action: 'remove',
  organization: 'acme',
  team: 'backend',
  member: 'ivan@acme.dev',
  user_id: 'u-ivan',
  membership_id: 'm-ivan',
};

const EVERY_KIND: Plan = {
  format_version: PLAN_FORMAT_VERSION,
  changes: [
    addBob,
    inviteDana,
    reinviteEve,
    promoteAlice,
    removeMallory,
    cancelOld,
    inviteFrank,
    demoteGus,
    addHana,
    removeIvan,
  ],
  drift: [
    { provider: 'turso', kind: 'undeclared_member', organization: 'acme-data', member: 'zoe', role: 'member' },
    {
      provider: 'turso',
      kind: 'undeclared_invite',
      organization: 'acme-data',
      member: 'temp@acme.dev',
      role: 'viewer',
    },
    {
      provider: 'planetscale',
      kind: 'undeclared_org_member',
      organization: 'acme',
      member: 'kim@acme.dev',
      role: 'member',
    },
    { provider: 'planetscale', kind: 'undeclared_member', organization: 'acme', team: 'data', member: 'lee@acme.dev' },
  ],
  notices: [
    {
      kind: 'owner_kept',
      provider: 'turso',
      organization: 'acme-data',
      member: 'olga',
      message: 'olga is an owner; owners are never changed (the file says member)',
    },
    {
      kind: 'stale_invite',
      provider: 'turso',
      organization: 'acme-data',
      member: 'slow@acme.dev',
      message:
        'slow@acme.dev was invited 20 days ago and has not accepted; the invite is not re-sent (remove it from the file, or follow up in person)',
    },
    {
      kind: 'pending_invitation_role',
      provider: 'planetscale',
      organization: 'acme',
      member: 'nina@acme.dev',
      message:
        'nina@acme.dev has a pending invitation as member, the file says admin; the role can be changed once they accept',
    },
    {
      kind: 'awaiting_invitation',
      provider: 'planetscale',
      organization: 'acme',
      team: 'backend',
      member: 'frank@acme.dev',
      message: 'frank@acme.dev joins the team once they accept the organization invitation (plan again then)',
    },
    {
      kind: 'managed_team',
      provider: 'planetscale',
      organization: 'acme',
      team: 'sso',
      message:
        'team "sso" is managed by directory sync; its members are not touched (change them in your identity provider)',
    },
  ],
  problems: [
    {
      kind: 'not_an_organization_member',
      provider: 'planetscale',
      organization: 'acme',
      team: 'data',
      member: 'x@acme.dev',
      message:
        'x@acme.dev is not a member of organization "acme"; invite them first (declare them under the organization\'s members:)',
    },
    {
      kind: 'team_not_found',
      provider: 'planetscale',
      organization: 'acme',
      team: 'ops',
      message: 'team "ops" does not exist in organization "acme" (teams are named by slug)',
    },
    {
      kind: 'removal_cap',
      message:
        'refusing 3 removals, more than --max-removals 2 allows; if that is intended, plan again with --max-removals 3',
    },
  ],
};

const ONLY_ADDS: Plan = {
  format_version: PLAN_FORMAT_VERSION,
  changes: [addBob, addHana],
  drift: [],
  notices: [],
  problems: [],
};
const NOTHING: Plan = { format_version: PLAN_FORMAT_VERSION, changes: [], drift: [], notices: [], problems: [] };

describe('a plan with every kind of line', () => {
  it('as text', () => {
    expect(renderPlanText(EVERY_KIND)).toMatchSnapshot();
  });

  it('as text on a terminal, in colour', () => {
    expect(renderPlanText(EVERY_KIND, COLOUR)).toMatchSnapshot();
  });

  it('as Markdown', () => {
    expect(renderPlanMarkdown(EVERY_KIND, { file: 'membership.yaml' })).toMatchSnapshot();
  });

  it('as JSON', () => {
    expect(renderPlanJson(EVERY_KIND)).toMatchSnapshot();
  });
});

describe('small plans', () => {
  it('only additions: all three counts, a legend of the marks shown', () => {
    expect(renderPlanText(ONLY_ADDS)).toMatchSnapshot();
  });

  it('nothing to do', () => {
    expect(renderPlanText(NOTHING)).toBe('No changes. Membership matches the file.\n');
  });
});

const SUCCESS: Result[] = [
  { change: addBob, outcome: 'applied' },
  { change: inviteDana, outcome: 'already_present' },
  { change: promoteAlice, outcome: 'applied' },
  { change: addHana, outcome: 'applied' },
  { change: removeIvan, outcome: 'applied' },
];

const FAILURE: Result[] = [
  { change: addBob, outcome: 'applied' },
  { change: inviteFrank, outcome: 'failed', error: { status: 422, message: 'Service tokens can only invite members' } },
  { change: addHana, outcome: 'failed', error: { status: null, message: 'connection reset' } },
  {
    change: demoteGus,
    outcome: 'skipped',
    reason:
      'an admin grant in the same organization did not succeed; an admin is not removed or demoted until another is in place',
  },
];

const INTERRUPT: Result[] = [
  { change: addBob, outcome: 'applied' },
  { change: promoteAlice, outcome: 'applied' },
  { change: removeMallory, outcome: 'skipped', reason: 'interrupted before it started' },
  {
    change: removeIvan,
    outcome: 'skipped',
    reason: 'still in flight when the interrupt grace period ended; run apply again to converge',
  },
];

/** What apply prints to stdout in text: a line per change as it completes, then the ending. */
function appliedText(results: readonly Result[], interrupted: boolean): string {
  const lines = results.map((result) => renderResultLine(result) + '\n').join('');
  return `\nApplying ${results.length} changes...\n${lines}\n${renderResultsSummary(results, interrupted)}`;
}

describe.each([
  { name: 'success', results: SUCCESS, interrupted: false },
  { name: 'failure (failed and skipped)', results: FAILURE, interrupted: false },
  { name: 'interrupt', results: INTERRUPT, interrupted: true },
])('apply results after $name', ({ results, interrupted }) => {
  it('as text', () => {
    expect(appliedText(results, interrupted)).toMatchSnapshot();
  });

  it('as text on a terminal, in colour', () => {
    expect(renderResultsSummary(results, interrupted, COLOUR)).toMatchSnapshot();
  });

  it('as Markdown (the job summary)', () => {
    expect(renderResultsMarkdown(results, interrupted)).toMatchSnapshot();
  });
});
