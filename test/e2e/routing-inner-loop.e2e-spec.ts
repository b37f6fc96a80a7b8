import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import { Alert, CaseEvent, Topics } from '@loops/contracts';
import { createApiKey } from '../support/api-keys';
import { testKafka, TopicProbe } from '../support/kafka-probe';
import { analyzedEvent, apiClient, publishAnalyzed } from '../support/routing';
import { RunningService, startService, stopService } from '../support/service-process';
import { withStore } from '../support/store';

// The inner loop with real Kafka and PostgreSQL: one alert and one case per unhappy customer, no
// duplicates across redelivery and restarts, escalation on a controllable clock, the case lifecycle
// over the tenant-scoped API.
describe('routing: the inner loop end to end', () => {
  const tenant = `r-${randomUUID().slice(0, 8)}`;
  const otherTenant = `o-${randomUUID().slice(0, 8)}`;
  const env = { ROUTING_ADMIN_CLOCK: 'enabled', ESCALATION_SWEEP_MS: '0', OUTBOX_RELAY_MS: '2000' };
  let routing: RunningService;
  let producer: Producer;
  let probe: TopicProbe;
  let api: ReturnType<typeof apiClient>;
  let otherApi: ReturnType<typeof apiClient>;
  const detractor = analyzedEvent({ tenantId: tenant, customerId: 'cust-1', nps: 2 });
  let caseId: string;

  const alertsFor = (topic: string, pred: (a: Alert) => boolean) => probe.messages.filter((m) => m.topic === topic && pred(m.event.data as Alert));
  const caseEvents = (id: string) => probe.messages.filter((m) => m.topic === Topics.cases && (m.event.data as CaseEvent).caseId === id).map((m) => m.event.data as CaseEvent);
  const waitCaseEvent = (pred: (e: CaseEvent) => boolean) => probe.waitFor((m) => m.topic === Topics.cases && pred(m.event.data as CaseEvent), 60000);

  beforeAll(async () => {
    routing = await startService('routing', 25001, env);
    api = apiClient(routing.url, createApiKey(tenant, 'cx-console').apiKey);
    otherApi = apiClient(routing.url, createApiKey(otherTenant, 'cx-console').apiKey);
    producer = testKafka().producer();
    await producer.connect();
    probe = await new TopicProbe(['alerts.cx-detractors.v1', 'alerts.cx-team-leads.v1', 'alerts.cx-head.v1', Topics.cases]).start();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await probe?.stop();
    if (routing) await stopService(routing);
  });

  it('turns a detractor into one alert on its receiver topic and one case with an SLA', async () => {
    await publishAnalyzed(producer, [detractor]);
    const message = await probe.waitFor((m) => m.topic === 'alerts.cx-detractors.v1' && (m.event.data as Alert).feedbackEventId === detractor.feedback.eventId, 60000);
    const alert = message.event.data as Alert;
    caseId = alert.caseId;
    expect(alert).toMatchObject({ tenantId: tenant, receiver: 'cx-detractors', rulePath: ['root', 'detractors'], matched: { nps: 2 }, severity: 'high', customerId: 'cust-1' });
    expect(message.key).toBe(caseId);
    const opened = await waitCaseEvent((e) => e.caseId === caseId && e.kind === 'opened');
    expect(opened.event.data).toMatchObject({ status: 'open', priority: 'p2', ownerTeam: 'customer-care', escalationLevel: 0, feedbackEventId: detractor.feedback.eventId });
    await withStore(async (db) => {
      const cases = await db.query(
        `SELECT status, priority, owner_team, escalation_chain, sla_minutes, EXTRACT(EPOCH FROM due_at - opened_at)::int AS sla_seconds FROM cases WHERE tenant_id = $1`,
        [tenant],
      );
      expect(cases.rows).toEqual([
        { status: 'open', priority: 'p2', owner_team: 'customer-care', escalation_chain: ['cx-team-leads', 'cx-head'], sla_minutes: 1440, sla_seconds: 86400 },
      ]);
    });
  });

  it('creates no duplicate alert on redelivery or after a restart; more feedback joins the case quietly', async () => {
    const chat = analyzedEvent({ tenantId: tenant, customerId: 'cust-1', channel: 'chat', nps: undefined, label: 'negative', score: -0.9 });
    chat.feedback.scores = { nps: 1 };
    // The same event again (a redelivery), then the same customer on another channel.
    await publishAnalyzed(producer, [detractor, chat]);
    await waitCaseEvent((e) => e.caseId === caseId && e.kind === 'feedback_attached' && e.feedbackEventId === chat.feedback.eventId);

    await stopService(routing);
    routing = await startService('routing', 25001, env);
    const marker = analyzedEvent({ tenantId: tenant, customerId: 'cust-1', nps: 0 });
    await publishAnalyzed(producer, [detractor, marker]);
    await waitCaseEvent((e) => e.caseId === caseId && e.kind === 'feedback_attached' && e.feedbackEventId === marker.feedback.eventId);

    expect(alertsFor('alerts.cx-detractors.v1', (a) => a.tenantId === tenant)).toHaveLength(1);
    expect(caseEvents(caseId).map((e) => [e.kind, e.feedbackEventId])).toEqual([
      ['opened', detractor.feedback.eventId],
      ['feedback_attached', chat.feedback.eventId],
      ['feedback_attached', marker.feedback.eventId],
    ]);
    await withStore(async (db) => {
      expect((await db.query('SELECT count(*)::int AS n FROM cases WHERE tenant_id = $1', [tenant])).rows[0].n).toBe(1);
      expect((await db.query('SELECT count(*)::int AS n FROM alerts WHERE tenant_id = $1', [tenant])).rows[0].n).toBe(1);
      expect((await db.query('SELECT count(*)::int AS n FROM case_feedback WHERE case_id = $1', [caseId])).rows[0].n).toBe(3);
    });
  });

  it("joins one customer's burst across channels into one case with one page", async () => {
    const burst = [
      analyzedEvent({ tenantId: tenant, customerId: 'cust-burst', nps: 3, channel: 'survey' }),
      analyzedEvent({ tenantId: tenant, customerId: 'cust-burst', nps: 1, channel: 'chat' }),
      analyzedEvent({ tenantId: tenant, customerId: 'cust-burst', nps: 2, channel: 'review' }),
    ];
    await publishAnalyzed(producer, burst);
    const alert = (await probe.waitFor((m) => m.topic === 'alerts.cx-detractors.v1' && (m.event.data as Alert).customerId === 'cust-burst', 60000)).event.data as Alert;
    await waitCaseEvent((e) => e.caseId === alert.caseId && e.feedbackEventId === burst[2].feedback.eventId);
    expect(alertsFor('alerts.cx-detractors.v1', (a) => a.customerId === 'cust-burst' && a.tenantId === tenant)).toHaveLength(1);
    await withStore(async (db) => {
      const cases = await db.query(`SELECT case_id FROM cases WHERE tenant_id = $1 AND customer_key = 'customer:cust-burst'`, [tenant]);
      expect(cases.rows).toEqual([{ case_id: alert.caseId }]);
      expect((await db.query('SELECT count(*)::int AS n FROM case_feedback WHERE case_id = $1', [alert.caseId])).rows[0].n).toBe(3);
    });
    // Resolved at once, so the escalation and listing tests below see only the first customer's open case.
    expect((await api('POST', `/v1/cases/${alert.caseId}/resolve`, { rootCauseCode: 'DUPLICATE_CONTACT' })).status).toBe(200);
  });

  it('escalates an unacknowledged case step by step when its SLA passes (controllable clock)', async () => {
    const dueAt = async () => withStore(async (db) => (await db.query('SELECT due_at FROM cases WHERE case_id = $1', [caseId])).rows[0].due_at as Date);
    const run = (at: Date) => api<{ escalated: { caseId: string; level: number; receiver: string }[] }>('POST', `/v1/admin/escalations/run?at=${at.toISOString()}`);
    const firstDue = await dueAt();

    expect((await run(new Date(firstDue.getTime() - 60_000))).body).toEqual({ escalated: [] });
    const first = await run(new Date(firstDue.getTime() + 60_000));
    expect(first).toEqual({ status: 200, body: { escalated: [{ caseId, level: 1, receiver: 'cx-team-leads' }] } });
    const lead = await probe.waitFor((m) => m.topic === 'alerts.cx-team-leads.v1' && (m.event.data as Alert).caseId === caseId, 60000);
    expect(lead.event.data).toMatchObject({ receiver: 'cx-team-leads', rulePath: ['root', 'detractors', 'escalation[1]'], matched: { escalationLevel: 1, slaMinutes: 1440 } });
    await waitCaseEvent((e) => e.caseId === caseId && e.kind === 'escalated' && e.escalationLevel === 1);

    // The same instant again changes nothing: the next step has its own SLA.
    expect((await run(new Date(firstDue.getTime() + 60_000))).body).toEqual({ escalated: [] });
    const secondDue = await dueAt();
    expect(secondDue.getTime()).toBe(firstDue.getTime() + 60_000 + 1440 * 60_000);
    expect((await run(new Date(secondDue.getTime() + 1000))).body).toEqual({ escalated: [{ caseId, level: 2, receiver: 'cx-head' }] });
    await probe.waitFor((m) => m.topic === 'alerts.cx-head.v1' && (m.event.data as Alert).caseId === caseId, 60000);
    // The chain is exhausted: nothing more, however late.
    expect((await run(new Date(secondDue.getTime() + 365 * 86400_000))).body).toEqual({ escalated: [] });
  });

  it('does not escalate an acknowledged case', async () => {
    const other = analyzedEvent({ tenantId: tenant, customerId: 'cust-2', nps: 4 });
    await publishAnalyzed(producer, [other]);
    const alert = (await probe.waitFor((m) => m.topic === 'alerts.cx-detractors.v1' && (m.event.data as Alert).feedbackEventId === other.feedback.eventId, 60000)).event.data as Alert;
    const ack = await api('POST', `/v1/cases/${alert.caseId}/acknowledge`, { by: 'agent-7' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ caseId: alert.caseId, status: 'acknowledged' });
    expect((await api('POST', `/v1/cases/${alert.caseId}/acknowledge`, {})).status).toBe(409);
    const run = await api('POST', `/v1/admin/escalations/run?at=${new Date(Date.now() + 30 * 86400_000).toISOString()}`);
    expect(run.body).toEqual({ escalated: [] });
    await waitCaseEvent((e) => e.caseId === alert.caseId && e.kind === 'acknowledged');
  });

  it('lists, filters, gets and assigns cases of the caller tenant only', async () => {
    const open = await api<{ cases: { caseId: string; status: string }[] }>('GET', '/v1/cases?status=open');
    expect(open.body.cases.map((c) => c.caseId)).toEqual([caseId]);
    const all = await api<{ cases: unknown[] }>('GET', '/v1/cases');
    expect(all.body.cases).toHaveLength(3);
    expect((await api<{ cases: { caseId: string }[] }>('GET', '/v1/cases?customerId=cust-1')).body.cases.map((c) => c.caseId)).toEqual([caseId]);
    expect((await api('GET', '/v1/cases?status=closed')).status).toBe(400);

    const assigned = await api('POST', `/v1/cases/${caseId}/assign`, { assignee: 'budi' });
    expect(assigned.body).toMatchObject({ caseId, assignee: 'budi', status: 'open' });
    const detail = await api<{ feedbackEventIds: string[]; alerts: Alert[]; events: CaseEvent[] }>('GET', `/v1/cases/${caseId}`);
    expect(detail.body.feedbackEventIds).toHaveLength(3);
    expect(detail.body.alerts.map((a) => a.receiver)).toEqual(['cx-detractors', 'cx-team-leads', 'cx-head']);
    expect(detail.body.events.map((e) => e.kind)).toEqual(['opened', 'feedback_attached', 'feedback_attached', 'assigned', 'escalated', 'escalated']);
  });

  it("hides one tenant's cases from another (404, never 403) and requires a key", async () => {
    expect((await otherApi('GET', `/v1/cases/${caseId}`)).status).toBe(404);
    expect((await otherApi('POST', `/v1/cases/${caseId}/acknowledge`, {})).status).toBe(404);
    expect((await otherApi('POST', `/v1/cases/${caseId}/resolve`, { rootCauseCode: 'X' })).status).toBe(404);
    expect((await otherApi<{ cases: unknown[] }>('GET', '/v1/cases')).body.cases).toEqual([]);
    expect((await fetch(`${routing.url}/v1/cases`)).status).toBe(401);
    await withStore(async (db) => {
      expect((await db.query('SELECT status FROM cases WHERE case_id = $1', [caseId])).rows[0].status).toBe('open');
    });
  });

  it('resolves a case with a root-cause code and emits the event; feedback right after reopens it', async () => {
    const bad = await api<{ errors: { field: string }[] }>('POST', `/v1/cases/${caseId}/resolve`, { note: 'no code' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field)).toEqual(['rootCauseCode']);

    const resolved = await api('POST', `/v1/cases/${caseId}/resolve`, { rootCauseCode: 'LATE_DELIVERY', note: 'Courier partner backlog; refunded shipping.' });
    expect(resolved.body).toMatchObject({ caseId, status: 'resolved', rootCauseCode: 'LATE_DELIVERY' });
    const event = await waitCaseEvent((e) => e.caseId === caseId && e.kind === 'resolved');
    expect(event.event.data).toMatchObject({ status: 'resolved', rootCauseCode: 'LATE_DELIVERY', note: 'Courier partner backlog; refunded shipping.', tenantId: tenant });
    expect((await api('POST', `/v1/cases/${caseId}/resolve`, { rootCauseCode: 'LATE_DELIVERY' })).status).toBe(409);

    // Inside the grouping window the customer's next unhappy feedback reopens the same case and pages.
    const again = analyzedEvent({ tenantId: tenant, customerId: 'cust-1', nps: 1, channel: 'review' });
    await publishAnalyzed(producer, [again]);
    await waitCaseEvent((e) => e.caseId === caseId && e.kind === 'reopened' && e.feedbackEventId === again.feedback.eventId);
    const repaged = await probe.waitFor((m) => m.topic === 'alerts.cx-detractors.v1' && (m.event.data as Alert).feedbackEventId === again.feedback.eventId, 60000);
    expect((repaged.event.data as Alert).caseId).toBe(caseId);
    await withStore(async (db) => {
      expect((await db.query('SELECT status, escalation_level FROM cases WHERE case_id = $1', [caseId])).rows[0]).toEqual({ status: 'open', escalation_level: 0 });
    });

    // And an operator can reopen a resolved case by hand.
    await api('POST', `/v1/cases/${caseId}/resolve`, { rootCauseCode: 'LATE_DELIVERY' });
    const reopened = await api('POST', `/v1/cases/${caseId}/reopen`, { note: 'customer called back' });
    expect(reopened).toMatchObject({ status: 200, body: { caseId, status: 'open', rootCauseCode: 'LATE_DELIVERY' } });
    await waitCaseEvent((e) => e.caseId === caseId && e.kind === 'reopened' && e.note === 'customer called back');
    expect((await api('POST', `/v1/cases/${caseId}/reopen`, {})).status).toBe(409);
  });
});
