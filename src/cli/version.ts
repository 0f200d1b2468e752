import { readFileSync } from 'node:fs';

/**
 * Set by the single-file build (scripts/bundle.js, esbuild `define`) to package.json's version,
 * since bundle/membership.mjs runs with no package.json beside it. Undefined everywhere else.
 */
declare const MEMBERSHIP_BUNDLED_VERSION: string | undefined;

/** Read from package.json at run time so the two never disagree; found from dist/src/cli or src/cli. */
function readVersion(): string {
  if (typeof MEMBERSHIP_BUNDLED_VERSION === 'string') return MEMBERSHIP_BUNDLED_VERSION;
  for (const relative of ['../../../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'membership' && pkg.version) return pkg.version;
    } catch {
      // not at this level; try the next
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
export const USER_AGENT = `membership/${VERSION}`;
