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
import { benchApply, benchHelp, benchPlan } from './bench/scenarios.js';

const RESULTS_FILE = fileURLToPath(new URL('../../../bench-results.json', import.meta.url));
const PLAN_SIZES = [1_000, 10_000, 100_000];
const PLAN_FLAGS = ['--max-rps', '1000', '--concurrency', '32'];
const ADDS = 600;
const LIMIT = { serverRps: 100, latencyMs: 50 };

const say = (text: string): void => void process.stderr.write(`bench: ${text}\n`);

say('membership --help');
const help = await benchHelp(7);

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
