/**
 * Files a command writes with `--out`: never the desired-state file it reads (unless asked), and
 * never half-written.
 */
import { randomBytes } from 'node:crypto';
import { link, open, realpath, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { SettingsError } from '../errors.js';

/**
 * Refuses `--out` naming the desired-state file (`-f`), symlinks resolved, before anything is
 * read: `advice` says what to do instead.
 */
export async function refuseOverwritingInput(out: string, file: string, advice: string): Promise<void> {
  if (await isSameFile(out, file)) throw new SettingsError(`--out ${out} is the desired-state file itself; ${advice}`);
}

export async function isSameFile(a: string, b: string): Promise<boolean> {
  const [pathA, pathB] = await Promise.all([canonicalPath(a), canonicalPath(b)]);
  return pathA === pathB;
}

/** The real path when the file exists (symlinks resolved), else the absolute path. */
async function canonicalPath(path: string): Promise<string> {
  return realpath(path).catch(() => resolve(path));
}

/**
 * Writes `text` to a new file beside `path`, then renames it over `path`: a reader sees the old
 * file or the new one, never a part, and a failure leaves the old one as it was (and no temporary
 * file). A symlink at `path` is followed, so the link stays and its target is replaced. Mode 0644.
 * With `create: true` an existing `path` is never replaced, even one made a moment ago: the new
 * file is linked into place, which the file system refuses atomically when the name is taken.
 */
export async function writeFileAtomically(path: string, text: string, { create = false } = {}): Promise<void> {
  const target = await realpath(path).catch(() => path);
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o644);
    try {
      await handle.chmod(0o644);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (create) await link(temporary, target);
    else await rename(temporary, target);
  } catch (error) {
    throw new SettingsError(`cannot write ${path}: ${describeWriteError(error)}`);
  } finally {
    // After a rename there is nothing left to remove; after a link, the temporary name goes.
    await rm(temporary, { force: true });
  }
}

function describeWriteError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied (the file or its folder)';
  if (code === 'ENOENT') return 'no such folder';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EEXIST') return 'it already exists (it is never replaced)';
  return error instanceof Error ? error.message : String(error);
}
