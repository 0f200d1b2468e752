/** The benchmark's figures as Markdown tables (ready for the README) and a list of targets met or missed. */
import type { ApplyFigures, HelpFigures, PlanFigures } from './scenarios.js';

export interface BenchFigures {
  readonly node: string;
  readonly cpus: number;
  readonly help: HelpFigures;
  readonly plans: readonly PlanFigures[];
  readonly applies: {
    readonly atLimit: ApplyFigures;
    readonly serial: ApplyFigures;
    readonly overLimit: ApplyFigures;
  };
}

export interface Target {
  readonly what: string;
  readonly measured: string;
  readonly met: boolean;
}

const s = (seconds: number): string => `${seconds.toFixed(2)} s`;
const x = (ratio: number): string => `${ratio.toFixed(2)}×`;

export function renderTables(figures: BenchFigures): string {
  const { atLimit, serial, overLimit } = figures.applies;
  const applyRow = (f: ApplyFigures): string =>
    `| \`--max-rps ${f.maxRps} --concurrency ${f.concurrency}\` | ${s(f.wallS)} | ${s(f.applyS)} (${x(f.applyOverIdeal)} ideal) | ` +
    `${f.achievedRps.toFixed(1)} req/s (${f.achievedOverLimit.toFixed(3)} of limit) | ${f.maxStartsPerSecond} | ${f.rateLimited} | ${f.duplicates} | ${f.lost} | ${f.failedChanges} |`;
  const planRow = (f: PlanFigures): string =>
    `| ${f.declared.toLocaleString('en-US')} | ${s(f.wallS)} | ${f.maxRssMb === undefined ? '–' : `${f.maxRssMb.toFixed(0)} MB`} | ` +
    `${f.requests} | ${f.pages} | ${f.plannedAdditions ?? '–'} |`;
  return [
    `Apply: ${atLimit.adds} Turso adds; sandbox latency ${atLimit.latencyMs} ms, server limit ${atLimit.serverRps} req/s (429 with \`Retry-After: 1\` above it). Node ${figures.node}, ${figures.cpus} CPUs.`,
    '',
    '| tool settings | wall (CLI) | apply phase | achieved start rate | most starts in 1 s | 429s | duplicate adds | lost | failed |',
    '|---|---|---|---|---|---|---|---|---|',
    applyRow(atLimit),
    applyRow(serial),
    applyRow(overLimit),
    '',
    "Apply phase: from the first add reaching the server to the CLI's exit; ideal = adds / limit. Achieved start rate: request starts the server saw per second from the first add to the last.",
    '',
    `Plan at scale: sandbox latency 0, \`--max-rps 1000 --concurrency 32\`; 1% of the declared memberships missing. ${figures.plans.at(-1)?.shape ?? ''} (largest).`,
    '',
    '| declared memberships | wall (CLI) | peak RSS | requests | list pages | additions planned |',
    '|---|---|---|---|---|---|',
    ...figures.plans.map(planRow),
    '',
    `\`membership --help\`: median ${figures.help.medianMs.toFixed(0)} ms, slowest ${figures.help.maxMs.toFixed(0)} ms over ${figures.help.runs} runs.`,
    '',
  ].join('\n');
}

export function evaluateTargets(figures: BenchFigures): Target[] {
  const { atLimit, serial, overLimit } = figures.applies;
  const largest = figures.plans.at(-1);
  const speedup = serial.applyS / atLimit.applyS;
  const targets: Target[] = [
    {
      what: 'at the limit: achieved rate >= 0.95 of the limit',
      measured: atLimit.achievedOverLimit.toFixed(3),
      met: atLimit.achievedOverLimit >= 0.95,
    },
    {
      what: 'at the limit: 429s < 1% of requests, none failing a change',
      measured: `${atLimit.rateLimited} of ${atLimit.requests}, ${atLimit.failedChanges} failed`,
      met: atLimit.rateLimited < atLimit.requests / 100 && atLimit.failedChanges === 0,
    },
    { what: 'at the limit: zero duplicate adds', measured: String(atLimit.duplicates), met: atLimit.duplicates === 0 },
    {
      what: 'at the limit: several times faster than --concurrency 1',
      measured: `${speedup.toFixed(1)}× (apply phase)`,
      met: speedup >= 3,
    },
    {
      what: 'over the limit: apply phase <= 1.2× ideal',
      measured: x(overLimit.applyOverIdeal),
      met: overLimit.applyOverIdeal <= 1.2,
    },
    {
      what: 'over the limit: zero lost, none failed',
      measured: `${overLimit.lost} lost, ${overLimit.failedChanges} failed`,
      met: overLimit.lost === 0 && overLimit.failedChanges === 0,
    },
    {
      what: '`membership --help` < 300 ms (median)',
      measured: `${figures.help.medianMs.toFixed(0)} ms`,
      met: figures.help.medianMs < 300,
    },
  ];
  if (largest) {
    targets.push(
      {
        what: `${largest.declared} planned in < 5 s`,
        measured: s(largest.wallS),
        met: largest.wallS < 5 && largest.exitCode === 0,
      },
      {
        what: `${largest.declared} planned in < 300 MB RSS`,
        measured: `${largest.maxRssMb?.toFixed(0)} MB`,
        met: (largest.maxRssMb ?? Infinity) < 300,
      },
    );
  }
  for (const plan of figures.plans) {
    targets.push({
      what: `${plan.declared}: requests = list pages`,
      measured: `${plan.requests} / ${plan.pages}`,
      met: plan.requests === plan.pages,
    });
  }
  return targets;
}

export function renderTargets(targets: readonly Target[]): string {
  return targets.map((t) => `${t.met ? 'met   ' : 'MISSED'}  ${t.what}: ${t.measured}`).join('\n') + '\n';
}
