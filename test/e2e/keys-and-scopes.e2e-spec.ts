import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import { DlqRecord, FEEDBACK_SUBMISSION_TYPE, Topics } from '@loops/contracts';
import { createApiKey } from '../support/api-keys';
import { call } from '../support/http';
import { testKafka, TopicProbe } from '../support/kafka-probe';
import { analyzedEvent } from '../support/routing';
import { RunningService, startServices, stopService } from '../support/service-process';
import { eventually, withStore } from '../support/store';

// Every class of endpoint (ingest, reports, cases, admin) on the services that have them, tried with a
// key of each scope against the running services: allowed where the scope is held, else 403 naming the
// missing scope, and the refused request changes nothing. Plus missing vs wrong keys, the dashboard's
// key, and the Kafka intake's scope.
const PORTS = { ingestion: 24611, routing: 24612, rootCause: 24613 };
const INTEGRATION = 'scoped-tool';
type Kind = 'ingest' | 'reports' | 'cases' | 'admin';
const SCOPE_OF: Record<Kind, string> = { ingest: 'ingest', reports: 'reports:read', cases: 'cases:write', admin: 'admin' };
const KINDS: Kind[] = ['ingest', 'reports', 'cases', 'admin'];

function refusal(anyOf: string[]) {
  return {
    error: 'forbidden',
    reason: 'scope_missing',
    requiredScopes: anyOf,
    message: anyOf.length === 1 ? `this API key lacks the scope ${anyOf[0]}` : `this API key lacks a scope this endpoint needs: one of ${anyOf.join(', ')}`,
  };
}

