import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Alert } from '@loops/contracts';
import { writeBenchmarkSection } from '@loops/infra';
import { generateItems } from './feedback-generator';
import { captureMessages, kafkaCeiling } from './kafka-ceiling';
import { latencyChartSvg } from './latency-chart';
import { PipelineStack, SERVICES } from './pipeline-stack';
import { throughputRun } from './pipeline-throughput';
import { machineLoadWindow, peakRssMb } from './process-usage';
import { untilSettled } from './settling';
import { storeCeiling } from './store-ceilings';

// One command, the whole pipeline on this machine: throughput through all four services, CPU per item per
// service, ingest-to-alert latency at fixed rates, peak memory, and in the same run the raw ceilings
// (kafkajs on the pipeline's own messages, PostgreSQL COPY / unnest / multi-row INSERT on its own rows).
const repoRoot = resolve(__dirname, '..', '..');
const N = Number(process.env.BENCH_ITEMS ?? 20000);
const RATES = (process.env.BENCH_RATES ?? '100,250,500,1000').split(',').map(Number);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 20);
const BASE_PORT = 26000;

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const f = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function main(): Promise<void> {
  const stack = new PipelineStack({ repoRoot, basePort: BASE_PORT, distDir: process.env.BENCH_DIST });
  try {
    await stack.start();

    // Latency probe: alerts arrive keyed by case; each carries its feedback event id.
    const alertsSeen = new Map<string, number>();
    const probe = stack.kafka.consumer({ groupId: `bench-probe-${Date.now()}` });
    let probeJoined = false;
    probe.on(probe.events.GROUP_JOIN, () => void (probeJoined = true));
    await untilSettled('probe join', async () => {
      await probe.connect();
      await probe.subscribe({ topics: [/^alerts\..*\.v1$/], fromBeginning: false });
    });
    await probe.run({
      eachBatch: async ({ batch }) => {
        const at = Date.now();
        for (const m of batch.messages) alertsSeen.set((JSON.parse(m.value!.toString()) as Alert).feedbackEventId, at);
      },
    });
    while (!probeJoined) await sleep(100);

    // 1. Throughput and CPU per item.
    const run = await throughputRun(stack, N);
    const throughput = N / run.endToEndSeconds;
    console.log(`throughput: ${N} items accepted in ${run.acceptedSeconds.toFixed(1)} s, routed and in the store after ${run.endToEndSeconds.toFixed(1)} s (${f(throughput)} items/s)`);
    const servicesCpu = run.cpu.filter((c) => c.name !== 'kafka broker').reduce((s, c) => s + c.seconds, 0);
    console.log(`CPU µs/item: ${run.cpu.map((c) => `${c.name} ${f((c.seconds * 1e6) / N)}`).join(', ')}; four services ${f((servicesCpu * 1e6) / N)}`);

    // 2. Ceilings on the pipeline's own messages and rows, while the services idle.
    const analyzedTopic = (await stack.admin.listTopics()).includes('feedback.analyzed.v2') && (await stack.admin.fetchTopicOffsets('feedback.analyzed.v2')).some((p) => Number(p.high) > 0) ? 'feedback.analyzed.v2' : 'feedback.analyzed.v1';
    const kafkaCeilings = [];
    for (const topic of ['feedback.received.v1', analyzedTopic]) {
      const messages = await captureMessages(stack.kafka, topic, N);
      kafkaCeilings.push({ topic, ...(await kafkaCeiling(stack.kafka, topic.replace(/\W/g, '-'), messages, 8)) });
      console.log(`ceiling kafkajs ${topic}: ${f(kafkaCeilings.at(-1)!.rate)} msgs/s (${f(kafkaCeilings.at(-1)!.meanBytes)} bytes)`);
    }
    const storeCeilings = [];
    for (const table of ['feedback', 'analyses', 'feedback_facts']) {
      storeCeilings.push(await storeCeiling(stack.databaseUrl, table, 'bench'));
      const c = storeCeilings.at(-1)!;
      console.log(`ceiling ${table}: multi-row ${f(c.multiRowInsert)}, unnest ${f(c.unnest)}, COPY ${f(c.copy)} rows/s`);
    }

    // 3. Latency at fixed rates: ingest (HTTP 200) to the alert on its topic.
    const latencyRows: { rate: number; p50: number; p99: number; alerts: number; achieved: number; busy: number; loadAverage: number }[] = [];
    for (const rate of RATES) {
      const perTick = Math.max(1, Math.round(rate / 10));
      const sent = new Map<string, number>();
      // Score-only detractors from distinct customers: every one must page, none is throttled or inhibited.
      const batches = generateItems(rate * RATE_SECONDS, `lat-${rate}`, 0.3, rate, Date.now(), 3600_000, { scoreOnlyDetractors: true, uniqueCustomers: true });
      const closeLoad = machineLoadWindow();
      const start = Date.now();
      const inflight: Promise<void>[] = [];
      for (let tick = 0; tick * perTick < batches.length; tick++) {
        const due = start + tick * 100;
        if (due > Date.now()) await sleep(due - Date.now());
        const chunk = batches.slice(tick * perTick, (tick + 1) * perTick);
        const sentAt = Date.now();
        inflight.push(stack.post(chunk).then((r) => r.results.forEach((x) => x.eventId && sent.set(x.eventId, sentAt))));
      }
      await Promise.all(inflight);
      const achieved = batches.length / ((Date.now() - start) / 1000);
      const load = closeLoad();
      await sleep(5000);
      const latencies = [...sent].flatMap(([id, at]) => (alertsSeen.has(id) ? [alertsSeen.get(id)! - at] : [])).sort((a, b) => a - b);
      latencyRows.push({ rate, p50: percentile(latencies, 50), p99: percentile(latencies, 99), alerts: latencies.length, achieved, busy: load.busy, loadAverage: load.loadAverage });
      console.log(`rate ${rate}/s (achieved ${achieved.toFixed(0)}): ${latencies.length} alerts, p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms`);
    }
    await probe.disconnect();
    const memory = SERVICES.map((name) => ({ name, mb: peakRssMb(stack.pidOf(name)) }));

    writeFileSync(join(repoRoot, 'docs', 'latency-vs-load.svg'), latencyChartSvg(latencyRows));
    const at1000 = latencyRows.find((r) => r.rate === 1000);
    const cpuPerItem = (name: string) => (run.cpu.find((c) => c.name === name)!.seconds * 1e6) / N;
    const lines = [
      `Measured ${new Date().toISOString().slice(0, 16)}Z on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} with ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Kafka 3.9.1 (native, KRaft, one broker, SASL) and PostgreSQL 15, all on the same machine; topics with 6 partitions, one instance per service.`,
      `Machine during the throughput run: ${pct(run.load.busy)} of both cores busy (everything on the machine), 1-minute load average ${run.load.loadAverage.toFixed(1)}; other work shares the machine, so every figure is a lower bound.`,
      `Load: ${f(N)} generated items (mixed channels, Indonesian/Thai/Korean/Hungarian/English text, 20,000 customers with annual values, 30% NPS detractors) sent to \`POST /v1/feedback/batch\` in batches of 1,000, 4 in flight. The clock stops when sentiment has published every item and **both** routing and root-cause have committed it (their offsets move only after their effects are durable) and every item is in \`feedback_facts\`.`,
      '',
      '| measure | figure | target |',
      '|---|---|---|',
      `| end-to-end throughput (first request → routed and in \`feedback_facts\`) | **${f(throughput)} items/s** | ≥ 3,000 |`,
      `| accepted by ingestion (HTTP 200 for every batch) | ${f(N / run.acceptedSeconds)} items/s | ≥ 10,000 (batch ingestion) |`,
      `| CPU of the four services per item | **${f((servicesCpu * 1e6) / N)} µs** (${SERVICES.map((s) => `${s} ${f(cpuPerItem(s))}`).join(', ')}) | ≤ 300 µs |`,
      `| CPU of the Kafka broker per item | ${f(cpuPerItem('kafka broker'))} µs | |`,
      `| p99 ingest-to-alert at 1,000 items/s | ${at1000 ? `**${f(at1000.p99)} ms**` : 'not run'} | ≤ 250 ms |`,
      `| peak RSS per service (VmHWM) | ${memory.map((m) => `${m.name} ${f(m.mb)} MB`).join(', ')} | ≤ 300 MB each |`,
      '',
      'Ceilings in the same run, on the pipeline\'s own bytes: the messages it put on its topics (read back with their CloudEvents headers and keys) and the rows it wrote (read back from its tables into an empty copy with the same indexes and constraints), while the services idle.',
      '',
      '| ceiling | rate | pipeline ÷ ceiling |',
      '|---|---|---|',
      ...kafkaCeilings.map((k) => `| kafkajs produce (acks=all, ${k.inFlight} requests in flight, ≤ 768 KiB each) + consume, ${f(k.messages)} \`${k.topic}\` messages of ${f(k.meanBytes)} bytes | ${f(k.rate)} msgs/s | ${pct(throughput / k.rate)} |`),
      ...storeCeilings.flatMap((c) => [
        `| \`${c.table}\` (${f(c.rows)} rows): multi-row INSERT, 1,000 rows a statement | ${f(c.multiRowInsert)} rows/s | ${pct(throughput / c.multiRowInsert)} |`,
        `| \`${c.table}\`: INSERT … SELECT FROM unnest(one array per column), 1,000 rows a statement | ${f(c.unnest)} rows/s | ${pct(throughput / c.unnest)} |`,
        `| \`${c.table}\`: COPY FROM STDIN (pg-copy-streams) | ${f(c.copy)} rows/s | ${pct(throughput / c.copy)} |`,
      ]),
      '',
      'Ingest-to-alert latency (HTTP 200 of the batch carrying the item → its alert read from `alerts.<receiver>.v1`), steady load sent as 10 batches a second, 30% detractors (score-only answers from distinct customers, so each one pages); chart: [latency-vs-load.svg](latency-vs-load.svg).',
      '',
      '![ingest-to-alert latency against load](latency-vs-load.svg)',
      '',
      '| offered load | achieved | alerts measured | p50 | p99 | machine busy (both cores, everything) | 1-min load average |',
      '|---|---|---|---|---|---|---|',
      ...latencyRows.map((r) => `| ${r.rate} items/s | ${f(r.achieved)} items/s | ${r.alerts} | ${f(r.p50)} ms | ${f(r.p99)} ms | ${pct(r.busy)} | ${r.loadAverage.toFixed(1)} |`),
      '',
      `CPU in the throughput run (${run.endToEndSeconds.toFixed(1)} s wall, 2 cores = ${(2 * run.endToEndSeconds).toFixed(0)} core-seconds): ` +
        `${run.cpu.map((c) => `${c.name} ${c.seconds.toFixed(1)} s`).join(', ')}; PostgreSQL, the load generator and other work on the machine use the rest.`,
      '',
      'Reproduce: `npm run build && npm run bench:pipeline` (`BENCH_ITEMS`, `BENCH_RATES`, `BENCH_RATE_SECONDS` change the load).',
    ];
    writeBenchmarkSection(repoRoot, 'pipeline', 'Pipeline end to end', lines.join('\n'));
    console.log(lines.join('\n'));
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
