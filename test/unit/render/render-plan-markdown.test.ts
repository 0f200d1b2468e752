import { describe, expect, it } from '@jest/globals';
import {
  PLAN_FORMAT_VERSION,
  type Change,
  type Drift,
  type Plan,
  type PlanNotice,
  type PlanProblem,
} from '../../../src/model/plan.js';
import { fenced, inlineCode, planCommentMarker, renderPlanMarkdown } from '../../../src/render/render-plan-markdown.js';

function plan(parts: { changes?: Change[]; drift?: Drift[]; problems?: PlanProblem[]; notices?: PlanNotice[] }): Plan {
  return {
    format_version: PLAN_FORMAT_VERSION,
    changes: parts.changes ?? [],
    drift: parts.drift ?? [],
    problems: parts.problems ?? [],
    notices: parts.notices ?? [],
  };
}

const turso = (organization: string, member: string, role: 'admin' | 'member' | 'viewer' = 'member'): Change => ({
  provider: 'turso',
  action: 'add',
  organization,
  member,
  role,
});
const planetscale = (organization: string, team: string, member: string): Change => ({
  provider: 'planetscale',
  action: 'add',
  organization,
  team,
  member,
  user_id: `u-${member}`,
});

/** Every line that is not inside a fenced block: the only place Markdown is interpreted. */
function outsideFences(markdown: string): string[] {
  let inside = false;
  return markdown.split('\n').filter((line) => {
    if (line.startsWith('```')) {
      inside = !inside;
      return false;
    }
    return !inside;
  });
}

