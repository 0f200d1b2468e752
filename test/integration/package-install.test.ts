/**
 * The package as a user gets it: `npm pack` of this repository, installed into an empty directory
 * outside it with the production dependencies only, then the installed `membership` bin run from
 * there: --version, validate, plan against the sandbox, and `membership sandbox`.
 *
 * Offline: `npm install TARBALL --offline` cannot work on a machine that only ran `npm ci`, because
 * `npm ci` fetches tarballs by the lock file and leaves no registry metadata in the cache to
 * resolve version ranges with (npm answers ENOTCACHED). So the empty project gets a lock file too:
 * the tarball plus the production entries of this repository's package-lock.json (exactly the tree
 * a user's install resolves today), and `npm ci --offline` installs it from the cache that the
 * repository's own `npm ci` filled. No network is used.
 *
 * `npm pack --ignore-scripts`: `prepare` would rebuild dist/ while the other test files run the
 * CLI from it; `npm run check` and `npm run test:integration` have just built it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { REPO_ROOT, runCli, type CliRun } from '../support/run-cli.js';
import { startTestSandbox } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';

/** npm pack and an install can be slow on a loaded machine: generous, and nothing is timed. */
const TIMEOUT = 300_000;

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  readonly bin: Record<string, string>;
  readonly engines: Record<string, string>;
  readonly dependencies: Record<string, string>;
}
interface LockEntry {
  readonly dev?: boolean;
  readonly [key: string]: unknown;
}

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};

const temp = tempDir();
afterAll(() => temp.remove());
const app = join(temp.dir, 'app');
const installed = join(app, 'node_modules', 'membership');
const bin = join(app, 'node_modules', '.bin', 'membership');

/** npm with the machine's npm settings and cache, but none of the outer `npm test`'s package context. */
function npm(args: readonly string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key === 'NODE_OPTIONS' || key === 'INIT_CWD') continue;
    if (
      key.startsWith('npm_') &&
      !['npm_config_cache', 'npm_config_userconfig', 'npm_config_globalconfig'].includes(key)
    )
      continue;
    env[key] = value;
  }
  const child = spawn('npm', [...args, '--no-audit', '--no-fund', '--no-update-notifier'], { cwd, env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let packed: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, pkg.bin.membership!))) {
    throw new Error(`${pkg.bin.membership!} is missing: run \`npm run build\` first (npm run check does)`);
  }
  const pack = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', temp.dir], REPO_ROOT);
  if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
  const [report] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packed = report!.files.map((file) => file.path).sort();

  // An empty project outside the repository that depends on the tarball, locked to the
  // repository's production tree (see the comment at the top).
  mkdirSync(app);
  const tarball = `file:../${report!.filename}`;
  const packages: Record<string, unknown> = {
    '': { name: 'membership-install-test', dependencies: { membership: tarball } },
    'node_modules/membership': {
      version: pkg.version,
      resolved: tarball,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) if (path !== '' && !entry.dev) packages[path] = entry;
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'membership-install-test', private: true, dependencies: { membership: tarball } }),
  );
  writeFileSync(
    join(app, 'package-lock.json'),
    JSON.stringify({ name: 'membership-install-test', lockfileVersion: 3, requires: true, packages }),
  );
  const install = await npm(['ci', '--offline'], app);
  if (install.code !== 0) {
    throw new Error(
      `npm ci --offline of the packed tarball failed (its dependencies must be in the npm cache, which the ` +
        `repository's npm ci fills):\n${install.stderr}`,
    );
  }
}, TIMEOUT);

/** The installed bin, run by its path from the project directory (its shebang finds node on PATH). */
function membership(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(args, { program: [bin], cwd: app, env });
}

