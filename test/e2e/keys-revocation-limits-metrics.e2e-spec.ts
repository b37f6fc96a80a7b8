import { randomUUID } from 'node:crypto';
import { createApiKey, revokeApiKey, rotateApiKey } from '../support/api-keys';
import { call, sampleValue, scrape } from '../support/http';
import { RunningService, startServices, stopService } from '../support/service-process';
import { withStore } from '../support/store';

// Two ingestion instances share one store, as in production behind a load balancer: a revocation
// must hold on both from the next request, and a key's items-per-second budget is one budget, not
// one per instance. Then what every service's /metrics says about the refusals.
const PORTS = { a: 24621, b: 24622, routing: 24623, rootCause: 24624, sentiment: 24625 };
// A long burst window makes the shared-limit assertions independent of how fast this machine is:
// a 1 item/s key holds 60 items, so a second 60-item batch is refused unless a whole minute passed.
const INGESTION_ENV = { RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST_SECONDS: '60', BODY_LIMIT: '256kb' };

describe('revocation, shared rate limits and HTTP metrics', () => {
  const tenant = `r-${randomUUID().slice(0, 8)}`;
  let services: RunningService[] = [];
  let a: string;
  let b: string;
  let routing: string;
  let rootCause: string;
  let sentiment: string;

  beforeAll(async () => {
    services = await startServices([
      { name: 'ingestion', port: PORTS.a, env: INGESTION_ENV },
      { name: 'ingestion', port: PORTS.b, env: INGESTION_ENV },
      { name: 'routing', port: PORTS.routing },
      { name: 'root-cause', port: PORTS.rootCause },
      { name: 'sentiment', port: PORTS.sentiment },
    ]);
    [a, b, routing, rootCause, sentiment] = services.map((s) => s.url);
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => stopService(s)));
  });

  const item = (externalId: string) => ({ externalId, channel: 'survey', occurredAt: new Date().toISOString(), survey: { nps: 8 } });
  const batch = (prefix: string, n: number) => ({ items: Array.from({ length: n }, (_, i) => item(`${prefix}-${i}`)) });
  const stored = (prefix: string) =>
    withStore(async (db) => Number((await db.query('SELECT count(*) FROM feedback WHERE tenant_id = $1 AND external_id LIKE $2', [tenant, `${prefix}-%`])).rows[0].count));
  const INVALID = { error: 'unauthorized', reason: 'api_key_invalid', message: 'the API key is not valid or has been revoked' };

  describe('revocation', () => {
    it('takes effect at once on both instances: the next request after the CLI returns is refused everywhere', async () => {
      const key = createApiKey(tenant, 'revocable', ['ingest']);
      expect((await call(a, 'POST', '/v1/feedback', key.apiKey, item('rv-before-a'))).status).toBe(202);
      expect((await call(b, 'POST', '/v1/feedback', key.apiKey, item('rv-before-b'))).status).toBe(202);
      revokeApiKey(key.keyId);
      for (const [instance, base] of [['a', a], ['b', b]]) {
        const res = await call(base, 'POST', '/v1/feedback', key.apiKey, item(`rv-after-${instance}`));
        expect({ instance, status: res.status, body: res.body }).toEqual({ instance, status: 401, body: INVALID });
      }
      expect(await stored('rv-before')).toBe(2);
      expect(await stored('rv-after')).toBe(0);
    });

    it('rotation: the new secret works on both instances with the same scopes, the old one on neither', async () => {
      const old = createApiKey(tenant, 'rotating', ['ingest']);
      expect((await call(a, 'POST', '/v1/feedback', old.apiKey, item('rot-old-0'))).status).toBe(202);
      const fresh = rotateApiKey(old.keyId);
      expect(fresh).toMatchObject({ tenantId: tenant, integrationId: 'rotating', scopes: ['ingest'], replaces: old.keyId });
      for (const base of [a, b]) {
        expect((await call(base, 'POST', '/v1/feedback', old.apiKey, item(`rot-old-${base.slice(-1)}`))).body).toEqual(INVALID);
        expect((await call(base, 'POST', '/v1/feedback', fresh.apiKey, item(`rot-new-${base.slice(-1)}`))).status).toBe(202);
      }
      // Same scopes: the rotated ingest key still cannot read reports.
      expect((await call(rootCause, 'GET', '/v1/reports/metrics', fresh.apiKey)).status).toBe(403);
      expect(await stored('rot-old')).toBe(1);
      expect(await stored('rot-new')).toBe(2);
    });
  });

  describe('rate limit in items per second per key, shared by the instances', () => {
    it('counts a batch by its items and refuses the second instance once the shared budget is spent', async () => {
      const key = createApiKey(tenant, 'limited', ['ingest'], ['--items-per-second', '1']);
      // 1 item/s × 60 s of burst = 60 items for this key, wherever they arrive.
      const first = await call<{ accepted: number }>(a, 'POST', '/v1/feedback/batch', key.apiKey, batch('rl-a', 60));
      expect(first.status).toBe(200);
      expect(first.body.accepted).toBe(60);
      const second = await call(b, 'POST', '/v1/feedback/batch', key.apiKey, batch('rl-b', 60));
      expect(second.status).toBe(429);
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(second.body).toMatchObject({
        error: 'rate_limited',
        limit: { itemsPerSecond: 1, burstItems: 60 },
        retryAfterSeconds: Number(second.headers.get('retry-after')),
      });
      expect(String(second.body.message)).toContain('this API key may submit 1 items per second (bursts up to 60); this request carries 60 item(s)');
      // A refused batch stores none of its items.
      expect(await stored('rl-a')).toBe(60);
      expect(await stored('rl-b')).toBe(0);
      // The other key of the same tenant has its own budget.
      const other = createApiKey(tenant, 'unlimited', ['ingest']);
      expect((await call(b, 'POST', '/v1/feedback/batch', other.apiKey, batch('rl-other', 60))).status).toBe(200);
    });

    it('lets a batch larger than the bucket through when the bucket is full, then makes the key wait it off', async () => {
      const key = createApiKey(tenant, 'big-batches', ['ingest'], ['--items-per-second', '1']);
      expect((await call(a, 'POST', '/v1/feedback/batch', key.apiKey, batch('debt', 100))).status).toBe(200);
      const next = await call(b, 'POST', '/v1/feedback', key.apiKey, item('debt-next'));
      expect(next.status).toBe(429);
      // 100 items taken from a 60-item bucket leaves 40 owed: about 41 s at 1 item/s before one more item.
      expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(30);
    });
  });

  describe('HTTP metrics on every service', () => {
    it('counts ingestion requests by route template and status, and refusals by reason', async () => {
      const good = createApiKey(tenant, 'metered', ['ingest']).apiKey;
      const readOnly = createApiKey(tenant, 'metered-reader', ['reports:read']).apiKey;
      const before = await scrape(a);
      await call(a, 'POST', '/v1/feedback', null, item('mx-1'));
      await call(a, 'POST', '/v1/feedback', `lk_${randomUUID().replace(/-/g, '')}`, item('mx-2'));
      await call(a, 'POST', '/v1/feedback', 'lk_wrongwrongwrongwrong', item('mx-3'));
      await call(a, 'POST', '/v1/feedback', readOnly, item('mx-4'));
      await call(a, 'POST', '/v1/feedback', good, { externalId: 'mx-5', channel: 'survey', occurredAt: 'yesterday' });
      await call(a, 'POST', '/v1/feedback', good, item('mx-6'));
      await call(a, 'POST', '/v1/feedback/batch', good, { items: [{ text: 'x'.repeat(300 * 1024) }] });
      const after = await scrape(a);
      const delta = (name: string, labels: Record<string, string>) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
      const route = '/v1/feedback';
      expect(delta('loops_http_requests_total', { method: 'POST', route, status: '401', service: 'ingestion' })).toBe(3);
      expect(delta('loops_http_requests_total', { method: 'POST', route, status: '403' })).toBe(1);
      expect(delta('loops_http_requests_total', { method: 'POST', route, status: '400' })).toBe(1);
      expect(delta('loops_http_requests_total', { method: 'POST', route, status: '202' })).toBe(1);
      expect(delta('loops_http_rejects_total', { route, reason: 'auth_missing' })).toBe(1);
      expect(delta('loops_http_rejects_total', { route, reason: 'auth_invalid' })).toBe(2);
      expect(delta('loops_http_rejects_total', { route, reason: 'scope' })).toBe(1);
      expect(delta('loops_http_rejects_total', { route, reason: 'validation' })).toBe(1);
      // Refused by the body parser before routing, still labelled with its route template.
      expect(delta('loops_http_rejects_total', { route: '/v1/feedback/batch', reason: 'payload_too_large' })).toBe(1);
      expect(delta('loops_http_request_duration_seconds_count', { method: 'POST', route })).toBe(6);
      // The rate-limit refusals of the test above landed on instance b.
      expect(sampleValue(await scrape(b), 'loops_http_rejects_total', { route: '/v1/feedback/batch', reason: 'rate_limit' })).toBeGreaterThanOrEqual(1);
    });

    it('labels routing and root-cause requests by template: no case id, tenant or key in any label', async () => {
      const admin = createApiKey(tenant, 'metered-admin', ['admin']).apiKey;
      const caseId = randomUUID();
      expect((await call(routing, 'POST', `/v1/cases/${caseId}/acknowledge`, admin, {})).status).toBe(403);
      expect((await call(rootCause, 'GET', '/v1/reports/drivers', admin)).status).toBe(403);
      expect((await call(rootCause, 'GET', '/v1/reports/drivers', 'lk_wrongwrongwrongwrong')).status).toBe(401);
      const routingMetrics = await scrape(routing);
      expect(sampleValue(routingMetrics, 'loops_http_rejects_total', { route: '/v1/cases/:caseId/acknowledge', reason: 'scope', service: 'routing' })).toBeGreaterThanOrEqual(1);
      expect(sampleValue(routingMetrics, 'loops_http_requests_total', { method: 'POST', route: '/v1/cases/:caseId/acknowledge', status: '403' })).toBeGreaterThanOrEqual(1);
      const rootCauseMetrics = await scrape(rootCause);
      expect(sampleValue(rootCauseMetrics, 'loops_http_rejects_total', { route: '/v1/reports/drivers', reason: 'scope', service: 'root-cause' })).toBeGreaterThanOrEqual(1);
      expect(sampleValue(rootCauseMetrics, 'loops_http_rejects_total', { route: '/v1/reports/drivers', reason: 'auth_invalid' })).toBeGreaterThanOrEqual(1);
      for (const text of [routingMetrics, rootCauseMetrics, await scrape(a)]) {
        expect(text).not.toContain(caseId);
        expect(text).not.toContain(tenant);
        expect(text).not.toContain('lk_');
      }
    });

    it('exposes the same series on sentiment, which serves only health and metrics', async () => {
      await call(sentiment, 'GET', '/health/live', null);
      const text = await scrape(sentiment);
      expect(sampleValue(text, 'loops_http_requests_total', { method: 'GET', route: '/health/live', status: '200', service: 'sentiment' })).toBeGreaterThanOrEqual(1);
      expect(sampleValue(text, 'loops_http_request_duration_seconds_count', { method: 'GET', route: '/health/live' })).toBeGreaterThanOrEqual(1);
    });
  });
});
