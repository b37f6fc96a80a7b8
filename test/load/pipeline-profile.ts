import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeBenchmarkSection } from '@loops/infra';
import { CATEGORIES, profileShares, ProfileShares } from './cpu-profile-categories';
import { PipelineStack, SERVICES } from './pipeline-stack';
import { throughputRun, ThroughputRun } from './pipeline-throughput';

// Where the four services' CPU goes under the pipeline bench's throughput load: each service runs with
// `--cpu-prof`, the profiles are cut to the throughput window, and each category's share of the sampled time
// is turned into µs per item with the CPU time /proc measured for that service in the same window (a sampled
// profile counts time on the stack, which on a busy machine includes time the process waited for a core).
// BENCH_PROFILE_REUSE=1 re-reads the profiles and window of the last run instead of running again.
const repoRoot = resolve(__dirname, '..', '..');
const N = Number(process.env.BENCH_ITEMS ?? 20000);
const LABEL = process.env.BENCH_PROFILE_LABEL ?? 'current';
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR ?? `/tmp/loops-bench-profile-${LABEL}`;
const RUN_FILE = join(PROFILE_DIR, 'run.json');

const f = (x: number) => Math.round(x).toLocaleString('en-US');

async function profiledRun(): Promise<ThroughputRun> {
  if (process.env.BENCH_PROFILE_REUSE === '1' && existsSync(RUN_FILE)) return JSON.parse(readFileSync(RUN_FILE, 'utf8')) as ThroughputRun;
  const stack = new PipelineStack({ repoRoot, basePort: 26000, cpuProfileDir: PROFILE_DIR, distDir: process.env.BENCH_DIST });
  let run: ThroughputRun;
  try {
    await stack.start();
    run = await throughputRun(stack, N);
  } finally {
    await stack.stop(); // services write their profiles as they exit
  }
  writeFileSync(RUN_FILE, JSON.stringify(run));
  return run;
}

async function main(): Promise<void> {
  const run = await profiledRun();
  const items = run.items;
  const perService = new Map<string, { shares: ProfileShares; cpuUs: number }>();
  for (const name of SERVICES) {
    const shares = profileShares(join(PROFILE_DIR, name), run.fromUs, run.toUs);
    const cpuUs = (run.cpu.find((c) => c.name === name)!.seconds * 1e6) / items;
    perService.set(name, { shares, cpuUs });
  }
  const usPerItem = (name: string, category: (typeof CATEGORIES)[number]) => {
    const { shares, cpuUs } = perService.get(name)!;
    return shares.total > 0 ? (cpuUs * shares.micros.get(category)!) / shares.total : 0;
  };
  const totalCpu = SERVICES.reduce((sum, s) => sum + perService.get(s)!.cpuUs, 0);
  const rows = CATEGORIES.map((category) => {
    const each = SERVICES.map((s) => usPerItem(s, category));
    const sum = each.reduce((a, b) => a + b, 0);
    return `| ${category} | ${each.map(f).join(' | ')} | **${f(sum)}** | ${((sum / totalCpu) * 100).toFixed(0)}% |`;
  });
  const broker = run.cpu.find((c) => c.name === 'kafka broker')!;
  const other = SERVICES.flatMap((s) =>
    perService.get(s)!.shares.otherTop.slice(0, 3).map((o) => `${s}: \`${o.frame}\` ${((o.micros / perService.get(s)!.shares.total) * 100).toFixed(1)}%`),
  );
  const lines = [
    `Measured ${new Date(Date.now()).toISOString().slice(0, 16)}Z, ${f(items)} items through the four services (the pipeline bench's throughput load: batches of 1,000, 4 in flight) with \`--cpu-prof\`; ${f(items / run.endToEndSeconds)} items/s end to end while profiled. Machine: ${(run.load.busy * 100).toFixed(0)}% of both cores busy during the run, 1-minute load average ${run.load.loadAverage.toFixed(1)}.${process.env.BENCH_NODE_FLAGS ? ` Services ran with \`${process.env.BENCH_NODE_FLAGS}\`.` : ''}`,
    `Each category's share of a service's sampled (non-idle) time in the throughput window × the CPU /proc measured for that service in the window ÷ items. Time in Node's runtime (Buffers, streams, sockets, builtins) counts for the library that called it; JSON parse/stringify is the self time of the CloudEvent codec, where V8 inlines them; pg includes TypeORM.`,
    '',
    `| µs of CPU per item | ${SERVICES.join(' | ')} | four services | share |`,
    `|---|${SERVICES.map(() => '---|').join('')}---|---|`,
    ...rows,
    `| **total (/proc)** | ${SERVICES.map((s) => f(perService.get(s)!.cpuUs)).join(' | ')} | **${f(totalCpu)}** | |`,
    '',
    `Kafka broker: ${f((broker.seconds * 1e6) / items)} µs per item. Largest frames in "everything else": ${other.join('; ')}.`,
    '',
    `Reproduce: \`npm run build && BENCH_PROFILE_LABEL=${LABEL} npm run bench:profile\` (\`BENCH_ITEMS\` changes the load, \`BENCH_DIST\` runs another build; profiles stay in \`${PROFILE_DIR}\`).`,
  ];
  writeBenchmarkSection(repoRoot, `pipeline-profile-${LABEL}`, `Pipeline CPU profile (${LABEL})`, lines.join('\n'));
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
