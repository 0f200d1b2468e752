/** The benchmark's figures as Markdown tables (ready for the README) and a list of targets met or missed. */
import type { OldActionPathFigures } from './old-action-path.js';
import type { ApplyFigures, HelpFigures, PlanFigures } from './scenarios.js';

export interface BenchFigures {
  readonly node: string;
  readonly cpus: number;
  readonly help: { readonly dist: HelpFigures; readonly bundle: HelpFigures };
  /** From spawning `membership plan` to the sandbox's first request. */
  readonly firstRequest: { readonly dist: HelpFigures; readonly bundle: HelpFigures };
  readonly oldActionPath: OldActionPathFigures;
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
const ms = (f: HelpFigures): string => `${f.medianMs.toFixed(0)} ms (slowest ${f.maxMs.toFixed(0)})`;

/** The old Action path: install and build, then the same CLI from dist/. */
function oldPathS(figures: BenchFigures): number {
  return figures.oldActionPath.npmCiS + figures.oldActionPath.tscS + figures.firstRequest.dist.medianMs / 1000;
}

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
    `Start-up: median over ${figures.help.dist.runs} runs each (slowest in brackets); first request: \`membership plan\` of a small file, from spawning node to the sandbox receiving the first request.`,
    '',
    '| | from dist/ (npm package) | from bundle/membership.mjs |',
    '|---|---|---|',
    `| \`membership --help\` | ${ms(figures.help.dist)} | ${ms(figures.help.bundle)} |`,
    `| \`membership plan\` to its first request | ${ms(figures.firstRequest.dist)} | ${ms(figures.firstRequest.bundle)} |`,
    '',
    `The Action's CLI step before its first API request: ${s(figures.firstRequest.bundle.medianMs / 1000)} now (the bundle on the runner's Node); ` +
      `${s(oldPathS(figures))} the old way, measured once here: \`npm ci --ignore-scripts\` of ${figures.oldActionPath.packages} packages from the local npm cache ${s(figures.oldActionPath.npmCiS)}, ` +
      `\`tsc\` over src and test ${s(figures.oldActionPath.tscS)}, then the first request from dist/ (a lower bound: on a runner npm also downloads them).`,
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
      what: '`membership --help` < 300 ms (median), from dist/ and from the bundle',
      measured: `${figures.help.dist.medianMs.toFixed(0)} ms, ${figures.help.bundle.medianMs.toFixed(0)} ms`,
      met: figures.help.dist.medianMs < 300 && figures.help.bundle.medianMs < 300,
    },
    {
      what: "the Action's CLI step (the bundle): first API request < 1 s after start (median)",
      measured: `${figures.firstRequest.bundle.medianMs.toFixed(0)} ms (was ${s(oldPathS(figures))})`,
      met: figures.firstRequest.bundle.medianMs < 1000,
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
