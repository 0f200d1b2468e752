import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCHEMA_FILE_NAME = 'membership.schema.json';

/**
 * The JSON Schema shipped at the package root (package.json "files"), which editors also use. This
 * module runs from src/config under Jest and from dist/src/config once built, so the file is looked
 * for in the nearest ancestor folder rather than at a fixed depth.
 */
export function readMembershipSchema(): Record<string, unknown> {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up++) {
    dir = dirname(dir);
    const candidate = join(dir, SCHEMA_FILE_NAME);
    let text: string;
    try {
      text = readFileSync(candidate, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    return JSON.parse(text) as Record<string, unknown>;
  }
  const here = fileURLToPath(import.meta.url);
  throw new Error(`${SCHEMA_FILE_NAME} not found above ${here}; the installation is incomplete`);
}
