import { randomUUID } from 'node:crypto';
import { Topics } from '@loops/contracts';
import { createApiKey } from '../support/api-keys';
import { testKafka } from '../support/kafka-probe';
import { startStack, Stack, stopStack } from '../support/stack';
import { eventually, withStore } from '../support/store';

/** The value of one series in an exposition text, matched by its labels (in any order), or undefined. */
function seriesValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)\{([^}]*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const has = Object.entries(labels).every(([k, v]) => m[2].split(',').includes(`${k}="${v}"`));
    if (has) return Number(m[3]);
  }
  return undefined;
}

const scrape = async (url: string) => (await fetch(`${url}/metrics`)).text();

// After a little real traffic, each service's /metrics carries the operational series the dashboard and
// the alert rules read, with values that agree with the store and the broker.
describe('operational metrics on /metrics', () => {
  const tenant = `t-${randomUUID().slice(0, 8)}`;
  let stack: Stack;
  let apiKey: string;
  const startedAt = Date.now() / 1000;

  beforeAll(async () => {
    stack = await startStack(26300);
    apiKey = createApiKey(tenant, 'survey-tool').apiKey;
    const items = [
      { externalId: 'm-1', text: 'The courier was rude and the parcel arrived broken', scores: { nps: 1 }, customer: { id: 'c-1' } },
      { externalId: 'm-2', text: 'Fine, thanks', scores: { nps: 9 }, customer: { id: 'c-2' } },
      { externalId: 'm-3', text: 'Refund still missing after three weeks, terrible', scores: { nps: 0 }, customer: { id: 'c-3' } },
    ];
    for (const item of items) {
      const res = await fetch(`${stack.ingestion.url}/v1/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ channel: 'survey', occurredAt: '2026-11-20T08:30:00Z', ...item }),
      });
      expect(res.status).toBe(202);
    }
    // One message sentiment cannot read: it must show up as a dead letter of kind `envelope`.
    const producer = testKafka().producer();
    await producer.connect();
    try {
      await producer.send({ topic: Topics.feedbackReceived, messages: [{ key: `${tenant}:x`, value: 'not a cloudevent' }] });
    } finally {
      await producer.disconnect();
    }
    await eventually('three alerts published for the tenant', () =>
      withStore(async (db) => {
        const r = await db.query('SELECT count(*)::int AS n FROM alerts WHERE tenant_id = $1 AND published_at IS NOT NULL', [tenant]);
        return r.rows[0].n >= 2 ? r.rows[0].n : undefined;
      }),
    );
  });

  afterAll(async () => {
    await stopStack(stack);
  });

  it('sentiment: analyzer latency, consumer lag per group and partition, dead letters by reason', async () => {
    const text = await eventually('the poison message dead-lettered', async () => {
      const t = await scrape(stack.sentiment.url);
      return (seriesValue(t, 'loops_messages_dead_lettered_total', { topic: Topics.feedbackReceived, kind: 'envelope' }) ?? 0) >= 1 ? t : undefined;
    });
    expect(seriesValue(text, 'loops_analyzer_items_total', {})).toBeGreaterThanOrEqual(3);
    expect(seriesValue(text, 'loops_analyzer_item_duration_seconds_count', {})).toBeGreaterThanOrEqual(1);
    const perItem = seriesValue(text, 'loops_analyzer_item_duration_seconds_sum', {})!;
    expect(perItem).toBeGreaterThan(0);
    expect(perItem).toBeLessThan(seriesValue(text, 'loops_analyzer_batch_duration_seconds_sum', {})! + 1e-9);

    const group = `loops-sentiment.${Topics.feedbackReceived}`;
    const lagLines = text.split('\n').filter((l) => l.startsWith('loops_consumer_lag{') && l.includes(`group="${group}"`));
    expect(lagLines.length).toBeGreaterThanOrEqual(1);
    for (const line of lagLines) expect(line).toMatch(new RegExp(`partition="\\d+"`));
    // Everything sent was consumed: each partition this member owns was at the high watermark after its batch.
    expect(lagLines.map((l) => Number(l.split(' ').at(-1)))).toEqual(lagLines.map(() => 0));
    const partition = /partition="(\d+)"/.exec(lagLines[0])![1];
    const lastBatch = seriesValue(text, 'loops_consumer_last_batch_timestamp_seconds', { group, partition })!;
    expect(lastBatch).toBeGreaterThanOrEqual(Math.floor(startedAt));
    expect(lastBatch).toBeLessThanOrEqual(Date.now() / 1000);
  });

  it('routing: alerts by receiver, empty outboxes, and cases past SLA as the store counts them', async () => {
    // A case of this tenant overdue and unacknowledged (no escalation chain, so the ladder leaves it as is).
    await withStore((db) =>
      db.query(
        `INSERT INTO cases (case_id, tenant_id, customer_key, status, priority, owner_team, receiver, opened_at, due_at, last_alert_at)
         VALUES ($1, $2, 'customer:overdue', 'open', 'p4-metrics-e2e', 'customer-care', 'cx-detractors', now() - interval '2 days', now() - interval '1 day', now() - interval '2 days')`,
        [randomUUID(), tenant],
      ),
    );
    const text = await scrape(stack.routing.url);
    expect(seriesValue(text, 'loops_alerts_published_total', { receiver: 'cx-detractors' })).toBeGreaterThanOrEqual(2);
    expect(seriesValue(text, 'loops_cases_past_sla', { priority: 'p4-metrics-e2e' })).toBe(1);
    const overdue = await withStore(async (db) => {
      const r = await db.query(`SELECT priority, count(*)::int AS n FROM cases WHERE status = 'open' AND due_at < now() GROUP BY priority`);
      return r.rows as { priority: string; n: number }[];
    });
    for (const { priority, n } of overdue) expect({ priority, gauge: seriesValue(text, 'loops_cases_past_sla', { priority }) }).toEqual({ priority, gauge: n });

    const unpublished = await withStore(async (db) => {
      const r = await db.query(
        `SELECT (SELECT count(*)::int FROM alerts WHERE published_at IS NULL) AS alerts, (SELECT count(*)::int FROM case_events WHERE published_at IS NULL) AS case_events`,
      );
      return r.rows[0] as { alerts: number; case_events: number };
    });
    expect(seriesValue(text, 'loops_outbox_depth', { outbox: 'alerts' })).toBe(unpublished.alerts);
    expect(seriesValue(text, 'loops_outbox_depth', { outbox: 'case_events' })).toBe(unpublished.case_events);
    expect(seriesValue(text, 'loops_outbox_oldest_age_seconds', { outbox: 'alerts' })).toBeGreaterThanOrEqual(0);
    expect(text).not.toMatch(/^loops_metric_sampler_failures_total\{/m);
  });

  it('ingestion and root-cause: outbox depth and age of their own outboxes, and HTTP series by route', async () => {
    const ingestion = await eventually('the feedback outbox drained', async () => {
      const t = await scrape(stack.ingestion.url);
      return seriesValue(t, 'loops_outbox_depth', { outbox: 'feedback' }) === 0 ? t : undefined;
    });
    expect(seriesValue(ingestion, 'loops_outbox_oldest_age_seconds', { outbox: 'feedback' })).toBe(0);
    expect(seriesValue(ingestion, 'loops_outbox_depth', { outbox: 'privacy_erasures' })).toBeGreaterThanOrEqual(0);
    expect(seriesValue(ingestion, 'loops_http_requests_total', { method: 'POST', route: '/v1/feedback', status: '202' })).toBeGreaterThanOrEqual(3);
    expect(ingestion).not.toMatch(/^loops_metric_sampler_failures_total\{/m);

    const rootCause = await scrape(stack['root-cause'].url);
    const insightsUnpublished = await withStore(async (db) => (await db.query('SELECT count(*)::int AS n FROM insights WHERE published_at IS NULL')).rows[0].n as number);
    expect(seriesValue(rootCause, 'loops_outbox_depth', { outbox: 'insights' })).toBe(insightsUnpublished);
    expect(rootCause).toMatch(/^process_resident_memory_bytes\{service="root-cause"\} \d+/m);
  });
});