describe('scoped API keys on every service', () => {
  const tenant = `s-${randomUUID().slice(0, 8)}`;
  let ingestion: RunningService;
  let routing: RunningService;
  let rootCause: RunningService;
  const keys = {} as Record<Kind | 'dashboard', string>;
  const url = {} as Record<'ingestion' | 'routing' | 'rootCause', string>;

  beforeAll(async () => {
    [ingestion, routing, rootCause] = await startServices([
      { name: 'ingestion', port: PORTS.ingestion, env: { RATE_LIMIT_PER_SECOND: '100000' } },
      { name: 'routing', port: PORTS.routing },
      { name: 'root-cause', port: PORTS.rootCause, env: { ROUTING_URL: `http://127.0.0.1:${PORTS.routing}` } },
    ]);
    url.ingestion = ingestion.url;
    url.routing = routing.url;
    url.rootCause = rootCause.url;
    for (const kind of KINDS) keys[kind] = createApiKey(tenant, INTEGRATION, [SCOPE_OF[kind]]).apiKey;
    keys.dashboard = createApiKey(tenant, 'cx-dashboard', ['reports:read', 'cases:write']).apiKey;
  });

  afterAll(async () => {
    await Promise.all([ingestion, routing, rootCause].filter(Boolean).map((s) => stopService(s)));
  });

  const item = (externalId: string) => ({ externalId, channel: 'survey', occurredAt: new Date().toISOString(), survey: { nps: 4, comment: 'slow' } });
  const storedIds = (externalIds: string[]) =>
    withStore(async (db) => (await db.query('SELECT external_id FROM feedback WHERE tenant_id = $1 AND external_id = ANY($2) ORDER BY 1', [tenant, externalIds])).rows.map((r) => r.external_id));

  describe('missing and wrong keys', () => {
    const endpoints: [string, 'ingestion' | 'routing' | 'rootCause', string, string, unknown][] = [
      ['ingest', 'ingestion', 'POST', '/v1/feedback', item('auth-probe')],
      ['reports', 'rootCause', 'GET', '/v1/reports/metrics', undefined],
      ['cases', 'routing', 'GET', '/v1/cases', undefined],
      ['admin', 'routing', 'GET', '/v1/routing-tree', undefined],
      ['admin', 'rootCause', 'PUT', '/v1/reports/churn-model', {}],
    ];

    it.each(endpoints)('%s %s %s %s: 401 "required" without a key, 401 "not valid" with a wrong one, the key never echoed', async (_c, service, method, path, body) => {
      expect(await call(url[service], method, path, null, body)).toMatchObject({
        status: 401,
        body: { error: 'unauthorized', reason: 'api_key_missing', message: 'an API key is required: Authorization: Bearer <key> or X-API-Key' },
      });
      for (const wrong of [`lk_${randomUUID().replace(/-/g, '')}`, 'not-even-a-key']) {
        const res = await call(url[service], method, path, wrong, body);
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ error: 'unauthorized', reason: 'api_key_invalid', message: 'the API key is not valid or has been revoked' });
        expect(res.text).not.toContain(wrong);
      }
    });
  });

  describe('each scope on each class of endpoint', () => {
    const caseId = randomUUID();
    // [class, service, method, path, body, scopes that open it, status when opened]
    const matrix: [string, 'ingestion' | 'routing' | 'rootCause', string, string, () => unknown, string[], number][] = [
      ['ingest', 'ingestion', 'POST', '/v1/feedback', () => item(`m-${randomUUID()}`), ['ingest'], 202],
      ['ingest', 'ingestion', 'POST', '/v1/feedback/batch', () => ({ items: [item(`m-${randomUUID()}`)] }), ['ingest'], 200],
      ['reports', 'rootCause', 'GET', '/v1/reports/drivers', () => undefined, ['reports:read'], 200],
      ['reports', 'rootCause', 'GET', '/v1/reports/emerging-issues', () => undefined, ['reports:read'], 200],
      ['reports', 'rootCause', 'GET', '/v1/reports/cases', () => undefined, ['reports:read', 'cases:write'], 200],
      ['cases', 'routing', 'GET', '/v1/cases', () => undefined, ['reports:read', 'cases:write'], 200],
      ['cases', 'routing', 'GET', `/v1/cases/${caseId}`, () => undefined, ['reports:read', 'cases:write'], 404],
      ['cases', 'routing', 'POST', `/v1/cases/${caseId}/acknowledge`, () => ({ by: 'agent-7' }), ['cases:write'], 404],
      ['cases', 'routing', 'POST', `/v1/cases/${caseId}/resolve`, () => ({ rootCauseCode: 'courier-delay' }), ['cases:write'], 404],
      ['admin', 'routing', 'GET', '/v1/routing-tree', () => undefined, ['admin'], 200],
      ['admin', 'routing', 'PUT', '/v1/routing-tree', () => ({ yaml: 'route: [' }), ['admin'], 400],
      ['admin', 'routing', 'POST', '/v1/silences', () => ({}), ['admin'], 400],
      ['admin', 'routing', 'GET', '/v1/silences', () => undefined, ['admin'], 200],
      ['admin', 'routing', 'POST', '/v1/routing/explain', () => analyzedEvent({ tenantId: tenant, customerId: 'c-1', nps: 2 }), ['admin'], 200],
      ['admin', 'rootCause', 'PUT', '/v1/reports/churn-model', () => ({}), ['admin'], 400],
      ['admin', 'rootCause', 'POST', '/v1/reports/candidate-themes/promote', () => ({}), ['admin'], 400],
    ];

    it.each(matrix)('%s: %s %s %s', async (_class, service, method, path, body, opens, openedStatus) => {
      for (const kind of KINDS) {
        const res = await call(url[service], method, path, keys[kind], body());
        if (opens.includes(SCOPE_OF[kind])) {
          expect({ kind, status: res.status }).toEqual({ kind, status: openedStatus });
        } else {
          expect({ kind, status: res.status, body: res.body }).toEqual({ kind, status: 403, body: refusal(opens) });
        }
      }
    });

    it('a refused request changes nothing: no feedback stored, no tree replaced, no case touched', async () => {
      const refusedItem = `refused-${randomUUID()}`;
      for (const kind of ['reports', 'cases', 'admin'] as const) {
        expect((await call(url.ingestion, 'POST', '/v1/feedback', keys[kind], item(refusedItem))).status).toBe(403);
      }
      const tree = (await call<{ yaml: string; version: number }>(url.routing, 'GET', '/v1/routing-tree', keys.admin)).body;
      for (const kind of ['ingest', 'reports', 'cases'] as const) {
        expect((await call(url.routing, 'PUT', '/v1/routing-tree', keys[kind], { yaml: tree.yaml })).status).toBe(403);
      }
      expect(await storedIds([refusedItem])).toEqual([]);
      expect((await call<{ version: number }>(url.routing, 'GET', '/v1/routing-tree', keys.admin)).body.version).toBe(tree.version);
      // The same tree from the admin key is stored as the next version: the refusals above were about the scope only.
      expect(await call(url.routing, 'PUT', '/v1/routing-tree', keys.admin, { yaml: tree.yaml })).toMatchObject({ status: 200, body: { version: tree.version + 1 } });
    });
  });

  it('the dashboard works with a reports:read + cases:write key, and that key cannot administer', async () => {
    const page = await call(url.rootCause, 'GET', '/dashboard', null);
    expect(page.status).toBe(200);
    // The key is kept for the tab's session by the dashboard's frame module.
    expect((await call(url.rootCause, 'GET', '/dashboard/app/app.js', null)).text).toContain("const KEY = 'loops-key'");
    // The reads the dashboard's views make (services/root-cause/src/dashboard/web/views).
    for (const path of ['/v1/explore/filters', '/v1/explore/trends?bucket=day', '/v1/explore/drivers', '/v1/explore/themes', '/v1/explore/emerging-issues', '/v1/routing/cases', '/v1/reports/revenue-at-risk']) {
      expect({ path, status: (await call(url.rootCause, 'GET', path, keys.dashboard)).status }).toEqual({ path, status: 200 });
    }
    expect((await call(url.routing, 'GET', '/v1/cases', keys.dashboard)).status).toBe(200);
    expect((await call(url.routing, 'POST', `/v1/cases/${randomUUID()}/assign`, keys.dashboard, { assignee: 'agent-7' })).status).toBe(404);
    expect(await call(url.routing, 'POST', '/v1/silences', keys.dashboard, {})).toMatchObject({ status: 403, body: refusal(['admin']) });
    expect(await call(url.ingestion, 'POST', '/v1/feedback', keys.dashboard, item('dash-1'))).toMatchObject({ status: 403, body: refusal(['ingest']) });
  });

  describe('Kafka intake', () => {
    let probe: TopicProbe;
    let producer: Producer;

    beforeAll(async () => {
      probe = await new TopicProbe([Topics.feedbackDlq]).start();
      producer = testKafka().producer();
      await producer.connect();
    });

    afterAll(async () => {
      await producer?.disconnect();
      await probe?.stop();
    });

    const raw = (apiKey: string, externalId: string) => ({
      key: `${tenant}:k`,
      value: JSON.stringify(item(externalId)),
      headers: {
        ce_specversion: '1.0',
        ce_id: randomUUID(),
        ce_source: `loops:integration:${INTEGRATION}`,
        ce_type: FEEDBACK_SUBMISSION_TYPE,
        ce_time: new Date().toISOString(),
        'content-type': 'application/json',
        'x-loops-api-key': apiKey,
      },
    });

    it('needs a key with ingest on feedback.raw.v1: other scopes go to the DLQ with the missing scope named', async () => {
      const good = raw(keys.ingest, `kafka-ok-${randomUUID()}`);
      const refused = (['reports', 'cases', 'admin'] as const).map((kind) => raw(keys[kind], `kafka-${kind}-${randomUUID()}`));
      await producer.send({ topic: Topics.feedbackRaw, messages: [good, ...refused] });
      for (const m of refused) {
        const letter = (await probe.waitFor((s) => s.topic === Topics.feedbackDlq && (s.event.data as DlqRecord).originalHeaders?.ce_id === m.headers.ce_id, 60000)).event.data as DlqRecord;
        expect(letter.reason).toContain('forbidden: this API key lacks the scope ingest');
        expect(letter.originalHeaders['x-loops-api-key']).toBe('[REDACTED]');
      }
      const goodId = JSON.parse(good.value).externalId as string;
      await eventually('the ingest-scoped message stored', async () => (await storedIds([goodId])).length === 1, 60000);
      expect(await storedIds(refused.map((m) => JSON.parse(m.value).externalId as string))).toEqual([]);
    });
  });
});
