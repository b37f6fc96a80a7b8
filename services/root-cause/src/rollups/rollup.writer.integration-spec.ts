import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource } from '@loops/store';
import { FeedbackFact } from '../facts/feedback-fact';
import { RollupRecompute } from './rollup-recompute';
import { RollupWriter } from './rollup.writer';

// Root-cause's facts and rollups tables through their data-access module, on the migrated test database,
// without starting the service.
describe('RollupWriter (real PostgreSQL)', () => {
  let dataSource: DataSource;
  const writer = new RollupWriter();
  let tenantId: string;

  const fact = (over: Partial<FeedbackFact> = {}): FeedbackFact => ({
    feedbackEventId: randomUUID(),
    tenantId,
    occurredAt: new Date('2026-11-20T10:15:00Z'),
    touchpoint: 'checkout',
    channel: 'survey',
    segment: 'smb',
    customerId: 'c-1',
    accountId: null,
    customerValue: 1200,
    nps: 3,
    csat: null,
    ces: null,
    sentimentLabel: 'negative',
    sentimentScore: -0.8,
    themes: ['delivery', 'price "quoted"'],
    keyPhrases: ['late, again', '{braces}'],
    analyzer: 'fixture@1',
    ...over,
  });

  beforeAll(async () => {
    dataSource = await createDataSource({ url: process.env.DATABASE_URL!, poolSize: 2 }).initialize();
  });

  beforeEach(() => {
    tenantId = `rw-${randomUUID().slice(0, 8)}`;
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  async function allThemesHour(): Promise<{ count: number; detractors: number; negative_count: number }> {
    const [row] = await dataSource.query(
      `SELECT count, detractors, negative_count FROM rollups
        WHERE tenant_id = $1 AND bucket_size = 'hour' AND touchpoint = 'checkout' AND channel = 'survey' AND segment = 'smb' AND theme = '*'`,
      [tenantId],
    );
    return row;
  }

  it('admits each fact once and adds only the admitted ones to the rollups', async () => {
    const batch = [fact(), fact({ nps: 10, sentimentLabel: 'positive', sentimentScore: 0.9 })];
    const fresh = await dataSource.transaction((m) => writer.add(m, batch));
    expect(fresh.map((f) => f.feedbackEventId).sort()).toEqual(batch.map((f) => f.feedbackEventId).sort());
    expect(await allThemesHour()).toEqual({ count: 2, detractors: 1, negative_count: 1 });

    // A redelivery of the first item with a new one: only the new one counts.
    const redelivered = await dataSource.transaction((m) => writer.add(m, [batch[0], fact()]));
    expect(redelivered).toHaveLength(1);
    expect(await allThemesHour()).toEqual({ count: 3, detractors: 2, negative_count: 2 });
  });

  it('stores the fact row with its arrays intact, and the incremental rollups equal a recomputation', async () => {
    const f = fact();
    await dataSource.transaction((m) => writer.add(m, [f, fact({ occurredAt: new Date('2026-11-21T08:00:00Z'), themes: [] })]));
    const [stored] = await dataSource.query('SELECT themes, key_phrases, nps, customer_value FROM feedback_facts WHERE feedback_event_id = $1', [
      f.feedbackEventId,
    ]);
    expect(stored).toEqual({ themes: ['delivery', 'price "quoted"'], key_phrases: ['late, again', '{braces}'], nps: 3, customer_value: 1200 });
    expect(await new RollupRecompute(dataSource, writer).verify(tenantId)).toEqual([]);
  });

  it('rederives the touched buckets from the facts that remain', async () => {
    const [gone, kept] = [fact(), fact({ nps: 9, sentimentLabel: 'positive' })];
    await dataSource.transaction((m) => writer.add(m, [gone, kept]));
    await dataSource.transaction(async (m) => {
      await m.query('DELETE FROM feedback_facts WHERE feedback_event_id = $1', [gone.feedbackEventId]);
      await writer.rederive(m, tenantId, [gone]);
    });
    expect(await allThemesHour()).toEqual({ count: 1, detractors: 0, negative_count: 0 });
    expect(await new RollupRecompute(dataSource, writer).verify(tenantId)).toEqual([]);
  });
});
