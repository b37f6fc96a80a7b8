import { createHmac, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Producer } from 'kafkajs';
import { Alert, Insight, INSIGHT_TYPE, newCloudEvent, toKafkaRecord, Topics } from '@loops/contracts';
import { createApiKey } from '../support/api-keys';
import { testKafka, TopicProbe } from '../support/kafka-probe';
import { analyzedEvent, apiClient, publishAnalyzed } from '../support/routing';
import { REPO_ROOT, RunningService, startService, stopService } from '../support/service-process';
import { eventually, withStore } from '../support/store';

const WEBHOOK_PORT = 25090;
// A second receiver on loopback that the SSRF guard must refuse: only WEBHOOK_PORT is allowed.
const INTERNAL_PORT = 25091;
const WEBHOOK_SECRET = `whsec_${Buffer.from('loops-e2e-webhook-secret').toString('base64')}`;

const TENANT_TREE = `
route:
  routes:
    - name: billing-detractors
      match: { nps: { lte: 6 }, touchpoint: billing }
      receiver: billing-team
      owner: finance-care
      escalation: [billing-lead]
    - name: detractors
      match: { nps: { lte: 6 } }
      receiver: cx-webhook
      owner: customer-care
receivers:
  cx-webhook: { webhook: { url: 'http://127.0.0.1:${WEBHOOK_PORT}/hooks/loops', secretEnv: LOOPS_E2E_WEBHOOK_SECRET } }
`;

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

