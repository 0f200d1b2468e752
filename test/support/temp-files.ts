import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory per test file; `write` puts a file in it and returns its path. */
export function tempDir(): { dir: string; write: (name: string, content: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'membership-test-'));
  return {
    dir,
    write: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
