import { describe, expect, it } from '@jest/globals';
import type { Change } from '../../../src/model/plan.js';
import type { Result } from '../../../src/model/result.js';
import { renderResultsMarkdown } from '../../../src/render/render-results-markdown.js';

const bob: Change = { provider: 'turso', action: 'add', organization: 'acme', member: 'bob', role: 'member' };
const carol: Change = { provider: 'turso', action: 'add', organization: 'acme', member: 'carol', role: 'viewer' };
const dana: Change = {
  provider: 'planetscale',
  action: 'add',
  organization: 'acme',
  team: 'backend',
  member: 'dana@acme.dev',
  user_id: 'u1',
};
const erin: Change = {
  provider: 'planetscale',
  action: 'add',
  organization: 'acme',
  team: 'ops',
  member: 'erin@acme.dev',
  user_id: 'u2',
};

describe('renderResultsMarkdown', () => {
  it('says the apply finished with errors, lists failures with status and API message, then every change folded away', () => {
    const results: Result[] = [
      { change: bob, outcome: 'applied' },
      { change: carol, outcome: 'already_present' },
      { change: dana, outcome: 'failed', error: { status: 422, message: 'user is not a member of the organization' } },
      { change: erin, outcome: 'failed', error: { status: null, message: 'connection reset' } },
    ];
    expect(renderResultsMarkdown(results)).toBe(
      [
        '### membership apply',
        '',
        '**Apply finished with errors:** 1 added, 1 already present, 2 failed.',
        '',
        '#### Not applied (2 failed, 0 skipped)',
        '',
        '```text',
        '✗ planetscale.acme.backend: add dana@acme.dev: failed (422): user is not a member of the organization',
        '✗ planetscale.acme.ops: add erin@acme.dev: failed (no response): connection reset',
        '```',
        '',
        '<details><summary>Every change (4)</summary>',
        '',
        '```text',
        '✓ turso.acme: add bob as member: added',
        '✓ turso.acme: add carol as viewer: already present',
        '✗ planetscale.acme.backend: add dana@acme.dev: failed (422): user is not a member of the organization',
        '✗ planetscale.acme.ops: add erin@acme.dev: failed (no response): connection reset',
        '```',
        '',
        '</details>',
        '',
      ].join('\n'),
    );
  });

  it('lists skipped changes with the reason', () => {
    const markdown = renderResultsMarkdown([
      { change: bob, outcome: 'applied' },
      { change: carol, outcome: 'skipped', reason: 'interrupted before it started' },
    ]);
    expect(markdown).toContain('**Apply finished with errors:** 1 added, 0 already present, 0 failed, 1 skipped.\n');
    expect(markdown).toContain(
      '#### Not applied (0 failed, 1 skipped)\n\n```text\n○ turso.acme: add carol as viewer: skipped: interrupted before it started\n```\n',
    );
  });

  it('says so when there was nothing to apply', () => {
    expect(renderResultsMarkdown([])).toBe(
      '### membership apply\n\nNothing to apply: membership already matches the file.\n',
    );
  });

  it('keeps an API message that holds Markdown, HTML or line breaks inside the fence, on one line', () => {
    const message = 'bad\n```\n<img src=x onerror=alert(1)>\n# [approved](https://evil.example) @octocat';
    const markdown = renderResultsMarkdown([{ change: bob, outcome: 'failed', error: { status: 400, message } }]);
    // The message holds a backtick fence, so ours is one backtick longer: the message cannot close it.
    expect(markdown).toContain(
      '````text\n✗ turso.acme: add bob as member: failed (400): bad\\u{a}```\\u{a}<img src=x onerror=alert(1)>\\u{a}# [approved](https://evil.example) @octocat\n````\n',
    );
    const fenceLines = markdown.split('\n').filter((line) => line.startsWith('```'));
    expect(fenceLines).toEqual(['````text', '````', '````text', '````']);
    expect(markdown).not.toContain('\u001b');
  });
});
