/**
 * What the resilience tests share: a sandbox with enough people to add, the file that adds them,
 * and readings of the sandbox's request log (the server's view, which is what a promise about
 * rates and retries is about).
 */
import type { SandboxOptions, SandboxRequest, SandboxSeed } from '../../src/sandbox/index.js';
import { baseSeed, startTestSandbox, type SandboxEnv } from '../support/sandbox-fixture.js';

export interface People {
  /** Turso usernames registered in the sandbox, not yet in organization `acme`. */
  readonly turso: readonly string[];
  /** PlanetScale members of organization `acme`, on no team yet. */
  readonly planetscale: readonly string[];
}

export function people(turso: number, planetscale: number): People {
  const names = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);
  return { turso: names('user', turso), planetscale: names('dev', planetscale).map((name) => `${name}@acme.dev`) };
}

/** The base seed plus everyone in `who`, ready to be added. */
export function seedWith(who: People): SandboxSeed {
  const seed = baseSeed();
  const turso = seed.turso!;
  const planetscale = seed.planetscale!;
  const acme = planetscale.organizations!['acme']!;
  return {
    turso: { ...turso, users: [...(turso.users ?? []), ...who.turso.map((username) => ({ username }))] },
    planetscale: {
      ...planetscale,
      organizations: {
        acme: { ...acme, members: [...(acme.members ?? []), ...who.planetscale.map((email) => ({ email }))] },
      },
    },
  };
}

/** A sandbox seeded with everyone in `who`, and the environment that points the CLI at it. */
export function startSandboxWith(who: People, options: Omit<SandboxOptions, 'seed'> = {}): Promise<SandboxEnv> {
  return startTestSandbox(seedWith(who), options);
}

/** A file adding everyone in `who`: Turso members of `acme`, PlanetScale members of team `data`. */
export function fileAdding(who: People): string {
  const lines = ['version: 1'];
  if (who.turso.length > 0) {
    lines.push('turso:', '  organizations:', '    acme:', '      members:', '        alice: admin');
    lines.push(...who.turso.map((name) => `        ${name}: member`));
  }
  if (who.planetscale.length > 0) {
    lines.push('planetscale:', '  organizations:', '    acme:', '      teams:', '        data:', '          members:');
    lines.push(...who.planetscale.map((email) => `            - ${email}`));
  }
  return lines.join('\n') + '\n';
}

/** Who a write was for: Turso's `username`, PlanetScale's `user_id`. */
export function subjectOf(request: SandboxRequest): string {
  const body = request.body as { username?: unknown; user_id?: unknown } | undefined;
  const subject = body?.username ?? body?.user_id ?? '';
  // A parsed JSON body: a string as it is, anything else (a number, say) as its JSON text.
  return typeof subject === 'string' ? subject : JSON.stringify(subject);
}

export function posts(requests: readonly SandboxRequest[], provider?: SandboxRequest['provider']): SandboxRequest[] {
  return requests.filter((r) => r.method === 'POST' && (provider === undefined || r.provider === provider));
}

/** Adds the server accepted per member: anything above 1 is a duplicate. */
export function acceptedAddsPerMember(requests: readonly SandboxRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of posts(requests)) {
    if (typeof request.status === 'number' && request.status >= 200 && request.status < 300) {
      const key = `${request.provider} ${subjectOf(request)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** The most request starts the server saw in any window of `windowMs` (1 s, as the promise says). */
export function maxStartsInAnyWindow(requests: readonly SandboxRequest[], windowMs = 1_000): number {
  const starts = requests.map((r) => r.startMs).sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < starts.length; last += 1) {
    while (starts[last]! - starts[first]! >= windowMs) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

/** Resolves once `condition` holds, polling; rejects after `timeoutMs` so a broken run fails rather than hangs. */
export async function waitFor(condition: () => boolean, timeoutMs = 15_000, everyMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** JSON log lines from stderr with the given message. */
export function logLines(stderr: string, message: string): Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry['msg'] === message);
}
