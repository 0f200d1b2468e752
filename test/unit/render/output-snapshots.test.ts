/**
 * What a reviewer sees, byte for byte: one realistic plan with every kind of line (each change
 * action, each drift kind, notes, problems, a plan-wide problem) in every format, a plan of a file
 * that declares people (every change with its reasons), and apply results after success, failure
 * and interrupt. Pure renderers, no sockets. When output changes on purpose, review the snapshot
 * diff and update with `jest -u`.
 */
import { describe, expect, it } from '@jest/globals';
import { PLAN_FORMAT_VERSION, type Change, type Plan } from '../../../src/model/plan.js';
import type { Result } from '../../../src/model/result.js';
import { renderPlanJson } from '../../../src/render/render-plan-json.js';
import { renderPlanMarkdown } from '../../../src/render/render-plan-markdown.js';
import { renderPlanText } from '../../../src/render/render-plan-text.js';
import { renderResultLine, renderResultsJson, renderResultsSummary } from '../../../src/render/render-results.js';
import { renderResultsMarkdown } from '../../../src/render/render-results-markdown.js';
import { styleFor } from '../../../src/render/style.js';
import { toPlanFile } from '../../../src/plan-file/plan-file.js';
import { schemaErrors } from '../../support/json-schemas.js';

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

/**
 * A file in the person form, planned as of 2026-11-28 (db-admins grants turso.acme-data admin,
 * data-eng grants member there and PlanetScale acme member with team backend):
 *
 *   people:
 *     alice: {email: alice@acme.dev, turso: alice}
 *     bob: {email: bob@acme.dev, turso: bob}
 *     carol: {email: carol@acme.dev, turso: carol}
 *     dana: {email: dana@acme.dev}                              # no Turso account: invited
 *     zoe: {email: zoe@acme.dev, departed: true, revoke_credentials: true}
 *     yuri: {email: yuri@acme.dev, departed: true}
 *   groups:
 *     data-eng: {members: [alice, bob, {person: carol, until: 2026-12-05}, dana], ...}
 *     db-admins: {members: [alice, {person: carol, until: 2026-11-28}], ...}
 *   turso: {organizations: {acme-data: {members: {alice: admin}, prune: true}}}
 *   planetscale: {organizations: {acme: {teams: {backend: {members: [], prune: true}}}}}
 */
const personForm = {
  addBob: { ...addBob, because: ['group:data-eng'] },
  inviteDana: { ...inviteDana, because: ['group:data-eng'] },
  promoteAlice: { ...promoteAlice, because: ['file', 'group:db-admins'] },
  inviteDanaPlanetScale: {
    provider: 'planetscale',
    action: 'invite',
    organization: 'acme',
    member: 'dana@acme.dev',
    role: 'member',
    because: ['group:data-eng'],
  },
  addBobToBackend: {
    provider: 'planetscale',
    action: 'add',
    organization: 'acme',
    team: 'backend',
    member: 'bob@acme.dev',
    user_id: 'u-bob',
    because: ['group:data-eng'],
  },
  demoteCarol: {
    provider: 'turso',
    action: 'change_role',
    organization: 'acme-data',
    member: 'carol',
    role: 'member',
    previous_role: 'admin',
    because: ['expired', 'group:data-eng'],
  },
  removeZoe: {
    provider: 'turso',
    action: 'remove',
    organization: 'acme-data',
    member: 'zoe',
    previous_role: 'member',
    because: ['departed'],
  },
  cancelYuri: {
    provider: 'turso',
    action: 'cancel_invite',
    organization: 'acme-data',
    member: 'yuri@acme.dev',
    previous_role: 'member',
    because: ['departed'],
  },
  removeMallory: { ...removeMallory, because: ['prune'] },
  removeZoePlanetScale: {
    provider: 'planetscale',
    action: 'remove',
    organization: 'acme',
    member: 'zoe@acme.dev',
    user_id: 'u-zoe',
    previous_role: 'member',
    revoke_credentials: true,
    because: ['departed'],
  },
  removeYuriPlanetScale: {
    provider: 'planetscale',
    action: 'remove',
    organization: 'acme',
    member: 'yuri@acme.dev',
    user_id: 'u-yuri',
    previous_role: 'member',
    because: ['departed'],
  },
  removeIvan: { ...removeIvan, because: ['prune'] },
} satisfies Record<string, Change>;

const PEOPLE: Plan = {
  format_version: PLAN_FORMAT_VERSION,
  changes: [
    personForm.addBob,
    personForm.inviteDana,
    personForm.promoteAlice,
    personForm.inviteDanaPlanetScale,
    personForm.addBobToBackend,
    personForm.demoteCarol,
    personForm.removeZoe,
    personForm.cancelYuri,
    personForm.removeMallory,
    personForm.removeZoePlanetScale,
    personForm.removeYuriPlanetScale,
    personForm.removeIvan,
  ],
  drift: [],
  notices: [
    {
      kind: 'expiring',
      provider: 'turso',
      organization: 'acme-data',
      member: 'carol',
      message: 'carol: member through data-eng ends on 2026-12-05 (in 7 days)',
    },
    {
      kind: 'expiring',
      provider: 'planetscale',
      organization: 'acme',
      member: 'carol@acme.dev',
      message: 'carol@acme.dev: member through data-eng ends on 2026-12-05 (in 7 days)',
    },
    {
      kind: 'credentials_kept',
      provider: 'planetscale',
      organization: 'acme',
      member: 'yuri@acme.dev',
      message:
        "yuri@acme.dev's passwords and service tokens keep working after the removal (set revoke_credentials: true on the person to delete them)",
    },
  ],
  problems: [],
};

describe('a plan of a file that declares people: every change says why', () => {
  it('as text', () => {
    expect(renderPlanText(PEOPLE)).toMatchSnapshot();
  });

  it('as text on a terminal, in colour', () => {
    expect(renderPlanText(PEOPLE, COLOUR)).toMatchSnapshot();
  });

  it('as Markdown', () => {
    expect(renderPlanMarkdown(PEOPLE, { file: 'membership.yaml' })).toMatchSnapshot();
  });

  it('as JSON, valid against the published schemas (plan, saved plan, apply results)', () => {
    const json = renderPlanJson(PEOPLE);
    expect(json).toMatchSnapshot();
    expect(schemaErrors('plan', JSON.parse(json))).toEqual([]);
    const saved = toPlanFile(PEOPLE, {
      desiredFile: 'membership.yaml',
      desiredSha256: 'a'.repeat(64),
      targets: [],
      maxRemovals: 6,
      allowEmpty: false,
    });
    expect(schemaErrors('plan-file', JSON.parse(JSON.stringify(saved)))).toEqual([]);
    const results = PEOPLE.changes.map((change): Result => ({ change, outcome: 'applied' }));
    expect(schemaErrors('apply-results', JSON.parse(renderResultsJson(results, false)))).toEqual([]);
  });

  it('apply results name a removal that deletes credentials', () => {
    const results: Result[] = [
      { change: personForm.addBob, outcome: 'applied' },
      { change: personForm.removeZoePlanetScale, outcome: 'applied' },
      { change: personForm.removeYuriPlanetScale, outcome: 'already_present' },
    ];
    expect(appliedText(results, false)).toMatchSnapshot();
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
