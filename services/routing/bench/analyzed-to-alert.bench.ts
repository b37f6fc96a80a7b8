import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { FEEDBACK_ANALYZED_TYPE, FeedbackAnalyzed, newCloudEvent, toKafkaRecord, Topics } from '@loops/contracts';
import { createPipelineTopics, provisionInfrastructure, recreateDatabase, writeBenchmarkSection } from '@loops/infra';
import { createKafka, ensureTopics, EventProducer, kafkajsSecurityOptions, kafkaSecurityEnv } from '@loops/kafka';
import { createLogger } from '@loops/observability';
import { migrate } from '@loops/store';

// Analyzed-to-alert latency of the routing service at a steady load: the time from publishing a
// FeedbackAnalyzed event to its alert arriving on alerts.cx-detractors.v1 (consume, route, one
// transaction for case + alert + case events, publish, commit). Every event is a detractor from a new
// customer, so each one opens a case and pages: the most expensive path. Kafka alone (produce → consume
// of the same messages at the same rate) is measured in the same run as the floor.
const repoRoot = resolve(__dirname, '..', '..', '..');
const RATES = (process.env.BENCH_RATES ?? '200,500').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP_SECONDS = 5;
const ALERT_TOPIC = 'alerts.cx-detractors.v1';
const ECHO_TOPIC = 'bench.routing-echo.v1';
const TICK_MS = 10;

