/**
 * No output carries a secret, through the built CLI: stdout, stderr (messages and JSON logs), the
 * saved plan and the job summary, while the sandbox's data and error bodies quote the credentials
 * in pieces, whole, and base64-encoded.
 */
import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { SandboxOptions, SandboxSeed } from '../../src/sandbox/index.js';
import { runCli, type CliRun } from '../support/run-cli.js';
import { baseSeed, startTestSandbox, type SandboxEnv } from '../support/sandbox-fixture.js';
import { tempDir } from '../support/temp-files.js';

jest.setTimeout(30_000);
const files = tempDir();
afterAll(() => files.remove());
let box: SandboxEnv | undefined;
afterEach(async () => box?.sandbox.close());

const TURSO_TOKEN = 'eyJhbGciOiJFZERTQSJ9.tursoRedact0f1e2d3c4b5a6978.sigXq7Lw2Vn';
const PS_ID = 'rdx_id_8h2k5m9q';
const PS_TOKEN = 'pscale_tkn_rdx_3t6w1z4c7f0j2n5p';
const SHORT_TOKEN = 'k3y5z';
const base64 = (text: string) => Buffer.from(text).toString('base64');
const base64url = (text: string) => Buffer.from(text).toString('base64url');

/** What the sandbox quotes back, and none of which may be printed (any 8 characters of one). */
const LEAKS = [
  TURSO_TOKEN,
  PS_ID,
  PS_TOKEN,
  `${PS_ID}:${PS_TOKEN}`,
  base64(TURSO_TOKEN),
  base64url(TURSO_TOKEN),
  base64(`${PS_ID}:${PS_TOKEN}`),
  base64url(`${PS_ID}:${PS_TOKEN}`),
];

/** Someone in the sandbox's data who is named with 30 characters of the Turso token... */
const TOKEN_USER = TURSO_TOKEN.slice(0, 30);
/** ...someone the file adds, named with 16 other characters of it... */
const TOKEN_NEWCOMER = TURSO_TOKEN.slice(20, 36);
/** ...and someone on a PlanetScale team whose email is the start of a `Basic` credential. */
const ENCODED_EMAIL = `${base64url(`${PS_ID}:${PS_TOKEN}`).slice(0, 24)}@acme.dev`;

function seedQuotingSecrets(turso = TURSO_TOKEN): SandboxSeed {
  const seed = baseSeed();
  const acme = seed.planetscale!.organizations!['acme']!;
  return {
    turso: {
      ...seed.turso!,
      token: turso,
      users: [
        ...seed.turso!.users!,
        { username: TOKEN_USER },
        { username: TOKEN_NEWCOMER },
        { username: `bot-${SHORT_TOKEN}` },
      ],
      organizations: {
        acme: { members: { olga: 'owner', alice: 'admin', [TOKEN_USER]: 'member', [`bot-${SHORT_TOKEN}`]: 'member' } },
      },
    },
    planetscale: {
      ...seed.planetscale!,
      service_token_id: PS_ID,
      service_token: PS_TOKEN,
      organizations: {
        acme: {
          ...acme,
          members: [...acme.members!, { email: ENCODED_EMAIL }],
          teams: {
            backend: { name: 'Backend', members: ['alice@acme.dev', ENCODED_EMAIL] },
            data: { name: 'Data', members: [] },
          },
        },
      },
    },
  };
}

async function start(turso = TURSO_TOKEN, options: Omit<SandboxOptions, 'seed'> = {}): Promise<SandboxEnv> {
  const started = await startTestSandbox(seedQuotingSecrets(turso), options);
  box = {
    sandbox: started.sandbox,
    env: {
      ...started.env,
      TURSO_API_TOKEN: turso,
      PLANETSCALE_SERVICE_TOKEN_ID: PS_ID,
      PLANETSCALE_SERVICE_TOKEN: PS_TOKEN,
    },
  };
  return box;
}

/** Adds bob to both providers; the people quoting secrets are left undeclared, so they show as drift. */
const FILE = `version: 1
turso:
  organizations:
    acme:
      members:
        alice: admin
        bob: member
planetscale:
  organizations:
    acme:
      teams:
        backend:
          members:
            - alice@acme.dev
        data:
          members:
            - bob@acme.dev
`;

/** The first 8-character run of a leak found in `text`, or undefined. */
function leakIn(text: string, leaks: readonly string[] = LEAKS): string | undefined {
  for (const leak of leaks) {
    if (leak.length < 8 && text.includes(leak)) return leak;
    for (let i = 0; i + 8 <= leak.length; i += 1) if (text.includes(leak.slice(i, i + 8))) return leak.slice(i, i + 8);
  }
  return undefined;
}

function outputsOf(run: CliRun, ...paths: string[]): Record<string, string> {
  return {
    stdout: run.stdout,
    stderr: run.stderr,
    ...Object.fromEntries(paths.map((path) => [path, readFileSync(path, 'utf8')])),
  };
}