/** The receiver side of Standard Webhooks, written independently of the service's signer. */
function validSignature(headers: IncomingHttpHeaders, body: string): boolean {
  const key = Buffer.from(WEBHOOK_SECRET.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest('base64');
  return String(headers['webhook-signature']).split(' ').includes(`v1,${expected}`);
}

// Per-tenant trees through the admin API, webhook receivers, silences, inhibition by the outer loop's
// incidents, and the explain endpoint, against real Kafka, PostgreSQL and a real HTTP receiver.
describe('routing: trees, webhooks, silences, inhibition, explain', () => {
  const tenant = `c-${randomUUID().slice(0, 8)}`;
  let routing: RunningService;
  let producer: Producer;
  let probe: TopicProbe;
  let api: ReturnType<typeof apiClient>;
  let hookServer: Server;
  let internalServer: Server;
  const internalHits: string[] = [];
  const deliveries: Delivery[] = [];
  const failFirstFor = new Set<string>();

  const alertOn = (topic: string, feedbackEventId: string) =>
    probe.waitFor((m) => m.topic === topic && (m.event.data as Alert).feedbackEventId === feedbackEventId, 60000);
  const suppressed = (feedbackEventId: string) =>
    eventually('the suppressed alert row', () =>
      withStore(async (db) => (await db.query('SELECT reason, silence_id, incident_id, rule_path FROM suppressed_alerts WHERE feedback_event_id = $1', [feedbackEventId])).rows[0]),
    60000);
  const publishInsight = async (insight: Insight) => {
    const r = toKafkaRecord(newCloudEvent({ type: INSIGHT_TYPE, source: 'test', id: insight.insightId, data: insight }), `${insight.tenantId}:${insight.touchpoint}`);
    await producer.send({ topic: Topics.insights, messages: [{ key: r.key, value: r.value, headers: r.headers }] });
  };

  beforeAll(async () => {
    internalServer = createServer((req, res) => {
      internalHits.push(req.url ?? '');
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => internalServer.listen(INTERNAL_PORT, '127.0.0.1', resolve));
    hookServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const id = String(req.headers['webhook-id']);
        // The first attempt of selected alerts fails, to prove retries.
        const answered = failFirstFor.delete(id) ? 503 : 204;
        deliveries.push({ headers: req.headers, body, answered });
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(WEBHOOK_PORT, '127.0.0.1', resolve));
    routing = await startService('routing', 25002, {
      ESCALATION_SWEEP_MS: '0',
      WEBHOOK_POLL_MS: '200',
      WEBHOOK_RETRY_BASE_MS: '200',
      // The receiver is on loopback: the SSRF guard refuses it unless the operator allows it, as here.
      WEBHOOK_ALLOWED_HOSTS: `127.0.0.1:${WEBHOOK_PORT}`,
      LOOPS_E2E_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
    api = apiClient(routing.url, createApiKey(tenant, 'cx-admin').apiKey);
    producer = testKafka().producer();
    await producer.connect();
    probe = await new TopicProbe(['alerts.billing-team.v1', 'alerts.cx-webhook.v1', 'alerts.cx-detractors.v1']).start();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await probe?.stop();
    if (routing) await stopService(routing);
    await new Promise((resolve) => hookServer?.close(resolve));
    await new Promise((resolve) => internalServer?.close(resolve));
  });

  it('rejects an invalid tree with every problem and its path, and keeps the current one', async () => {
    const bad = await api('PUT', '/v1/routing-tree', { yaml: 'route:\n  routes:\n    - name: x\n      match: { nps: { lt3: 4 } }\n      receiver: Bad_Receiver\nsla: { p7: 5 }\n' });
    expect(bad).toEqual({
      status: 400,
      body: {
        error: 'invalid_routing_tree',
        problems: [
          'route.routes[0].receiver: must be a receiver name of lowercase letters, digits and dashes',
          'route.routes[0].match.nps.lt3: unknown operator "lt3" (expected one of eq, ne, in, notIn, lt, lte, gt, gte, regex, exists, contains)',
          'sla.p7: unknown priority (p1-p4)',
        ],
      },
    });
    expect((await api('GET', '/v1/routing-tree')).body).toMatchObject({ version: 0, source: 'default' });
  });

  it('stores a tenant tree as a new version and routes by it', async () => {
    expect(await api('PUT', '/v1/routing-tree', { yaml: TENANT_TREE })).toEqual({ status: 200, body: { version: 1 } });
    expect((await api('GET', '/v1/routing-tree')).body).toMatchObject({ version: 1, source: 'tenant', yaml: TENANT_TREE });
    const billing = analyzedEvent({ tenantId: tenant, customerId: 'bill-1', nps: 3, touchpoint: 'billing', themes: ['double-charge'] });
    await publishAnalyzed(producer, [billing]);
    const alert = (await alertOn('alerts.billing-team.v1', billing.feedback.eventId)).event.data as Alert;
    expect(alert).toMatchObject({ receiver: 'billing-team', rulePath: ['root', 'billing-detractors'], matched: { nps: 3, touchpoint: 'billing' } });
    await withStore(async (db) => {
      const rows = await db.query('SELECT owner_team, escalation_chain FROM cases WHERE case_id = $1', [alert.caseId]);
      expect(rows.rows).toEqual([{ owner_team: 'finance-care', escalation_chain: ['billing-lead'] }]);
    });
  });

  it('delivers webhook receivers signed (Standard Webhooks) and retries with backoff after a failure', async () => {
    const event = analyzedEvent({ tenantId: tenant, customerId: 'hook-1', nps: 1, themes: ['rude-courier'] });
    await publishAnalyzed(producer, [event]);
    const alertId = ((await alertOn('alerts.cx-webhook.v1', event.feedback.eventId)).event.data as Alert).alertId;
    const row = await eventually('the webhook delivery', () =>
      withStore(async (db) => (await db.query(`SELECT status, attempts, last_status FROM webhook_deliveries WHERE alert_id = $1 AND status = 'delivered'`, [alertId])).rows[0]),
    );
    expect(row).toMatchObject({ status: 'delivered', last_status: 204 });
    const delivered = deliveries.filter((d) => d.headers['webhook-id'] === alertId);
    expect(delivered.length).toBeGreaterThanOrEqual(1);
    for (const d of delivered) {
      expect(validSignature(d.headers, d.body)).toBe(true);
      expect(JSON.parse(d.body)).toMatchObject({ alertId, receiver: 'cx-webhook', rulePath: ['root', 'detractors'] });
    }

    // A receiver that answers 503 first: the delivery is retried and lands, same id, freshly signed.
    const flaky = analyzedEvent({ tenantId: tenant, customerId: 'hook-2', nps: 2, themes: ['rude-courier'] });
    // Alert ids are deterministic, so the dry run names the id the real alert will carry.
    const flakyAlertId = (await explainAlertId(flaky)) as string;
    failFirstFor.add(flakyAlertId);
    await publishAnalyzed(producer, [flaky]);
    const flakyRow = await eventually('the retried webhook delivery', () =>
      withStore(async (db) => (await db.query(`SELECT status, attempts, last_status FROM webhook_deliveries WHERE alert_id = $1 AND status = 'delivered'`, [flakyAlertId])).rows[0]),
    );
    expect(flakyRow).toEqual({ status: 'delivered', attempts: 2, last_status: 204 });
    const attempts = deliveries.filter((d) => d.headers['webhook-id'] === flakyAlertId);
    expect(attempts.map((d) => d.answered)).toEqual([503, 204]);
    expect(attempts.every((d) => validSignature(d.headers, d.body))).toBe(true);
  });

  async function explainAlertId(event: ReturnType<typeof analyzedEvent>): Promise<string | undefined> {
    const res = await api<{ receivers: { alertId: string }[] }>('POST', '/v1/routing/explain', event);
    return res.body.receivers[0]?.alertId;
  }

  it('silences matching alerts while the silence is active, and pages again once it is expired', async () => {
    const invalid = await api('POST', '/v1/silences', { matchers: { shoeSize: 42 }, endsAt: new Date(Date.now() + 3600_000).toISOString(), author: 'ops', reason: 'x' });
    expect(invalid).toEqual({
      status: 400,
      body: { error: 'invalid_silence', problems: ['matchers.shoeSize: unknown field (use an alias such as nps, sentiment, theme, or a path under feedback. or analysis.)'] },
    });
    const created = await api<{ silenceId: string; state: string }>('POST', '/v1/silences', {
      matchers: { touchpoint: 'checkout' },
      endsAt: new Date(Date.now() + 3600_000).toISOString(),
      author: 'ops-oncall',
      reason: 'payment provider outage, handled centrally',
    });
    expect(created.status).toBe(201);
    expect(created.body.state).toBe('active');

    const muted = analyzedEvent({ tenantId: tenant, customerId: 'silent-1', nps: 1, touchpoint: 'checkout', themes: ['payment-failed'] });
    const explained = await api<{ decision: string; silences: { applies: boolean }[] }>('POST', '/v1/routing/explain', muted);
    expect(explained.body.decision).toBe(`silenced by ${created.body.silenceId} (payment provider outage, handled centrally): recorded, not paged`);
    expect(explained.body.silences).toEqual([expect.objectContaining({ silenceId: created.body.silenceId, applies: true })]);
    await publishAnalyzed(producer, [muted]);
    expect(await suppressed(muted.feedback.eventId)).toEqual({ reason: 'silenced', silence_id: created.body.silenceId, incident_id: null, rule_path: ['root', 'detractors'] });

    const expired = await api<{ state: string }>('DELETE', `/v1/silences/${created.body.silenceId}`);
    expect(expired.body.state).toBe('expired');
    const paged = analyzedEvent({ tenantId: tenant, customerId: 'silent-2', nps: 1, touchpoint: 'checkout', themes: ['payment-failed'] });
    await publishAnalyzed(producer, [paged]);
    await alertOn('alerts.cx-webhook.v1', paged.feedback.eventId);
    expect(probe.messages.some((m) => (m.event.data as Alert).feedbackEventId === muted.feedback.eventId)).toBe(false);
    await withStore(async (db) => {
      expect((await db.query(`SELECT count(*)::int AS n FROM cases WHERE tenant_id = $1 AND customer_key = 'customer:silent-1'`, [tenant])).rows[0].n).toBe(0);
    });
  });

  it('attaches alerts to an emerging-issue incident instead of paging while the outer loop reports it', async () => {
    const opened: Insight = {
      insightId: randomUUID(),
      tenantId: tenant,
      kind: 'emerging_issue_opened',
      touchpoint: 'delivery',
      theme: 'late-delivery',
      summary: 'late-delivery complaints at delivery are 6x the baseline',
      // Evidence that passes routing's inhibition gate (count, rate ratio, q-value, warm-up).
      evidence: { version: 2, negative: 42, baseline: 7, rateRatio: 6, qValue: 1e-9, warmup: { tenant: true, theme: true, hours: 24 } },
      at: new Date().toISOString(),
    };
    await publishInsight(opened);
    const incident = await eventually('the open incident', () =>
      withStore(async (db) => (await db.query(`SELECT incident_id FROM incidents WHERE tenant_id = $1 AND status = 'open'`, [tenant])).rows[0]),
    60000);

    const inhibited = analyzedEvent({ tenantId: tenant, customerId: 'inc-1', nps: 0, touchpoint: 'delivery', themes: ['late-delivery'] });
    const explained = await api<{ decision: string; inhibitions: { applies: boolean }[]; routes: unknown }>('POST', '/v1/routing/explain', inhibited);
    expect(explained.body.decision).toMatch(/^inhibited: attached to incident .* \(delivery \/ late-delivery\), not paged$/);
    expect(explained.body.inhibitions).toEqual([expect.objectContaining({ incidentId: incident.incident_id, applies: true })]);
    await publishAnalyzed(producer, [inhibited]);
    expect(await suppressed(inhibited.feedback.eventId)).toEqual({ reason: 'inhibited', silence_id: null, incident_id: incident.incident_id, rule_path: ['root', 'detractors'] });

    // Another theme at the same touchpoint still pages.
    const unrelated = analyzedEvent({ tenantId: tenant, customerId: 'inc-2', nps: 0, touchpoint: 'delivery', themes: ['rude-courier'] });
    await publishAnalyzed(producer, [unrelated]);
    await alertOn('alerts.cx-webhook.v1', unrelated.feedback.eventId);

    await publishInsight({ ...opened, insightId: randomUUID(), kind: 'emerging_issue_resolved', at: new Date(Date.now() + 1000).toISOString() });
    await eventually('the incident resolved', () =>
      withStore(async (db) => (await db.query(`SELECT 1 FROM incidents WHERE incident_id = $1 AND status = 'resolved'`, [incident.incident_id])).rows[0]),
    60000);
    const after = analyzedEvent({ tenantId: tenant, customerId: 'inc-3', nps: 0, touchpoint: 'delivery', themes: ['late-delivery'] });
    await publishAnalyzed(producer, [after]);
    await alertOn('alerts.cx-webhook.v1', after.feedback.eventId);
  });

  it('explains a decision: routes tried with each matcher, receivers, and the case disposition', async () => {
    const event = analyzedEvent({ tenantId: tenant, customerId: 'bill-1', nps: 5, touchpoint: 'billing' });
    const res = await api<Record<string, unknown>>('POST', '/v1/routing/explain', event);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tenantId: tenant,
      treeVersion: 1,
      decision: 'attached to the open case without paging',
      case: { disposition: 'throttle' },
      receivers: [{ receiver: 'billing-team', topic: 'alerts.billing-team.v1', rulePath: ['root', 'billing-detractors'], matched: { nps: 5, touchpoint: 'billing' }, outcome: 'page', escalation: ['billing-lead'] }],
      routes: {
        path: 'root',
        result: 'matched',
        children: [
          {
            path: 'root/billing-detractors',
            result: 'matched',
            fired: 'billing-team',
            matchers: [
              { field: 'nps', op: 'lte', expected: 6, actual: 5, passed: true },
              { field: 'touchpoint', op: 'eq', expected: 'billing', actual: 'billing', passed: true },
            ],
          },
          { path: 'root/detractors', result: 'not-tried' },
        ],
      },
    });
    expect((await api('POST', '/v1/routing/explain', { feedback: {} })).status).toBe(400);
  });

  it('explains offline with the CLI: an event file against a YAML tree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loops-explain-'));
    const eventFile = join(dir, 'event.json');
    const treeFile = join(dir, 'tree.yaml');
    writeFileSync(eventFile, JSON.stringify(analyzedEvent({ tenantId: tenant, customerId: 'cli-1', nps: 2, touchpoint: 'billing' })));
    writeFileSync(treeFile, TENANT_TREE);
    const run = (...args: string[]) => execFileSync(process.execPath, [join(REPO_ROOT, 'dist/services/routing/src/cli/explain.js'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(JSON.parse(run('--event', eventFile, '--tree', treeFile)).receivers).toEqual([
      { receiver: 'billing-team', rulePath: ['root', 'billing-detractors'], matched: { nps: 2, touchpoint: 'billing' }, severity: 'medium', owner: 'finance-care', escalation: ['billing-lead'] },
    ]);
    // Without --tree, the shipped default tree.
    expect(JSON.parse(run('--event', eventFile)).receivers.map((r: { receiver: string }) => r.receiver)).toEqual(['cx-detractors']);
  });
  it('refuses webhook targets on loopback that the operator did not allow, and records why', async () => {
    const tree = `${TENANT_TREE.trimEnd()}
  internal-ip: { webhook: { url: 'http://127.0.0.1:${INTERNAL_PORT}/admin', secretEnv: LOOPS_E2E_WEBHOOK_SECRET } }
  internal-name: { webhook: { url: 'http://localhost:${INTERNAL_PORT}/admin', secretEnv: LOOPS_E2E_WEBHOOK_SECRET } }
`.replace(
      '  routes:\n',
      '  routes:\n    - name: probe-ip\n      match: { touchpoint: ssrf-ip }\n      receiver: internal-ip\n' +
        '    - name: probe-name\n      match: { touchpoint: ssrf-name }\n      receiver: internal-name\n',
    );
    expect((await api('PUT', '/v1/routing-tree', { yaml: tree })).status).toBe(200);
    const byIp = analyzedEvent({ tenantId: tenant, customerId: 'ssrf-1', nps: 1, touchpoint: 'ssrf-ip' });
    const byName = analyzedEvent({ tenantId: tenant, customerId: 'ssrf-2', nps: 1, touchpoint: 'ssrf-name' });
    await publishAnalyzed(producer, [byIp, byName]);
    const refusal = (feedbackEventId: string) =>
      eventually('the refused webhook delivery', () =>
        withStore(async (db) =>
          (await db.query(
            `SELECT d.status, d.attempts, d.last_status, d.last_error FROM webhook_deliveries d JOIN alerts a ON a.alert_id = d.alert_id
              WHERE a.feedback_event_id = $1 AND d.status <> 'pending'`,
            [feedbackEventId],
          )).rows[0],
        ),
      60000);
    expect(await refusal(byIp.feedback.eventId)).toEqual({
      status: 'failed',
      attempts: 1,
      last_status: null,
      last_error: 'refused: 127.0.0.1, a loopback address; allow it with WEBHOOK_ALLOWED_HOSTS or WEBHOOK_ALLOW_PRIVATE=true',
    });
    const byNameRow = await refusal(byName.feedback.eventId);
    expect(byNameRow).toMatchObject({ status: 'failed', attempts: 1, last_status: null });
    expect(byNameRow.last_error).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
    // Nothing reached the internal server (the alerts themselves exist: the rows joined them).
    expect(internalHits).toEqual([]);
  });
});
