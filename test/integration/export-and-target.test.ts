/** Export (how a team adopts the tool), --target, and the nightly drift recipe. */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { parsePlanJson } from '../support/cli-json.js';
import { runCli } from '../support/run-cli.js';
import { baseSeed, startTestSandbox, type SandboxEnv } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';
import type { SandboxSeed } from '../../src/sandbox/index.js';

const files = tempDir();
afterAll(() => files.remove());
let box: SandboxEnv | undefined;
afterEach(async () => box?.sandbox.close());

/** An organization bigger than one page (100) of every PlanetScale list. */
function bigSeed(): SandboxSeed {
  const seed = baseSeed();
  const people = Array.from({ length: 230 }, (_, i) => `user${String(i).padStart(3, '0')}@acme.dev`);
  const org = seed.planetscale!.organizations!.acme!;
  return {
    ...seed,
    planetscale: {
      ...seed.planetscale!,
      organizations: {
        acme: {
          ...org,
          members: [...org.members!, ...people.map((email) => ({ email }))],
          teams: {
            ...org.teams,
            everyone: { name: 'Everyone', members: people.slice().reverse() },
            Zeta: { members: ['carol@acme.dev'] },
          },
        },
      },
    },
  };
}

const SKELETON = `version: 1
turso:
  organizations:
    acme:
      members: {}
planetscale:
  organizations:
    acme:
      teams: {}
`;