describe('renderPlanMarkdown', () => {
  it('groups additions by provider and scope in diff blocks, then drift and problems', () => {
    const markdown = renderPlanMarkdown(
      plan({
        changes: [
          turso('acme-data', 'bob'),
          turso('acme-data', 'dmitri', 'viewer'),
          planetscale('acme', 'backend', 'bob@acme.dev'),
        ],
        drift: [
          {
            provider: 'turso',
            kind: 'undeclared_member',
            organization: 'acme-data',
            member: 'mallory',
            role: 'member',
          },
        ],
        problems: [
          {
            kind: 'not_an_organization_member',
            provider: 'planetscale',
            organization: 'acme',
            team: 'ops',
            member: 'x@acme.dev',
            message: 'x@acme.dev is not a member of acme',
          },
        ],
      }),
      { file: 'membership.yaml' },
    );

    expect(markdown).toBe(
      [
        '<!-- membership-plan: membership.yaml -->',
        '### membership plan for `membership.yaml`',
        '',
        '**Plan: 3 to add, 0 to change, 0 to remove.** 1 drift item, 1 problem.',
        '',
        '#### Changes',
        '',
        '```diff',
        'turso.acme-data',
        '+ bob (member)',
        '+ dmitri (viewer)',
        '',
        'planetscale.acme.backend',
        '+ bob@acme.dev',
        '```',
        '',
        '#### Drift',
        '',
        'True today but not what the file says; apply leaves it alone.',
        '',
        '```text',
        '! turso.acme-data: mallory (member) is not declared',
        '```',
        '',
        '#### Problems',
        '',
        'These declarations cannot be planned: fix them and plan again (apply refuses this plan).',
        '',
        '```text',
        '✗ planetscale.acme.ops: x@acme.dev is not a member of acme',
        '```',
        '',
        'Legend: `+` add or invite, `!` drift (left alone), `✗` problem',
        '',
      ].join('\n'),
    );
  });

  it('says in one line that nothing differs', () => {
    expect(renderPlanMarkdown(plan({}), { file: 'membership.yaml' })).toBe(
      '<!-- membership-plan: membership.yaml -->\n### membership plan for `membership.yaml`\n\nNo changes. Membership matches the file.\n',
    );
  });

  it('counts drift without additions and shows an undeclared pending invite', () => {
    const markdown = renderPlanMarkdown(
      plan({
        drift: [
          { provider: 'turso', kind: 'undeclared_invite', organization: 'acme', member: 'x@acme.dev', role: 'viewer' },
        ],
      }),
      { file: 'membership.yaml' },
    );
    expect(markdown).toContain('**Plan: 0 to add, 0 to change, 0 to remove.** 1 drift item.\n');
    expect(markdown).toContain('```text\n! turso.acme: pending invite for x@acme.dev (viewer) is not declared\n```\n');
    expect(markdown).not.toContain('#### Changes');
    expect(markdown).toContain('Legend: `!` drift (left alone)\n');
  });

  it('marks role changes and removals with the same marks as text (GitHub colours + and -), and lists a plan-wide problem under "plan"', () => {
    const markdown = renderPlanMarkdown(
      plan({
        changes: [
          {
            provider: 'turso',
            action: 'change_role',
            organization: 'acme',
            member: 'alice',
            role: 'admin',
            previous_role: 'member',
          },
          { provider: 'turso', action: 'remove', organization: 'acme', member: 'mallory', previous_role: 'member' },
        ],
        notices: [
          {
            kind: 'owner_kept',
            provider: 'turso',
            organization: 'acme',
            member: 'olga',
            message: 'olga is an owner; owners are never changed',
          },
        ],
        problems: [{ kind: 'removal_cap', message: 'refusing 1 removals, more than --max-removals 0 allows' }],
      }),
      { file: 'membership.yaml' },
    );
    expect(markdown).toContain('**Plan: 0 to add, 1 to change, 1 to remove.** 1 note, 1 problem.');
    expect(markdown).toContain('```diff\nturso.acme\n~ alice (member -> admin)\n- mallory (member)\n```');
    expect(markdown).toContain('✗ plan: refusing 1 removals, more than --max-removals 0 allows');
    expect(markdown).toContain('#### Notes\n\n```text\ni turso.acme: olga is an owner; owners are never changed\n```');
  });

  it('is deterministic: the same plan renders the same bytes, in the plan order', () => {
    const input = plan({ changes: [turso('b-org', 'zed'), turso('a-org', 'amy'), turso('b-org', 'ann')] });
    const first = renderPlanMarkdown(input, { file: 'm.yaml' });
    expect(renderPlanMarkdown(input, { file: 'm.yaml' })).toBe(first);
    expect(first).toContain('```diff\nturso.b-org\n+ zed (member)\n+ ann (member)\n\nturso.a-org\n+ amy (member)\n```');
  });

  it('uses a given title as plain text', () => {
    const markdown = renderPlanMarkdown(plan({}), { file: 'membership.yaml', title: 'Prod <b>access</b> *plan*' });
    expect(markdown.split('\n')[1]).toBe('### Prod \\<b\\>access\\<\\/b\\> \\*plan\\*');
  });

  it('never writes ANSI escape codes', () => {
    const markdown = renderPlanMarkdown(
      plan({
        changes: [turso('acme', 'bob\u001b[31mred')],
        problems: [{ kind: 'organization_not_found', provider: 'turso', organization: 'acme', message: 'bad' }],
      }),
      { file: 'membership.yaml' },
    );
    expect(markdown).not.toContain('\u001b');
    expect(markdown).toContain('+ bob\\u{1b}[31mred (member)');
  });
});

