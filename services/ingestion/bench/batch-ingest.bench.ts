import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createApiKey } from '@loops/auth';
import { createPipelineTopics, provisionInfrastructure, recreateDatabase, writeBenchmarkSection } from '@loops/infra';
import { kafkaSecurityEnv } from '@loops/kafka';
import { createDataSource, migrate } from '@loops/store';

// Items/s accepted through POST /v1/feedback/batch with Kafka and PostgreSQL on the same machine.
// Run: npm run bench:ingestion (build first). Env: BENCH_BATCHES, BENCH_CONCURRENCY, BENCH_PORT, and
// KAFKA_BROKERS + DATABASE_URL to use existing endpoints (the database is migrated, not recreated).
const REPO = join(__dirname, '..', '..', '..');
const BATCHES = Number(process.env.BENCH_BATCHES ?? 120);
const WARMUP = 10;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const PORT = Number(process.env.BENCH_PORT ?? 24090);
const BATCH_SIZE = 1000;

const TEXTS = [
  'Pengiriman terlambat tiga hari dan kurirnya tidak sopan. Hubungi saya di budi@example.com',
  'The app keeps crashing when I try to pay. Very frustrating. Call me on +44 7700 900123',
  'ส่งของช้ามาก พนักงานไม่สุภาพ ไม่ประทับใจเลย',
  'Staff at the Jakarta store were super helpful today, thanks!',
  'I was charged twice for the same order, card 4111 1111 1111 1111, and nobody answers.',
  'Harga terlalu mahal dibanding toko lain, tapi kualitasnya bagus.',
];

function item(n: number): Record<string, unknown> {
  const text = TEXTS[n % TEXTS.length];
  const common = {
    externalId: `bench-${n}`,
    occurredAt: new Date(Date.UTC(2026, 10, 1) + n * 1000).toISOString(),
    customer: { id: `c-${n % 5000}`, segment: n % 3 ? 'consumer' : 'smb', tier: 'standard', annualValue: (n % 100) * 120, locale: 'id-ID' },
    touchpoint: { journey: ['delivery', 'checkout', 'support', 'billing'][n % 4], step: 'main' },
    product: 'mobile-app',
    attributes: { campaign: 'q4', store: `s-${n % 40}` },
  };
  switch (n % 4) {
    case 0:
      return { ...common, channel: 'survey', survey: { surveyId: 'nps-q4', questionId: 'q1', nps: n % 11, csat: 1 + (n % 5), comment: text } };
    case 1:
      return { ...common, channel: 'review', review: { rating: 1 + (n % 5), title: 'Review', text, site: 'app-store' } };
    case 2:
      return { ...common, channel: 'support_ticket', supportTicket: { subject: 'Help', body: text, status: 'open', priority: 'high', agent: 'ana' } };
    default:
      return { ...common, channel: 'chat', chat: { turns: [{ speaker: 'bot', text: 'Hi, how can I help?' }, { speaker: 'customer', text }, { speaker: 'agent', text: 'Sorry about that' }] } };
  }
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`ingestion exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health/ready`)).status === 200) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('ingestion did not become ready');
}

function peakRssMb(pid: number): number {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return hwm ? Math.round(Number(hwm[1]) / 1024) : NaN;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const fromEnv = Boolean(process.env.KAFKA_BROKERS && process.env.DATABASE_URL);
  const infra = await provisionInfrastructure({ repoRoot: REPO, profile: 'test' });
  if (infra.source !== 'environment') await recreateDatabase(infra.databaseUrl);
  await migrate(infra.databaseUrl);
  await createPipelineTopics(infra.kafkaBrokers, 6, infra.kafkaSecurity('admin'));
  const ds = await createDataSource({ url: infra.databaseUrl, poolSize: 1, applicationName: 'loops-bench' }).initialize();
  const tenant = `bench-${Date.now()}`;
  const { key } = await createApiKey(ds, { tenantId: tenant, integrationId: 'bench', scopes: ['ingest'] });

  const child = spawn(process.execPath, [join(REPO, 'dist', 'services', 'ingestion', 'src', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', ...kafkaSecurityEnv(infra.kafkaSecurity('ingestion')), KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrl, PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_PER_SECOND: '10000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${PORT}`;
  try {
    await waitReady(url, child);
    const bodies = Array.from({ length: WARMUP + BATCHES }, (_, b) => JSON.stringify({ items: Array.from({ length: BATCH_SIZE }, (_, i) => item(b * BATCH_SIZE + i)) }));
    const post = async (body: string) => {
      const started = process.hrtime.bigint();
      const res = await fetch(`${url}/v1/feedback/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
      const out = (await res.json()) as { accepted: number };
      if (res.status !== 200 || out.accepted !== BATCH_SIZE) throw new Error(`batch answered ${res.status}: ${JSON.stringify(out).slice(0, 300)}`);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    for (const body of bodies.slice(0, WARMUP)) await post(body);

    const latencies: number[] = [];
    let next = WARMUP;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) latencies.push(await post(bodies[next++]));
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    const itemsPerSecond = Math.round((BATCHES * BATCH_SIZE) / seconds);
    latencies.sort((a, b) => a - b);
    const rss = peakRssMb(child.pid!);
    const published = await ds.query('SELECT count(*)::int AS n FROM feedback WHERE tenant_id = $1 AND published_at IS NOT NULL', [tenant]);

    const result = {
      itemsPerSecond,
      items: BATCHES * BATCH_SIZE,
      seconds: Number(seconds.toFixed(2)),
      p50Ms: Math.round(percentile(latencies, 50)),
      p99Ms: Math.round(percentile(latencies, 99)),
      peakRssMb: rss,
      publishedAtEnd: published[0].n,
    };
    console.log(JSON.stringify(result));
    const cpu = cpus();
    writeBenchmarkSection(
      REPO,
      'ingestion-batch',
      'Ingestion: batch endpoint',
      `Script: \`services/ingestion/bench/batch-ingest.bench.ts\` (\`npm run bench:ingestion\`, after \`npm run build\`).

Machine: ${cpu.length} cores (${cpu[0]?.model.trim()}), Node ${process.version}, Kafka 3.9.1 (${infra.source}${fromEnv ? '' : ', same machine'}), PostgreSQL local; ${new Date().toISOString().slice(0, 10)}.

Load: ${BATCHES} batches of ${BATCH_SIZE} realistic items (survey, review, ticket, chat; PII in every other text) after ${WARMUP} warm-up batches, ${CONCURRENCY} concurrent requests, one ingestion process. An item counts when the API answered \`accepted\`: stored in the outbox and acknowledged by Kafka (acks=all).

| measure | value |
|---|---|
| accepted items/s | **${itemsPerSecond}** (target 5,000 on 2 cores) |
| items / wall time | ${result.items} / ${result.seconds} s |
| batch latency p50 / p99 | ${result.p50Ms} ms / ${result.p99Ms} ms |
| ingestion peak RSS | ${rss} MB |
| published when the last batch answered | ${result.publishedAtEnd} of ${result.items + WARMUP * BATCH_SIZE} |
`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await ds.destroy();
    await infra.stop();
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
