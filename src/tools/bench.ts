/**
 * `npm run bench`: apply throughput against a rate-limited server, behaviour above its limit, plan
 * cost at 1k/10k/100k declared memberships, and start-up time. The built CLI runs as a subprocess
 * (as users run it) against the sandbox in this process, over loopback only; every run is killed
 * after a few minutes at most. Prints Markdown tables and writes them as JSON to bench-results.json.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { applyWorld, scaleWorld } from './bench/fixtures.js';
import { evaluateTargets, renderTables, renderTargets, type BenchFigures } from './bench/report.js';
import { benchOldActionPath } from './bench/old-action-path.js';
import { BUNDLE, CLI } from './bench/run-measured.js';
import { benchApply, benchFirstRequest, benchHelp, benchPlan, summarizeTimes } from './bench/scenarios.js';

const RESULTS_FILE = fileURLToPath(new URL('../../../bench-results.json', import.meta.url));
const PLAN_SIZES = [1_000, 10_000, 100_000];
const PLAN_FLAGS = ['--max-rps', '1000', '--concurrency', '32'];
const ADDS = 600;
const LIMIT = { serverRps: 100, latencyMs: 50 };

const say = (text: string): void => void process.stderr.write(`bench: ${text}\n`);

say('membership --help, from dist/ and from the bundle');
const help = { dist: await benchHelp(7, CLI), bundle: await benchHelp(7, BUNDLE) };

say("the Action's CLI step: from starting `membership plan` to the sandbox's first request");
const small = applyWorld(10);
const firstRequestTimes: { dist: number[]; bundle: number[] } = { dist: [], bundle: [] };
for (let i = 0; i < 7; i += 1) {
  // Interleaved, so that a busy moment of the machine falls on both.
  firstRequestTimes.bundle.push(await benchFirstRequest(small, BUNDLE));
  firstRequestTimes.dist.push(await benchFirstRequest(small, CLI));
}
const firstRequest = { dist: summarizeTimes(firstRequestTimes.dist), bundle: summarizeTimes(firstRequestTimes.bundle) };
say('the old Action path, once: npm ci --ignore-scripts (from the local cache) and tsc in a fresh copy');
const oldActionPath = await benchOldActionPath();

const plans = [];
for (const size of PLAN_SIZES) {
  say(`plan of ${size} declared memberships`);
  plans.push(await benchPlan(scaleWorld(size), PLAN_FLAGS));
}

const world = applyWorld(ADDS);
say(`apply ${ADDS} adds at --max-rps 100 --concurrency 8`);
const atLimit = await benchApply(world, { label: 'at the limit', concurrency: 8, maxRps: 100, ...LIMIT });
say(`apply ${ADDS} adds at --max-rps 100 --concurrency 1 (about 30 s)`);
const serial = await benchApply(world, { label: 'one at a time', concurrency: 1, maxRps: 100, ...LIMIT });
say(`apply ${ADDS} adds at --max-rps 200 --concurrency 8, over the server's limit`);
const overLimit = await benchApply(world, { label: 'over the limit', concurrency: 8, maxRps: 200, ...LIMIT });

const figures: BenchFigures = {
  node: process.version,
  cpus: availableParallelism(),
  help,
  firstRequest,
  oldActionPath,
  plans,
  applies: { atLimit, serial, overLimit },
};
const targets = evaluateTargets(figures);
process.stdout.write('\n' + renderTables(figures) + '\n' + renderTargets(targets));
writeFileSync(RESULTS_FILE, JSON.stringify({ date: new Date().toISOString(), ...figures, targets }, null, 2) + '\n');
say(`wrote ${RESULTS_FILE}`);
// A missed target is a finding, reported above; a run that did not finish as expected is a failure.
const runs = [...plans, atLimit, serial, overLimit];
process.exitCode = runs.every((run) => run.exitCode === 0) ? 0 : 1;