describe('export', () => {
  it('prints YAML that validates, is stably ordered, lists owners as a comment, and plans back to no changes', async () => {
    box = await startTestSandbox(bigSeed());
    box.sandbox.addTursoMember('acme', 'bob', 'viewer');
    const skeleton = files.write('skeleton.yaml', SKELETON);
    const first = await runCli(['export', '-f', skeleton], { env: box.env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // Editors find the schema from the first line; `membership schema` (or init) writes it there.
    expect(first.stdout.split('\n')[0]).toBe('# yaml-language-server: $schema=./membership.schema.json');
    expect(first.stdout).toContain(
      '      # owners (cannot be declared; no API can grant the role): olga\n      members:\n        alice: admin\n        bob: viewer\n',
    );
    expect(first.stdout).not.toMatch(/olga: owner/);
    const everyone = first.stdout.slice(first.stdout.indexOf('everyone:'));
    expect(everyone).toMatch(/user000@acme\.dev[\s\S]*user229@acme\.dev/);
    expect(first.stdout.match(/- user\d+@acme\.dev/g)).toHaveLength(230);

    const exported = files.write('exported.yaml', first.stdout);
    expect((await runCli(['validate', '-f', exported])).code).toBe(0);
    const plan = await runCli(['plan', '-f', exported, '--detailed-exitcode'], { env: box.env });
    expect(plan.stdout).toContain('No changes. Membership matches the file.');
    expect(plan.code).toBe(0);

    const again = await runCli(['export', '-f', exported], { env: box.env });
    expect(again.stdout).toBe(first.stdout);
  });

  it('exports one organization named on the command line, without a file', async () => {
    box = await startTestSandbox();
    const run = await runCli(
      ['export', '--provider', 'turso', '--organization', 'acme', '-f', `${files.dir}/absent.yaml`],
      {
        env: { ...box.env, PLANETSCALE_SERVICE_TOKEN: undefined },
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# yaml-language-server: \$schema=\.\/membership\.schema\.json\n#\n# Exported by /);
    expect(run.stdout).toContain('turso:\n  organizations:\n    acme:');
    expect(run.stdout).not.toContain('planetscale:');
    expect(box.sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});

describe('--target', () => {
  const FILE = `version: 1
turso:
  organizations:
    acme:
      members:
        bob: member
planetscale:
  organizations:
    acme:
      teams:
        backend:
          members: [bob@acme.dev]
        data:
          members: [carol@acme.dev]
`;

  it('limits plan and apply to the named scopes, observing nothing else', async () => {
    box = await startTestSandbox();
    const file = files.write('target.yaml', FILE);
    const plan = await runCli(['plan', '-f', file, '--target', 'planetscale.acme.data', '--format', 'json'], {
      env: box.env,
    });
    expect(parsePlanJson(plan.stdout).changes.map((c) => c.member)).toEqual(['carol@acme.dev']);
    expect(box.sandbox.requests.some((r) => r.provider === 'turso' || r.path.includes('/backend/'))).toBe(false);

    const apply = await runCli(
      ['apply', '-f', file, '--auto-approve', '--target', 'turso.acme', '--target', 'planetscale.acme.backend'],
      { env: box.env },
    );
    expect(apply.stdout).toMatch(/^Apply complete: 2 added, 0 already present, 0 failed\.$/m);
    const rest = await runCli(['plan', '-f', file, '--format', 'json'], { env: box.env });
    expect(parsePlanJson(rest.stdout).changes.map((c) => c.member)).toEqual(['carol@acme.dev']);
  });

  it('takes every scope the output prints, dotted names included, as --target', async () => {
    const seed = baseSeed();
    box = await startTestSandbox({
      turso: {
        ...seed.turso!,
        organizations: { ...seed.turso!.organizations, 'acme.eu': { members: { olga: 'owner' } } },
      },
      planetscale: {
        ...seed.planetscale!,
        organizations: {
          acme: {
            ...seed.planetscale!.organizations!.acme!,
            teams: { ...seed.planetscale!.organizations!.acme!.teams, 'data.v2': { members: [] } },
          },
        },
      },
    });
    const file = files.write(
      'dotted.yaml',
      `${FILE}        data.v2:\n          members: [bob@acme.dev]\n`.replace(
        'turso:\n  organizations:\n',
        'turso:\n  organizations:\n    acme.eu:\n      members:\n        alice: admin\n',
      ),
    );
    const text = await runCli(['plan', '-f', file], { env: box.env });
    const json = await runCli(['plan', '-f', file, '--format', 'json'], { env: box.env });
    const headings = text.stdout.split('\n').filter((line) => /^(turso|planetscale)\./.test(line));
    const scopes = [...new Set(parsePlanJson(json.stdout).changes.map((change) => change.scope))];
    expect(headings).toEqual(scopes);
    expect(scopes).toEqual(expect.arrayContaining(['turso."acme.eu"', 'planetscale.acme."data.v2"']));
    for (const scope of scopes) {
      const run = await runCli(['plan', '-f', file, '--format', 'json', '--target', scope!], { env: box.env });
      expect(run.stderr).toBe('');
      expect(new Set(parsePlanJson(run.stdout).changes.map((change) => change.scope))).toEqual(new Set([scope]));
    }
  });

  it('rejects a target the file does not declare, naming what is declared, before any request', async () => {
    box = await startTestSandbox();
    const file = files.write('badtarget.yaml', FILE);
    const run = await runCli(['plan', '-f', file, '--target', 'planetscale.acme.frontend'], { env: box.env });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'Error: --target planetscale.acme.frontend: the file declares no team of PlanetScale organization acme named "frontend"; declared: backend, data',
    );
    expect(box.sandbox.requests).toEqual([]);
  });
});

describe('the nightly drift check (plan --detailed-exitcode)', () => {
  it('exits 0 while reality matches, 2 once someone adds a member in a web console, 1 on an error', async () => {
    box = await startTestSandbox();
    const file = files.write(
      'nightly.yaml',
      SKELETON.replace('members: {}', 'members:\n        alice: admin').replace(
        'teams: {}',
        'teams:\n        backend:\n          members: [alice@acme.dev]',
      ),
    );
    expect((await runCli(['plan', '-f', file, '--detailed-exitcode'], { env: box.env })).code).toBe(0);
    box.sandbox.addPlanetScaleTeamMember('acme', 'backend', 'zoe@acme.dev');
    const drifted = await runCli(['plan', '-f', file, '--detailed-exitcode'], { env: box.env });
    expect(drifted.code).toBe(2);
    expect(drifted.stdout).toContain('! planetscale.acme.backend: zoe@acme.dev is not declared');
    const broken = await runCli(['plan', '-f', file, '--detailed-exitcode'], {
      env: { ...box.env, TURSO_API_TOKEN: 'revoked' },
    });
    expect(broken.code).toBe(1);
  });
});
