import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { FEEDBACK_ANALYZED_TYPE, FeedbackAnalyzed, newCloudEvent, toKafkaRecord, Topics } from '@loops/contracts';
import { createPipelineTopics, provisionInfrastructure, recreateDatabase, writeBenchmarkSection } from '@loops/infra';
import { createKafka, EventProducer, kafkaSecurityEnv } from '@loops/kafka';
import { createLogger } from '@loops/observability';
import { createDataSource, migrate } from '@loops/store';
import { EmergingIssuesService } from '../src/emerging/emerging-issues.service';
import { factOf } from '../src/facts/feedback-fact';
import { InsightOutbox } from '../src/insights/insight-outbox';
import { RollupWriter } from '../src/rollups/rollup.writer';
import { RootCauseEnv } from '../src/root-cause.env';

// Events/s through the rollup writer, measured two ways on this machine with PostgreSQL (and Kafka)
// co-located: the writer alone (facts ledger + rollup upserts + emerging-issue checks per batch), and
// the root-cause service consuming the same events from Kafka.
const repoRoot = resolve(__dirname, '..', '..', '..');
const N = Number(process.env.BENCH_EVENTS ?? 20000);
const BATCH = 500;
const TOUCHPOINTS = ['delivery', 'checkout', 'support', 'billing', 'store'];
const CHANNELS = ['survey', 'review', 'support_ticket', 'chat', 'social'] as const;
const THEMES = ['delivery', 'price', 'staff_service', 'app_website', 'billing', 'waiting_time'];

function event(tenantId: string, i: number, start: number): FeedbackAnalyzed {
  const nps = i % 11;
  const label = nps <= 6 ? 'negative' : nps >= 9 ? 'positive' : 'neutral';
  const themes = THEMES.filter((_, t) => (i * 7 + t * 13) % 10 < 2).slice(0, 3);
  const at = new Date(start + (i % (7 * 24)) * 3600_000 + (i % 60) * 1000).toISOString();
  return {
    feedback: {
      eventId: randomUUID(),
      tenantId,
      integrationId: 'bench',
      externalId: `b-${i}`,
      channel: CHANNELS[i % CHANNELS.length],
      occurredAt: at,
      receivedAt: at,
      text: 'bench',
      scores: { nps, csat: 1 + (i % 5) },
      customer: { id: `c-${i % 5000}`, segment: ['smb', 'consumer', 'enterprise'][i % 3], annualValue: 100 + (i % 50) * 100 },
      touchpoint: { journey: TOUCHPOINTS[i % TOUCHPOINTS.length] },
      redactions: [],
    },
    analysis: {
      language: 'en',
      languageConfidence: 1,
      sentiment: { label, score: label === 'negative' ? -0.6 : label === 'positive' ? 0.6 : 0, confidence: 0.8 },
      themes: themes.map((id) => ({ id, label: id, sentiment: { label, score: 0 } })),
      keyPhrases: [],
      analyzer: { name: 'bench', version: '1' },
      analyzedAt: at,
    },
  };
}

async function waitForFacts(url: string, tenantId: string, n: number): Promise<void> {
  const ds = await createDataSource({ url, poolSize: 1 }).initialize();
  try {
    for (;;) {
      const [{ c }] = await ds.query('SELECT count(*)::int AS c FROM feedback_facts WHERE tenant_id = $1', [tenantId]);
      if (c >= n) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await ds.destroy();
  }
}

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LOOPS_INFRA: 'native',
    LOOPS_KAFKA_PORT: '26192',
    LOOPS_KAFKA_CONTROLLER_PORT: '26193',
    LOOPS_STATE_DIR: '/tmp/loops-bench-rollups',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/loops_bench',
  };
  const infra = await provisionInfrastructure({ repoRoot, profile: 'test', env });
  try {
    await recreateDatabase(infra.databaseUrl);
    await migrate(infra.databaseUrl);
    await createPipelineTopics(infra.kafkaBrokers, 6, infra.kafkaSecurity('admin'));
    const start = Date.parse('2026-11-01T00:00:00Z');

    // 1. The writer alone, in the consumer's transaction shape.
    const ds = await createDataSource({ url: infra.databaseUrl, poolSize: 2 }).initialize();
    const writer = new RollupWriter();
    // The bench's history lies in the past: widen the detection window so every batch is still judged.
    const emergingEnv = Object.assign(new RootCauseEnv(), { EMERGING_DETECTION_WINDOW_HOURS: 24 * 365 * 10 });
    const emerging = new EmergingIssuesService({ stage: async () => undefined } as unknown as InsightOutbox, emergingEnv);
    const direct = Array.from({ length: N }, (_, i) => factOf(event('bench-direct', i, start)));
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < direct.length; i += BATCH) {
      await ds.transaction(async (m) => emerging.evaluate(m, await writer.add(m, direct.slice(i, i + BATCH))));
    }
    const writerSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const [{ rows }] = await ds.query(`SELECT count(*)::int AS rows FROM rollups WHERE tenant_id = 'bench-direct'`);
    await ds.destroy();

    // 2. Through Kafka: the events wait on the topic, then the service drains them.
    const producer = new EventProducer(createKafka({ brokers: [infra.kafkaBrokers], clientId: 'bench', logger: createLogger('bench', 'warn'), security: infra.kafkaSecurity('admin') }));
    await producer.connect();
    const events = Array.from({ length: N }, (_, i) => event('bench-kafka', i, start));
    for (let i = 0; i < events.length; i += 2000) {
      await producer.publish([
        {
          topic: Topics.feedbackAnalyzed,
          records: events.slice(i, i + 2000).map((e) => toKafkaRecord(newCloudEvent({ type: FEEDBACK_ANALYZED_TYPE, source: 'bench', data: e }), `${e.feedback.tenantId}:${e.feedback.customer?.id}`)),
        },
      ]);
    }
    await producer.disconnect();
    const service = spawn(process.execPath, [join(repoRoot, 'dist/services/root-cause/src/main.js')], {
      cwd: repoRoot,
      env: { ...env, ...kafkaSecurityEnv(infra.kafkaSecurity('root-cause')), KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrl, PORT: '26199', LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    const t1 = Date.now();
    await waitForFacts(infra.databaseUrl, 'bench-kafka', N);
    const serviceSeconds = (Date.now() - t1) / 1000;
    service.kill('SIGTERM');

    const lines = [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, PostgreSQL 15 and Kafka 3.9.1 on the same machine.`,
      `${N.toLocaleString('en-US')} analyzed events (5 touchpoints × 5 channels × 3 segments, 0-3 themes each, spread over a week), batches of ${BATCH}.`,
      '',
      '| path | events/s | notes |',
      '|---|---|---|',
      `| rollup writer alone (facts ledger + rollup upserts + emerging-issue check, one transaction per batch) | ${Math.round(N / writerSeconds).toLocaleString('en-US')} | ${rows.toLocaleString('en-US')} rollup rows written |`,
      `| root-cause service draining \`feedback.analyzed.v1\` (consume, validate, write, commit) | ${Math.round(N / serviceSeconds).toLocaleString('en-US')} | includes service start-up and group join (~3-5 s) |`,
      '',
      'Reproduce: `npm run build && npm run bench:rollups` (set `BENCH_EVENTS` to change N).',
    ];
    writeBenchmarkSection(repoRoot, 'rollup-writer', 'Root cause: rollup writer', lines.join('\n'));
    console.log(lines.join('\n'));
  } finally {
    await infra.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