describe('renderPlanMarkdown: names from the file or the APIs cannot inject Markdown or HTML', () => {
  const hostile = [
    '<img src=x onerror=alert(1)>',
    '[click](https://evil.example)',
    '@octocat',
    '**bold** _it_ # heading',
    'bob\n```\n<script>alert(1)</script>\n```',
    'eve\r\n# Approved by security',
    'a`b``c',
  ];

  it.each(hostile)('keeps %j inside a fence, on one line', (name) => {
    const markdown = renderPlanMarkdown(
      plan({
        changes: [turso(name, name), planetscale(name, name, name)],
        drift: [{ provider: 'planetscale', kind: 'undeclared_member', organization: name, team: name, member: name }],
        problems: [
          {
            kind: 'not_an_organization_member',
            provider: 'turso',
            organization: name,
            member: name,
            message: `${name} is not a member`,
          },
        ],
      }),
      { file: 'membership.yaml' },
    );
    // Outside the fences there is only our own text: the marker, headings, summary and notes.
    expect(outsideFences(markdown).filter((line) => line !== '')).toEqual([
      '<!-- membership-plan: membership.yaml -->',
      '### membership plan for `membership.yaml`',
      '**Plan: 2 to add, 0 to change, 0 to remove.** 1 drift item, 1 problem.',
      '#### Changes',
      '#### Drift',
      'True today but not what the file says; apply leaves it alone.',
      '#### Problems',
      'These declarations cannot be planned: fix them and plan again (apply refuses this plan).',
      'Legend: `+` add or invite, `!` drift (left alone), `✗` problem',
    ]);
    expect(markdown).not.toMatch(/\r/);
  });

  it('shows a line break in a name as an escape, so the name cannot close the fence', () => {
    const markdown = renderPlanMarkdown(plan({ changes: [turso('acme', 'bob\n```\n# hi')] }), {
      file: 'membership.yaml',
    });
    expect(markdown).toContain('+ bob\\u{a}```\\u{a}# hi (member)\n');
  });

  it('shows a line break in a group name as an escape too: the reasons are from the file', () => {
    const change: Change = { ...turso('acme', 'bob'), because: ['group:eng\n```\n# hi', 'group:ops\u200B'] };
    const markdown = renderPlanMarkdown(plan({ changes: [change] }), { file: 'membership.yaml' });
    expect(markdown).toContain('+ bob (member) via eng\\u{a}```\\u{a}# hi, ops\\u{200b}\n');
  });

  it('shows bidirectional overrides and zero-width characters, so a name cannot pass for another', () => {
    const markdown = renderPlanMarkdown(
      plan({ changes: [turso('acme', 'ad\u202Enimda'), turso('acme', 'ali\u200Bce')] }),
      { file: 'm.yaml' },
    );
    expect(markdown).toContain('+ ad\\u{202e}nimda (member)\n+ ali\\u{200b}ce (member)\n');
  });

  it('puts the file name in a code span that its backticks cannot end, and in the marker encoded', () => {
    const markdown = renderPlanMarkdown(plan({}), { file: 'a`b --> <x>.yaml' });
    expect(markdown.split('\n').slice(0, 2)).toEqual([
      '<!-- membership-plan: a%60b%20--%3E%20%3Cx%3E.yaml -->',
      '### membership plan for ``a`b --> <x>.yaml``',
    ]);
  });
});

describe('planCommentMarker', () => {
  it('is the first line of the comment and differs per file', () => {
    const markdown = renderPlanMarkdown(plan({ changes: [turso('acme', 'bob')] }), { file: 'teams/prod.yaml' });
    expect(markdown.split('\n')[0]).toBe(planCommentMarker('teams/prod.yaml'));
    expect(planCommentMarker('teams/prod.yaml')).not.toBe(planCommentMarker('membership.yaml'));
  });
});

describe('inlineCode', () => {
  it.each([
    ['plain', '`plain`'],
    ['one`tick', '``one`tick``'],
    ['`starts', '`` `starts ``'],
    ['', '` `'],
  ])('wraps %j as %j', (text, expected) => {
    expect(inlineCode(text)).toBe(expected);
  });
});

describe('fenced', () => {
  it('makes its fence longer than any backtick run, so even a line that is a fence cannot close it', () => {
    expect(fenced('text', ['```', '````x'])).toEqual(['`````text', '```', '````x', '`````']);
    expect(fenced('diff', ['+ bob'])).toEqual(['```diff', '+ bob', '```']);
  });
});
