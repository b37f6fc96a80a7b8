import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { EntityManager } from 'typeorm';
import { FeedbackAnalyzed } from '@loops/contracts';
import { createDataSource, migrate } from '@loops/store';
import { EmergingIssuesService } from '../src/emerging/emerging-issues.service';
import { factOf } from '../src/facts/feedback-fact';
import { InsightOutbox } from '../src/insights/insight-outbox';
import { RollupWriter } from '../src/rollups/rollup.writer';
import { RootCauseEnv } from '../src/root-cause.env';

// Root-cause's transaction per batch (facts ledger, rollup upserts, emerging-issue judgement) on the
// machine's PostgreSQL: events/s and SQL statements per batch. Prints JSON; run under /tmp/loops-e2e.lock.
const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/loops_bench_rootcause';
const N = Number(process.env.BENCH_EVENTS ?? 10000);
const BATCH = 500;
const TOUCHPOINTS = ['delivery', 'checkout', 'support', 'billing', 'store'];
const THEMES = ['delivery', 'price', 'staff_service', 'app_website', 'billing', 'waiting_time'];

function event(tenantId: string, i: number, start: number): FeedbackAnalyzed {
  const nps = i % 11;
  const at = new Date(start + (i % 48) * 3600_000 + (i % 60) * 1000).toISOString();
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
      scores: { nps },
      touchpoint: { journey: TOUCHPOINTS[i % TOUCHPOINTS.length] },
      customer: { id: `c-${i % 500}`, segment: ['smb', 'mid', 'ent'][i % 3] },
    },
    analysis: {
      language: 'en',
      sentiment: { label: nps <= 6 ? 'negative' : 'positive', score: nps <= 6 ? -0.6 : 0.6, confidence: 0.9 },
      themes: THEMES.filter((_, t) => (i * 7 + t * 13) % 10 < 3).map((id) => ({ id, label: id, confidence: 0.9 })),
      keyPhrases: ['late parcel'],
      analyzer: { name: 'bench', version: '1' },
      analyzedAt: at,
    },
  } as unknown as FeedbackAnalyzed;
}

/** Counts the statements a manager runs (every write and read of the batch goes through `query`). */
function counting(m: EntityManager, counter: { n: number }): EntityManager {
  return new Proxy(m, {
    get(target, prop, receiver) {
      if (prop === 'query') return (sql: string, params?: unknown[]) => (counter.n++, target.query(sql, params));
      return Reflect.get(target, prop, receiver);
    },
  });
}

async function main(): Promise<void> {
  await migrate(URL);
  const ds = await createDataSource({ url: URL, poolSize: 1 }).initialize();
  try {
    const tenant = `bench-${randomUUID().slice(0, 8)}`;
    // Every bucket lies in the detection window, so every key of every batch is judged.
    const env = Object.assign(new RootCauseEnv(), { EMERGING_DETECTION_WINDOW_HOURS: 24 * 365 * 10 });
    const emerging = new EmergingIssuesService({ stage: async () => undefined } as unknown as InsightOutbox, env);
    const writer = new RollupWriter();
    const start = Date.now() - 48 * 3600_000;
    const facts = Array.from({ length: N }, (_, i) => factOf(event(tenant, i, start)));
    const counter = { n: 0 };
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < facts.length; i += BATCH) {
      await ds.transaction(async (raw) => {
        const m = counting(raw, counter);
        await emerging.evaluate(m, await writer.add(m, facts.slice(i, i + BATCH)));
      });
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const batches = Math.ceil(N / BATCH);
    console.log(JSON.stringify({ events: N, batch: BATCH, eventsPerSecond: Math.round(N / seconds), statementsPerBatch: counter.n / batches, load: loadavg()[0] }));
  } finally {
    await ds.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
