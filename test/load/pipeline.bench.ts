import 'reflect-metadata';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaSecurity, kafkajsSecurityOptions, kafkaSecurityEnv } from '@loops/kafka';
import { Client } from 'pg';
import { Alert } from '@loops/contracts';
import { createPipelineTopics, provisionInfrastructure, recreateDatabase, writeBenchmarkSection } from '@loops/infra';
import { createDataSource, migrate } from '@loops/store';
import { generateItems, GeneratedItem } from './feedback-generator';
import { latencyChartSvg } from './latency-chart';

// One command, the whole pipeline on this machine: throughput into the store through all four services,
// ingest-to-alert latency at fixed rates, peak memory per service, and in the same run the raw ceilings
// (kafkajs produce+consume, bulk insert) the pipeline is judged against.
const repoRoot = resolve(__dirname, '..', '..');
const N = Number(process.env.BENCH_ITEMS ?? 20000);
const RATES = (process.env.BENCH_RATES ?? '100,250,500,1000').split(',').map(Number);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 20);
const SERVICES = ['ingestion', 'sentiment', 'routing', 'root-cause'] as const;
const BASE_PORT = 26000;

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds a process has used so far (user + system), from /proc; clock ticks are 1/100 s on Linux. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function post(apiKey: string, items: GeneratedItem[]): Promise<{ results: { status: string; eventId?: string }[] }> {
  const res = await fetch(`http://127.0.0.1:${BASE_PORT + 1}/v1/feedback/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ items }),
  });
  if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { results: { status: string; eventId?: string }[] };
}

async function count(db: Client, sql: string, params: unknown[]): Promise<number> {
  return (await db.query(sql, params)).rows[0].n as number;
}

async function kafkaCeiling(brokers: string, items: GeneratedItem[], security: KafkaSecurity | undefined): Promise<number> {
  const kafka = new Kafka({ brokers: [brokers], clientId: 'bench-ceiling', logLevel: logLevel.NOTHING, ...kafkajsSecurityOptions(security) });
  const admin = kafka.admin();
  const topic = `bench.ceiling.${Date.now()}`;
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 6 }] });
  await admin.disconnect();
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: `${topic}.g` });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  await consumer.run({ eachBatch: async ({ batch }) => void (seen += batch.messages.length) });
  await sleep(3000); // group join
  const values = items.map((i) => JSON.stringify(i));
  const t0 = Date.now();
  for (let i = 0; i < values.length; i += 1000) {
    await producer.send({ topic, acks: -1, messages: values.slice(i, i + 1000).map((value, j) => ({ key: `k${i + j}`, value })) });
  }
  while (seen < values.length) await sleep(20);
  const rate = values.length / ((Date.now() - t0) / 1000);
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  return rate;
}

async function insertCeiling(url: string, items: GeneratedItem[]): Promise<number> {
  const ds = await createDataSource({ url, poolSize: 1 }).initialize();
  await ds.query('CREATE TABLE bench_feedback (LIKE feedback INCLUDING ALL)');
  const t0 = Date.now();
  for (let i = 0; i < items.length; i += 1000) {
    const chunk = items.slice(i, i + 1000);
    const params: unknown[] = [];
    const tuples = chunk.map((item, j) => {
      params.push(`00000000-0000-4000-8000-${String(i + j).padStart(12, '0')}`, 'bench', 'ceiling', item.externalId, item.channel, item.customer.id, item.occurredAt, item.occurredAt, item.text, JSON.stringify(item));
      const b = params.length - 10;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9}, $${b + 10})`;
    });
    await ds.query(
      `INSERT INTO bench_feedback (event_id, tenant_id, integration_id, external_id, channel, customer_id, occurred_at, received_at, text, event) VALUES ${tuples.join(', ')}`,
      params,
    );
  }
  const rate = items.length / ((Date.now() - t0) / 1000);
  await ds.query('DROP TABLE bench_feedback');
  await ds.destroy();
  return rate;
}

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LOOPS_INFRA: 'native',
    LOOPS_KAFKA_PORT: '26292',
    LOOPS_KAFKA_CONTROLLER_PORT: '26293',
    LOOPS_STATE_DIR: '/tmp/loops-bench-pipeline',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/loops_bench_pipeline',
  };
  const infra = await provisionInfrastructure({ repoRoot, profile: 'test', env });
  const children: ChildProcess[] = [];
  try {
    await recreateDatabase(infra.databaseUrl);
    await migrate(infra.databaseUrl);
    await createPipelineTopics(infra.kafkaBrokers, 6, infra.kafkaSecurity('admin'));
    const db = new Client({ connectionString: infra.databaseUrl });
    await db.connect();

    const ceilingItems = generateItems(N, 'ceiling');
    const kafkaRate = await kafkaCeiling(infra.kafkaBrokers, ceilingItems, infra.kafkaSecurity('admin'));
    const insertRate = await insertCeiling(infra.databaseUrl, ceilingItems);
    console.log(`ceilings: kafkajs ${Math.round(kafkaRate)}/s, bulk insert ${Math.round(insertRate)}/s`);

    for (const [i, name] of SERVICES.entries()) {
      const child = spawn(process.execPath, [join(repoRoot, `dist/services/${name}/src/main.js`)], {
        cwd: repoRoot,
        env: { ...env, ...kafkaSecurityEnv(infra.kafkaSecurity(name)), KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrl, PORT: String(BASE_PORT + i + 1), LOG_LEVEL: 'warn', RATE_LIMIT_PER_SECOND: '100000' },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.push(child);
    }
    for (let i = 0; i < SERVICES.length; i++) {
      for (;;) {
        const ok = await fetch(`http://127.0.0.1:${BASE_PORT + i + 1}/health/ready`).then((r) => r.ok, () => false);
        if (ok) break;
        await sleep(250);
      }
    }
    const created = execFileSync(process.execPath, [join(repoRoot, 'dist/services/ingestion/src/cli/api-keys.js'), 'create', '--tenant', 'bench', '--integration', 'load'], {
      env: { ...env, DATABASE_URL: infra.databaseUrl },
      encoding: 'utf8',
    });
    const apiKey = JSON.parse(created.trim().split('\n').pop()!).apiKey as string;

    // Latency probe: alerts arrive keyed by case; each carries its feedback event id.
    const kafka = new Kafka({ brokers: [infra.kafkaBrokers], clientId: 'bench-probe', logLevel: logLevel.NOTHING, ...kafkajsSecurityOptions(infra.kafkaSecurity('admin')) });
    const alertsSeen = new Map<string, number>();
    const probe = kafka.consumer({ groupId: `bench-probe-${Date.now()}` });
    await probe.connect();
    await probe.subscribe({ topics: [/^alerts\..*\.v1$/], fromBeginning: false });
    await probe.run({
      eachBatch: async ({ batch }) => {
        const at = Date.now();
        for (const m of batch.messages) alertsSeen.set((JSON.parse(m.value!.toString()) as Alert).feedbackEventId, at);
      },
    });
    await sleep(3000);

    // 1. Throughput: N items as fast as the batch endpoint takes them, until every one is in the store.
    const items = generateItems(N, 'tp');
    const brokerPid = Number(readFileSync(join(env.LOOPS_STATE_DIR!, 'kafka.pid'), 'utf8'));
    const cpuPids: [string, number][] = [...SERVICES.map((name, i): [string, number] => [name, children[i].pid!]), ['kafka broker', brokerPid]];
    const cpuBefore = cpuPids.map(([, pid]) => cpuSeconds(pid));
    const t0 = Date.now();
    const queue = Array.from({ length: Math.ceil(N / 1000) }, (_, i) => items.slice(i * 1000, (i + 1) * 1000));
    await Promise.all(Array.from({ length: 4 }, async () => { for (let b = queue.shift(); b; b = queue.shift()) await post(apiKey, b); }));
    const acceptedSeconds = (Date.now() - t0) / 1000;
    for (;;) {
      const facts = await count(db, `SELECT count(*)::int AS n FROM feedback_facts WHERE tenant_id = 'bench'`, []);
      if (facts >= N) break;
      await sleep(200);
    }
    const endToEndSeconds = (Date.now() - t0) / 1000;
    const cpuUsed = cpuPids.map(([name, pid], i) => ({ name, seconds: cpuSeconds(pid) - cpuBefore[i] }));
    const analyses = await count(db, `SELECT count(*)::int AS n FROM analyses WHERE tenant_id = 'bench'`, []);
    console.log(`throughput: ${N} items accepted in ${acceptedSeconds.toFixed(1)} s, in the store after ${endToEndSeconds.toFixed(1)} s (${analyses} analyses)`);

    // 2. Latency at fixed rates: ingest (HTTP 200) to the alert on its topic.
    const latencyRows: { rate: number; p50: number; p99: number; alerts: number; achieved: number }[] = [];
    for (const rate of RATES) {
      const perTick = Math.max(1, Math.round(rate / 10));
      const sent = new Map<string, number>();
      // Score-only detractors from distinct customers: every one must page, none is throttled or inhibited.
      const batches = generateItems(rate * RATE_SECONDS, `lat-${rate}`, 0.3, rate, Date.now(), 3600_000, { scoreOnlyDetractors: true, uniqueCustomers: true });
      const start = Date.now();
      const inflight: Promise<void>[] = [];
      for (let tick = 0; tick * perTick < batches.length; tick++) {
        const due = start + tick * 100;
        if (due > Date.now()) await sleep(due - Date.now());
        const chunk = batches.slice(tick * perTick, (tick + 1) * perTick);
        const sentAt = Date.now();
        inflight.push(post(apiKey, chunk).then((r) => r.results.forEach((x) => x.eventId && sent.set(x.eventId, sentAt))));
      }
      await Promise.all(inflight);
      const achieved = batches.length / ((Date.now() - start) / 1000);
      await sleep(5000);
      const latencies = [...sent].flatMap(([id, at]) => (alertsSeen.has(id) ? [alertsSeen.get(id)! - at] : [])).sort((a, b) => a - b);
      latencyRows.push({ rate, p50: percentile(latencies, 50), p99: percentile(latencies, 99), alerts: latencies.length, achieved });
      console.log(`rate ${rate}/s (achieved ${achieved.toFixed(0)}): ${latencies.length} alerts, p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms`);
    }
    await probe.disconnect();

    const memory = SERVICES.map((name, i) => ({ name, mb: peakRssMb(children[i].pid!) }));
    await db.end();

    const throughput = N / endToEndSeconds;
    writeFileSync(join(repoRoot, 'docs', 'latency-vs-load.svg'), latencyChartSvg(latencyRows));
    const f = (x: number) => Math.round(x).toLocaleString('en-US');
    const lines = [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} with ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Kafka 3.9.1 (native, KRaft, one broker) and PostgreSQL 15, all on the same machine; topics with 6 partitions, one instance per service.`,
      `Load: ${f(N)} generated items (mixed channels, Indonesian/Thai/Korean/Hungarian/English text, 20,000 customers with annual values, 30% NPS detractors) sent to \`POST /v1/feedback/batch\` in batches of 1,000, 4 in flight.`,
      '',
      '| measure | figure |',
      '|---|---|',
      `| end-to-end throughput (first request → last item in \`feedback_facts\`, through all four services) | **${f(throughput)} items/s** |`,
      `| accepted by ingestion (HTTP 200 for every batch) | ${f(N / acceptedSeconds)} items/s |`,
      `| ceiling: kafkajs produce (acks=all, batches of 1,000) + consume of the same ${f(N)} messages | ${f(kafkaRate)} msgs/s |`,
      `| ceiling: multi-row INSERT of the same rows into a copy of \`feedback\` | ${f(insertRate)} rows/s |`,
      `| pipeline ÷ kafkajs ceiling | ${((throughput / kafkaRate) * 100).toFixed(1)}% |`,
      `| pipeline ÷ bulk-insert ceiling | ${((throughput / insertRate) * 100).toFixed(1)}% |`,
      '',
      'Ingest-to-alert latency (HTTP 200 of the batch carrying the item → its alert read from `alerts.<receiver>.v1`), steady load sent as 10 batches a second, 30% detractors (score-only answers from distinct customers, so each one pages); chart: [latency-vs-load.svg](latency-vs-load.svg).',
      '',
      '| offered load | achieved | alerts measured | p50 | p99 |',
      '|---|---|---|---|---|',
      ...latencyRows.map((r) => `| ${r.rate} items/s | ${f(r.achieved)} items/s | ${r.alerts} | ${f(r.p50)} ms | ${f(r.p99)} ms |`),
      '',
      `Peak memory (VmHWM): ${memory.map((m) => `${m.name} ${f(m.mb)} MB`).join(', ')}.`,
      '',
      `Where the time goes in the throughput run (${endToEndSeconds.toFixed(1)} s wall, 2 cores = ${(2 * endToEndSeconds).toFixed(0)} core-seconds available): ` +
        `${cpuUsed.map((c) => `${c.name} ${c.seconds.toFixed(1)} s`).join(', ')} of CPU; PostgreSQL and the load generator use the rest.`,
      '',
      'Reproduce: `npm run build && npm run bench:pipeline` (`BENCH_ITEMS`, `BENCH_RATES`, `BENCH_RATE_SECONDS` change the load).',
    ];
    writeBenchmarkSection(repoRoot, 'pipeline', 'Pipeline end to end', lines.join('\n'));
    console.log(lines.join('\n'));
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await sleep(3000);
    await infra.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
