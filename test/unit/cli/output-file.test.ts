/** Files a command writes: whole or not at all, and a file that must be new is never replaced. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from '../../../src/cli/output-file.js';
import { tempDir } from '../../support/temp-files.js';

const files = tempDir();
afterAll(() => files.remove());
const leftovers = () => readdirSync(files.dir).filter((name) => name.endsWith('.tmp'));

describe('writeFileAtomically', () => {
  it('replaces a file in one step, mode 0644, leaving no temporary file', async () => {
    const path = files.write('replace.yaml', 'old\n');
    await writeFileAtomically(path, 'new\n');
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(statSync(path).mode & 0o777).toBe(0o644);
    expect(leftovers()).toEqual([]);
  });

  it('with create, refuses a name that exists, even a dangling link, and changes nothing', async () => {
    const path = files.write('taken.yaml', 'mine\n');
    await expect(writeFileAtomically(path, 'theirs\n', { create: true })).rejects.toThrow(
      `cannot write ${path}: it already exists (it is never replaced)`,
    );
    expect(readFileSync(path, 'utf8')).toBe('mine\n');
    const link = join(files.dir, 'dangling.yaml');
    symlinkSync(join(files.dir, 'nowhere.yaml'), link);
    await expect(writeFileAtomically(link, 'theirs\n', { create: true })).rejects.toThrow('it already exists');
    expect(readdirSync(files.dir)).not.toContain('nowhere.yaml');
    expect(leftovers()).toEqual([]);
  });

  it('with create, writes a new file whole', async () => {
    const path = join(files.dir, 'fresh.yaml');
    await writeFileAtomically(path, 'fresh\n', { create: true });
    expect(readFileSync(path, 'utf8')).toBe('fresh\n');
    expect(leftovers()).toEqual([]);
  });
});