describe('no output carries a secret', () => {
  it('plan --out with debug logs and a job summary: data quoting the credentials is redacted everywhere it is written', async () => {
    const { env } = await start();
    const file = files.write('plan.yaml', FILE);
    const planPath = `${files.dir}/plan.json`;
    const summary = `${files.dir}/plan-summary.md`;

    const run = await runCli(['--log-level', 'debug', 'plan', '-f', file, '--out', planPath], {
      env: { ...env, GITHUB_STEP_SUMMARY: summary },
    });

    expect(run.code).toBe(0);
    const outputs = outputsOf(run, planPath, summary);
    for (const [name, text] of Object.entries(outputs))
      expect({ name, leak: leakIn(text) }).toEqual({ name, leak: undefined });
    // The drift lines were written, with the secret parts gone.
    for (const name of ['stdout', planPath, summary]) expect(outputs[name]).toContain('[redacted]');
    expect(run.stdout).toMatch(/^ {2}! .*\[redacted\]@acme\.dev/m);
    expect(run.stderr).toContain('"msg":"request attempt"');
    expect(JSON.parse(outputs[planPath]!)).toMatchObject({ kind: 'membership-plan' });
  });

  it('apply with debug logs, where the API answers with messages quoting the credentials: results, logs and summary are redacted', async () => {
    const quoted = `token ${TURSO_TOKEN.slice(0, 30)} refused; Basic ${base64(`${PS_ID}:${PS_TOKEN}`)}`;
    const { env } = await start(TURSO_TOKEN, {
      faults: {
        failures: [
          { provider: 'turso', method: 'POST', status: 400, times: 1, body: { error: quoted } },
          {
            provider: 'planetscale',
            method: 'POST',
            status: 422,
            times: 1,
            body: { code: 'unprocessable', message: `${quoted} as ${base64url(TURSO_TOKEN)}` },
          },
        ],
      },
    });
    const file = files.write(
      'apply.yaml',
      FILE.replace('        bob: member\n', `        bob: member\n        ${TOKEN_NEWCOMER}: viewer\n`),
    );
    const summary = `${files.dir}/apply-summary.md`;

    const run = await runCli(['--log-level', 'debug', 'apply', '-f', file, '--auto-approve', '--concurrency', '1'], {
      env: { ...env, GITHUB_STEP_SUMMARY: summary },
    });

    expect(run.code).toBe(1);
    const outputs = outputsOf(run, summary);
    for (const [name, text] of Object.entries(outputs))
      expect({ name, leak: leakIn(text) }).toEqual({ name, leak: undefined });
    expect(run.stdout).toMatch(/failed \(400\): token \[redacted\] refused; Basic \[redacted\]/);
    expect(run.stderr).toMatch(/"msg":"change finished"/);
    expect(outputs[summary]).toContain('[redacted]');
  });

  it('an error that stops the run: the API message, the file name and a bad argument given are redacted on stderr', async () => {
    const { env } = await start(TURSO_TOKEN, {
      faults: {
        failures: [
          {
            provider: 'turso',
            method: 'GET',
            status: 400,
            times: 1,
            body: { error: `bad ${base64url(TURSO_TOKEN)} for ${PS_ID}` },
          },
        ],
      },
    });
    const file = files.write('stops.yaml', FILE);

    const failed = await runCli(['plan', '-f', file], { env });
    const missing = await runCli(['validate', '-f', `${files.dir}/${TURSO_TOKEN.slice(5, 35)}.yaml`], { env });
    const usage = await runCli(['plan', '--concurrency', PS_TOKEN], { env });

    for (const run of [failed, missing, usage]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^(Error|error): .*\[redacted\]/);
      expect(leakIn(run.stdout + run.stderr)).toBeUndefined();
    }
  });

  it('redacts a token shorter than 8 characters wherever it appears whole', async () => {
    const { sandbox, env } = await start(SHORT_TOKEN);
    const file = files.write('short.yaml', FILE);
    const planPath = `${files.dir}/short-plan.json`;
    const summary = `${files.dir}/short-summary.md`;

    const run = await runCli(['--log-level', 'debug', 'plan', '-f', file, '--out', planPath], {
      env: { ...env, GITHUB_STEP_SUMMARY: summary },
    });
    sandbox.setFaults({
      failures: [
        {
          provider: 'turso',
          method: 'GET',
          status: 400,
          times: 1,
          body: { error: `token ${SHORT_TOKEN} is too short` },
        },
      ],
    });
    const failed = await runCli(['plan', '-f', file], { env });

    expect(run.code).toBe(0);
    expect(failed.code).toBe(1);
    const outputs = { ...outputsOf(run, planPath, summary), failed: failed.stderr };
    for (const [name, text] of Object.entries(outputs)) {
      expect({ name, leak: leakIn(text, [SHORT_TOKEN, base64(SHORT_TOKEN).replace(/=+$/, '')]) }).toEqual({
        name,
        leak: undefined,
      });
    }
    expect(run.stdout).toContain('bot-[redacted]');
    expect(failed.stderr).toContain('token [redacted] is too short');
  });
});