function detractor(tenantId: string, i: number): FeedbackAnalyzed {
  const at = new Date().toISOString();
  return {
    feedback: {
      eventId: randomUUID(),
      tenantId,
      integrationId: 'bench',
      externalId: `b-${i}`,
      channel: 'survey',
      occurredAt: at,
      receivedAt: at,
      text: 'bench',
      scores: { nps: i % 7 },
      customer: { id: `c-${i}-${randomUUID().slice(0, 8)}`, annualValue: 1000 },
      touchpoint: { journey: 'delivery' },
      redactions: [],
    },
    analysis: {
      language: 'en',
      languageConfidence: 1,
      sentiment: { label: 'negative', score: -0.7, confidence: 0.9 },
      themes: [{ id: 'late-delivery', label: 'late delivery', sentiment: { label: 'negative', score: -0.7 } }],
      keyPhrases: [],
      analyzer: { name: 'bench', version: '1' },
      analyzedAt: at,
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Collects arrival times keyed by the id the test put in (feedback event id / ce_id). */
async function arrivals(kafka: Kafka, topic: string, idOf: (value: Buffer, headers: Record<string, string>) => string): Promise<{ seen: Map<string, number>; consumer: Consumer }> {
  const seen = new Map<string, number>();
  const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}`, maxWaitTimeInMs: 20 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  const joined = new Promise<void>((r) => consumer.on(consumer.events.GROUP_JOIN, () => r()));
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const now = Date.now();
      for (const m of batch.messages) {
        const headers = Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)]));
        if (m.value) seen.set(idOf(m.value, headers), now);
      }
    },
  });
  await joined;
  // The group has joined but the initial offsets resolve on the first fetch: give it a moment.
  await new Promise((r) => setTimeout(r, 2000));
  return { seen, consumer };
}

/** Publishes at `rate`/s for warm-up + measured seconds; returns the send time of each measured id. */
async function steadyLoad(producer: EventProducer, topic: string, rate: number, make: (i: number) => FeedbackAnalyzed): Promise<Map<string, number>> {
  const sent = new Map<string, number>();
  const total = rate * (WARMUP_SECONDS + SECONDS);
  const warm = rate * WARMUP_SECONDS;
  const t0 = Date.now();
  let i = 0;
  while (i < total) {
    const due = Math.min(total, Math.floor(((Date.now() - t0) / 1000) * rate));
    if (due > i) {
      const events = Array.from({ length: due - i }, (_, k) => make(i + k));
      const at = Date.now();
      await producer.publish([
        {
          topic,
          records: events.map((e) =>
            toKafkaRecord(newCloudEvent({ type: FEEDBACK_ANALYZED_TYPE, source: 'bench', id: e.feedback.eventId, data: e }), `${e.feedback.tenantId}:${e.feedback.customer?.id}`),
          ),
        },
      ]);
      events.forEach((e, k) => {
        if (i + k >= warm) sent.set(e.feedback.eventId, at);
      });
      i = due;
    }
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  return sent;
}

async function measure(producer: EventProducer, kafka: Kafka, topic: string, rate: number, tenant: string, viaRouting: boolean) {
  const { seen, consumer } = await arrivals(kafka, viaRouting ? ALERT_TOPIC : topic, (value, headers) =>
    viaRouting ? (JSON.parse(value.toString()) as { feedbackEventId: string }).feedbackEventId : headers.ce_id,
  );
  const sent = await steadyLoad(producer, topic, rate, (i) => detractor(tenant, i));
  const deadline = Date.now() + 120_000;
  while ([...sent.keys()].some((id) => !seen.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  await consumer.disconnect();
  const latencies = [...sent].filter(([id]) => seen.has(id)).map(([id, at]) => seen.get(id)! - at).sort((a, b) => a - b);
  return { rate, sent: sent.size, received: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1)! };
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`routing exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health/ready`)).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('routing did not become ready');
}

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LOOPS_INFRA: 'native',
    LOOPS_KAFKA_PORT: process.env.LOOPS_KAFKA_PORT ?? '28392',
    LOOPS_KAFKA_CONTROLLER_PORT: process.env.LOOPS_KAFKA_CONTROLLER_PORT ?? '28393',
    LOOPS_STATE_DIR: process.env.LOOPS_STATE_DIR ?? '/tmp/loops-bench-routing',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/loops_bench_routing',
  };
  const infra = await provisionInfrastructure({ repoRoot, profile: 'test', env });
  let service: ChildProcess | undefined;
  try {
    await recreateDatabase(infra.databaseUrl);
    await migrate(infra.databaseUrl);
    await createPipelineTopics(infra.kafkaBrokers, 6, infra.kafkaSecurity('admin'));
    const logger = createLogger('bench', 'warn');
    const kafka = createKafka({ brokers: [infra.kafkaBrokers], clientId: 'bench', logger, security: infra.kafkaSecurity('admin') });
    await ensureTopics(kafka, [{ topic: ECHO_TOPIC, numPartitions: 6 }]);
    const producer = new EventProducer(kafka);
    await producer.connect();
    const probeKafka = new Kafka({ clientId: 'bench-probe', brokers: [infra.kafkaBrokers], logLevel: logLevel.NOTHING, ...kafkajsSecurityOptions(infra.kafkaSecurity('admin')) });

    const port = process.env.BENCH_PORT ?? '25050';
    service = spawn(process.execPath, [join(repoRoot, 'dist/services/routing/src/main.js')], {
      cwd: repoRoot,
      env: { ...env, ...kafkaSecurityEnv(infra.kafkaSecurity('routing')), KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrl, PORT: port, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ESCALATION_SWEEP_MS: '0' },
      stdio: 'ignore',
    });
    await waitReady(`http://127.0.0.1:${port}`, service);

    const rows: string[] = [];
    for (const rate of RATES) {
      const kafkaOnly = await measure(producer, probeKafka, ECHO_TOPIC, rate, 'bench-echo', false);
      const routed = await measure(producer, probeKafka, Topics.feedbackAnalyzed, rate, `bench-${rate}`, true);
      for (const [path, r] of [['Kafka alone (produce → consume)', kafkaOnly], ['routing: analyzed → alert', routed]] as const) {
        rows.push(`| ${rate}/s | ${path} | ${r.received.toLocaleString('en-US')} / ${r.sent.toLocaleString('en-US')} | ${r.p50} | ${r.p99} | ${r.max} |`);
      }
      console.log(JSON.stringify({ rate, kafkaOnly, routed }));
    }
    await producer.disconnect();

    const lines = [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, PostgreSQL and Kafka on the same machine, one routing instance, 6 partitions.`,
      `Each rate runs ${WARMUP_SECONDS} s of warm-up (not counted) and ${SECONDS} s measured. Every event is a detractor from a new customer, so each one`,
      'opens a case and pages (case + alert + case event in one transaction, alert and case event published, offsets committed): the most expensive path.',
      'Latency is from the publish call to the alert arriving at a consumer of `alerts.cx-detractors.v1`; "Kafka alone" sends the same messages through one topic.',
      '',
      '| rate | path | received / sent | p50 ms | p99 ms | max ms |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
      'Reproduce: `npm run build && npm run bench:routing` (`BENCH_RATES`, `BENCH_SECONDS` change the load).',
    ];
    writeBenchmarkSection(repoRoot, 'routing-latency', 'Routing: analyzed-to-alert latency', lines.join('\n'));
    console.log(lines.join('\n'));
  } finally {
    service?.kill('SIGTERM');
    if (service && service.exitCode === null) await new Promise((r) => service!.once('exit', r));
    await infra.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
