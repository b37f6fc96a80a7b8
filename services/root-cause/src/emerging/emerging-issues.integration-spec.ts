import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { EventProducer } from '@loops/kafka';
import { createLogger, PipelineMetrics } from '@loops/observability';
import { Outboxes, PeriodicTasks } from '@loops/platform';
import { createDataSource } from '@loops/store';
import { FeedbackFact } from '../facts/feedback-fact';
import { InsightOutbox } from '../insights/insight-outbox';
import { RootCauseEnv } from '../root-cause.env';
import { RollupWriter } from '../rollups/rollup.writer';
import { EmergingIssuesService } from './emerging-issues.service';

const HOUR = 3600_000;

// Emerging-issue detection over the batch's keys with set-based queries, on the migrated test database,
// without starting the service: facts go in through the rollup writer, insights are staged in the outbox table.
describe('EmergingIssuesService (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let tasks: PeriodicTasks;
  let emerging: EmergingIssuesService;
  const writer = new RollupWriter();
  const logger = createLogger('emerging-test', 'silent');
  const now = new Date('2026-11-20T12:30:00Z');
  const currentHour = Date.parse('2026-11-20T12:00:00Z');

  const fact = (tenantId: string, theme: string, at: number, sentimentLabel: 'negative' | 'positive' = 'negative'): FeedbackFact => ({
    feedbackEventId: randomUUID(),
    tenantId,
    occurredAt: new Date(at),
    touchpoint: 'delivery',
    channel: 'survey',
    segment: '-',
    customerId: null,
    customerValue: null,
    accountId: null,
    nps: 2,
    csat: null,
    ces: null,
    sentimentLabel,
    sentimentScore: -0.7,
    themes: [theme],
    keyPhrases: [],
    analyzer: 'fixture@1',
  });

  beforeAll(async () => {
    dataSource = await createDataSource({ url: process.env.DATABASE_URL!, poolSize: 2 }).initialize();
    tasks = new PeriodicTasks(logger);
    // The producer is never connected: these tests stage insights and never publish them.
    const producer = new EventProducer(new Kafka({ clientId: 'emerging-test', brokers: ['127.0.0.1:1'], logLevel: logLevel.NOTHING }));
    const insights = new InsightOutbox(new Outboxes(dataSource, producer, tasks, new PipelineMetrics('test'), logger));
    emerging = new EmergingIssuesService(insights, new RootCauseEnv());
  });

  afterAll(async () => {
    await tasks.beforeApplicationShutdown();
    await dataSource.destroy();
  });

  async function evaluate(facts: FeedbackFact[], at: Date = now) {
    return dataSource.transaction(async (m) => emerging.evaluate(m, await writer.add(m, facts), at));
  }

  it('opens an issue for the key that spikes, not for a calm key or a tenant still warming up, then resolves it', async () => {
    const [warm, cold] = [`em-${randomUUID().slice(0, 8)}`, `em-${randomUUID().slice(0, 8)}`];
    // Two days of one negative mention an hour for two themes of the warm tenant.
    const history = Array.from({ length: 48 }, (_, h) => currentHour - (48 - h) * HOUR + 60_000).flatMap((at) => [fact(warm, 'delivery', at), fact(warm, 'price', at)]);
    await evaluate(history, new Date(currentHour - 30 * 24 * HOUR)); // far from now: counted, never judged
    const burst = (tenantId: string, n: number, theme: string) => Array.from({ length: n }, (_, i) => fact(tenantId, theme, currentHour + i * 1000));

    const opened = await evaluate([...burst(warm, 30, 'delivery'), ...burst(warm, 1, 'price'), ...burst(cold, 30, 'delivery')]);
    expect(opened.map((i) => [i.kind, i.tenantId, i.theme])).toEqual([['emerging_issue_opened', warm, 'delivery']]);
    expect(opened[0].evidence).toMatchObject({ negative: 30, warmup: { tenant: true, theme: true } });
    const issues = await dataSource.query(`SELECT tenant_id, theme, status FROM emerging_issues WHERE tenant_id = ANY($1::text[])`, [[warm, cold]]);
    expect(issues).toEqual([{ tenant_id: warm, theme: 'delivery', status: 'open' }]);
    const staged = await dataSource.query('SELECT kind FROM insights WHERE insight_id = $1', [opened[0].insightId]);
    expect(staged).toEqual([{ kind: 'emerging_issue_opened' }]);

    // More of the same hour: the issue is already open, nothing new.
    expect(await evaluate(burst(warm, 5, 'delivery'))).toEqual([]);

    // The next hour is back near baseline: resolved.
    const later = new Date(now.getTime() + HOUR);
    const resolved = await evaluate([fact(warm, 'delivery', currentHour + HOUR + 60_000)], later);
    expect(resolved.map((i) => [i.kind, i.theme])).toEqual([['emerging_issue_resolved', 'delivery']]);
    const [row] = await dataSource.query(`SELECT status, resolved_bucket FROM emerging_issues WHERE tenant_id = $1`, [warm]);
    expect(row).toEqual({ status: 'resolved', resolved_bucket: new Date(currentHour + HOUR) });
  });
});
