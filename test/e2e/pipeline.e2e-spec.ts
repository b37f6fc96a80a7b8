import { randomUUID } from 'node:crypto';
import { Alert, CaseEvent, FeedbackAnalyzedV2, Topics } from '@loops/contracts';
import { createApiKey } from '../support/api-keys';
import { TopicProbe } from '../support/kafka-probe';
import { pseudonymOf } from '../support/pseudonym';
import { startStack, Stack, stopStack } from '../support/stack';
import { eventually, withStore } from '../support/store';

// The thin end-to-end road: HTTP → ingestion → feedback.received → sentiment → feedback.analyzed →
// routing (alert + case) and root-cause (rollups), every hop real.
describe('pipeline end to end', () => {
  const tenant = `t-${randomUUID().slice(0, 8)}`;
  let stack: Stack;
  let probe: TopicProbe;
  let apiKey: string;

  beforeAll(async () => {
    stack = await startStack(21000);
    apiKey = createApiKey(tenant, 'survey-tool').apiKey;
    probe = await new TopicProbe([Topics.feedbackAnalyzedV2, 'alerts.cx-detractors.v1', Topics.cases]).start();
  });

  afterAll(async () => {
    await probe?.stop();
    await stopStack(stack);
  });

  it('every service reports ready with Kafka and PostgreSQL up', async () => {
    for (const service of Object.values(stack)) {
      const res = await fetch(`${service.url}/health/ready`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { info: unknown };
      expect(body.info).toMatchObject({ kafka: { status: 'up' }, postgres: { status: 'up' } });
    }
  });

  it('turns a detractor into an alert on its topic, a case, an analysis and rollups', async () => {
    const res = await fetch(`${stack.ingestion.url}/v1/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({
        externalId: 'resp-1001',
        channel: 'survey',
        occurredAt: '2026-11-20T08:30:00Z',
        text: 'Pengiriman sangat lambat dan kurirnya kasar. Hubungi saya di budi@example.com',
        scores: { nps: 2 },
        customer: { id: 'cust-42', segment: 'smb', tier: 'premium', annualValue: 12000 },
        touchpoint: { journey: 'delivery', step: 'last-mile' },
      }),
    });
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { status: string; eventId: string };
    expect(accepted).toEqual({ status: 'accepted', eventId: expect.any(String) });
    const eventId: string = accepted.eventId;

    const analyzed = await probe.waitFor((m) => m.topic === Topics.feedbackAnalyzedV2 && (m.event.data as FeedbackAnalyzedV2).feedback.eventId === eventId);
    const analysis = (analyzed.event.data as FeedbackAnalyzedV2).analysis;
    expect(analysis.language).toBe('id');
    expect(analysis.sentiment.label).toBe('negative');
    expect((analyzed.event.data as FeedbackAnalyzedV2).feedback.text).toContain('[EMAIL]');
    expect(analyzed.key).toBe(`${tenant}:${pseudonymOf(tenant, 'cust-42')}`);

    const alertMessage = await probe.waitFor((m) => m.topic === 'alerts.cx-detractors.v1' && (m.event.data as Alert).feedbackEventId === eventId);
    const alert = alertMessage.event.data as Alert;
    expect(alert).toMatchObject({
      tenantId: tenant,
      receiver: 'cx-detractors',
      rulePath: ['root', 'detractors'],
      matched: { nps: 2 },
      severity: 'high',
      customerId: pseudonymOf(tenant, 'cust-42'),
    });
    expect(alertMessage.key).toBe(alert.caseId);
    expect(alertMessage.headers).toMatchObject({ ce_specversion: '1.0', ce_type: 'dev.loops.alert.v1', ce_id: alert.alertId });

    const opened = await probe.waitFor((m) => m.topic === Topics.cases && (m.event.data as CaseEvent).caseId === alert.caseId);
    expect(opened.event.data).toMatchObject({ kind: 'opened', status: 'open', priority: 'p2', ownerTeam: 'customer-care' });

    await withStore(async (db) => {
      const cases = await db.query('SELECT status, priority, owner_team, customer_key, EXTRACT(EPOCH FROM due_at - opened_at)::int AS sla_seconds FROM cases WHERE case_id = $1', [alert.caseId]);
      expect(cases.rows).toEqual([
        { status: 'open', priority: 'p2', owner_team: 'customer-care', customer_key: `customer:${pseudonymOf(tenant, 'cust-42')}`, sla_seconds: 24 * 3600 },
      ]);
      const alerts = await db.query('SELECT receiver, rule_path, published_at IS NOT NULL AS published FROM alerts WHERE feedback_event_id = $1', [eventId]);
      expect(alerts.rows).toEqual([{ receiver: 'cx-detractors', rule_path: ['root', 'detractors'], published: true }]);
      const analyses = await db.query('SELECT language, sentiment_label FROM analyses WHERE feedback_event_id = $1', [eventId]);
      expect(analyses.rows).toEqual([{ language: 'id', sentiment_label: 'negative' }]);
      const feedback = await db.query('SELECT text, published_at IS NOT NULL AS published FROM feedback WHERE event_id = $1', [eventId]);
      expect(feedback.rows[0].published).toBe(true);
      expect(feedback.rows[0].text).not.toContain('budi@example.com');
    });

    const rollup = await eventually('the daily rollup row', () =>
      withStore(async (db) => {
        const r = await db.query(
          `SELECT count, nps_count, detractors, negative_count FROM rollups
            WHERE tenant_id = $1 AND bucket_size = 'day' AND theme = '*' AND touchpoint = 'delivery' AND channel = 'survey'`,
          [tenant],
        );
        return r.rows[0];
      }),
    );
    expect(rollup).toEqual({ count: 1, nps_count: 1, detractors: 1, negative_count: 1 });
  });

  it('exposes pipeline metrics in Prometheus format', async () => {
    const metrics = await (await fetch(`${stack.sentiment.url}/metrics`)).text();
    const consumed = /loops_messages_consumed_total\{[^}]*topic="feedback\.received\.v1"[^}]*\} (\d+)/.exec(metrics);
    expect(Number(consumed?.[1])).toBeGreaterThanOrEqual(1);
    const produced = /loops_messages_produced_total\{[^}]*topic="feedback\.analyzed\.v2"[^}]*\} (\d+)/.exec(metrics);
    expect(Number(produced?.[1])).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/loops_batch_duration_seconds_bucket\{/);
    expect(metrics).toMatch(/loops_consumer_lag\{[^}]*partition="\d+"/);
    expect(metrics).toContain('# TYPE loops_messages_dead_lettered_total counter');
  });

  it('answers a repeat of the same item with the original id and publishes nothing new', async () => {
    const body = JSON.stringify({ externalId: 'resp-2002', channel: 'survey', occurredAt: '2026-11-20T09:00:00Z', text: 'Great', scores: { nps: 10 } });
    const post = () =>
      fetch(`${stack.ingestion.url}/v1/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body,
      }).then((r) => r.json() as Promise<{ status: string; eventId: string }>);
    const first = await post();
    const again = await post();
    expect(again).toEqual({ status: 'duplicate', eventId: first.eventId });
    await withStore(async (db) => {
      const rows = await db.query('SELECT count(*)::int AS n FROM feedback WHERE tenant_id = $1 AND external_id = $2', [tenant, 'resp-2002']);
      expect(rows.rows[0].n).toBe(1);
    });
  });
});
