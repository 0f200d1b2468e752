import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendStepSummary } from '../../../src/cli/step-summary.js';
import { createRedactor } from '../../../src/redact/create-redactor.js';
import { tempDir } from '../../support/temp-files.js';

const temp = tempDir();
afterAll(() => temp.remove());

const keep = (text: string) => text;

function recorder() {
  const lines: string[] = [];
  return { lines, stderr: { write: (text: string) => lines.push(text) } };
}

describe('appendStepSummary', () => {
  it('appends to the file GITHUB_STEP_SUMMARY names, keeping what was there, each time it is called', async () => {
    const path = temp.write('summary-append.md', '### from an earlier step\n');
    const { lines, stderr } = recorder();
    const io = { env: { GITHUB_STEP_SUMMARY: path }, stderr, redact: keep };

    await appendStepSummary('### plan\n\nNo changes.', io);
    await appendStepSummary('### apply\n', io);

    expect(readFileSync(path, 'utf8')).toBe('### from an earlier step\n### plan\n\nNo changes.\n\n### apply\n\n');
    expect(lines).toEqual([]);
  });

  it('passes what it appends through the redactor', async () => {
    const path = join(temp.dir, 'summary-redacted.md');
    const redact = createRedactor(['tok-9f8e7d6c5b4a']);
    await appendStepSummary('failed: bad token tok-9f8e7d6c', {
      env: { GITHUB_STEP_SUMMARY: path },
      stderr: recorder().stderr,
      redact,
    });
    expect(readFileSync(path, 'utf8')).toBe('failed: bad token [redacted]\n\n');
  });

  it('creates the file when it does not exist yet', async () => {
    const path = join(temp.dir, 'summary-new.md');
    await appendStepSummary('### plan', {
      env: { GITHUB_STEP_SUMMARY: path },
      stderr: recorder().stderr,
      redact: keep,
    });
    expect(readFileSync(path, 'utf8')).toBe('### plan\n\n');
  });

  it.each([
    ['unset', {}],
    ['empty', { GITHUB_STEP_SUMMARY: '' }],
  ])('writes nothing and says nothing when GITHUB_STEP_SUMMARY is %s', async (_label, env) => {
    const { lines, stderr } = recorder();
    const before = readdirSync(temp.dir);
    const cwdBefore = readdirSync('.');
    await appendStepSummary('### plan', { env, stderr, redact: keep });
    expect(readdirSync(temp.dir)).toEqual(before);
    expect(readdirSync('.')).toEqual(cwdBefore);
    expect(lines).toEqual([]);
  });

  it.each([
    ['a directory', 'a-directory', 'EISDIR'],
    ['in a missing directory', join('missing', 'summary.md'), 'ENOENT'],
  ])('warns in one line and does not throw when the path is %s', async (_label, name, code) => {
    mkdirSync(join(temp.dir, 'a-directory'), { recursive: true });
    const path = join(temp.dir, name);
    const { lines, stderr } = recorder();
    await expect(
      appendStepSummary('### plan', { env: { GITHUB_STEP_SUMMARY: path }, stderr, redact: keep }),
    ).resolves.toBeUndefined();
    expect(lines).toEqual([`Warning: could not append to the job summary (GITHUB_STEP_SUMMARY=${path}): ${code}\n`]);
  });
});