describe('the npm package', () => {
  it(
    'holds what runs and nothing else: compiled src without tools or source maps, schemas, LICENSE, README',
    () => {
      expect(packed).toContain('LICENSE');
      expect(packed).toContain('README.md');
      expect(packed).toContain('package.json');
      expect(packed).toContain('membership.schema.json');
      expect(packed).toContain(pkg.bin.membership);
      expect(packed).toContain('dist/src/config/desired-state-worker.js');
      expect(packed.filter((path) => path.startsWith('schemas/')).length).toBeGreaterThan(0);
      const unexpected = packed.filter(
        (path) =>
          !['LICENSE', 'README.md', 'package.json', 'membership.schema.json', 'dist/membership.schema.json'].includes(
            path,
          ) &&
          !/^schemas\/[\w-]+\.schema\.json$/.test(path) &&
          !/^dist\/src\/.+\.js$/.test(path),
      );
      expect(unexpected).toEqual([]);
      expect(packed.filter((path) => path.startsWith('dist/src/tools/') || path.endsWith('.map'))).toEqual([]);
      expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toContain('Copyright (c) 2026 The membership authors');
    },
    TIMEOUT,
  );

  it(
    'installs only production dependencies, and its code imports nothing else',
    () => {
      const allowed = new Set([...Object.keys(pkg.dependencies), ...builtinModules]);
      const problems: string[] = [];
      const walk = (dir: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const path = join(dir, entry.name);
          if (entry.isDirectory()) walk(path);
          else if (entry.name.endsWith('.js')) {
            const code = readFileSync(path, 'utf8');
            for (const [, specifier] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)) {
              if (specifier!.startsWith('.') || specifier!.startsWith('node:')) continue;
              const name = specifier!.startsWith('@')
                ? specifier!.split('/').slice(0, 2).join('/')
                : specifier!.split('/')[0]!;
              if (!allowed.has(name)) problems.push(`${relative(installed, path)} imports ${specifier!}`);
            }
          }
        }
      };
      walk(join(installed, 'dist'));
      expect(problems).toEqual([]);
      // A devDependency would be a top-level folder here only if npm had been asked for it.
      expect(existsSync(join(app, 'node_modules', 'typescript'))).toBe(false);
      expect(existsSync(join(app, 'node_modules', 'esbuild'))).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'runs as `membership`: --version, validate, and plan against the sandbox',
    async () => {
      const version = await membership(['--version']);
      expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });

      copyFileSync(join(REPO_ROOT, 'examples', 'membership.yaml'), join(app, 'membership.yaml'));
      const validate = await membership(['validate']);
      expect(validate.stderr).toBe('');
      expect(validate.stdout).toMatch(/^membership\.yaml is valid: /);
      expect(validate.code).toBe(0);

      const box = await startTestSandbox();
      try {
        writeFileSync(
          join(app, 'acme.yaml'),
          'version: 1\nturso:\n  organizations:\n    acme:\n      members:\n        bob: member\n',
        );
        const plan = await membership(['plan', '-f', 'acme.yaml'], box.env);
        expect(plan.stderr).toBe('');
        expect(plan.stdout).toContain('turso.acme\n  + bob (member)');
        expect(plan.code).toBe(0);
        expect(box.sandbox.requests.length).toBeGreaterThan(0);
      } finally {
        await box.sandbox.close();
      }
    },
    TIMEOUT,
  );

  it(
    'runs `membership sandbox --seed FILE`: prints the variables, serves a plan, stops on Ctrl-C',
    async () => {
      const seed = join(app, 'sandbox-seed.json');
      copyFileSync(join(REPO_ROOT, 'examples', 'sandbox-seed.json'), seed);
      copyFileSync(join(REPO_ROOT, 'examples', 'membership.yaml'), join(app, 'membership.yaml'));
      const sandbox = spawn(bin, ['sandbox', '--seed', seed], { cwd: app, stdio: 'pipe' });
      const closed = new Promise<number | null>((resolve) => sandbox.once('close', resolve));
      try {
        let out = '';
        await new Promise<void>((resolve, reject) => {
          sandbox.stdout.setEncoding('utf8').on('data', (chunk: string) => {
            out += chunk;
            if (out.includes('Press Ctrl-C to stop.')) resolve();
          });
          sandbox.once('close', () => reject(new Error(`sandbox exited early: ${out}`)));
        });
        const env = Object.fromEntries([...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
        expect(env.TURSO_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const plan = await membership(['plan'], env);
        expect(plan.stderr).toBe('');
        expect(plan.stdout).toMatch(/^Plan: 6 to add, 1 to change, 2 to remove\.$/m);
        expect(plan.code).toBe(0);
      } finally {
        sandbox.kill('SIGINT');
      }
      expect(await closed).toBe(0);
    },
    TIMEOUT,
  );
});
