import { randomUUID } from 'node:crypto';
import { DlqRecord, FEEDBACK_SUBMISSION_TYPE, FeedbackReceived, Topics } from '@loops/contracts';
import { createApiKey, revokeApiKey } from '../support/api-keys';
import { receivedFor } from '../support/ingestion-client';
import { SeenMessage, testKafka, TopicProbe } from '../support/kafka-probe';
import { RunningService, startService, stopService } from '../support/service-process';
import { withStore } from '../support/store';

// Kafka intake: integrations publish raw items to feedback.raw.v1, authenticated by their API key in a
// header and their integration in ce_source. Same validation, de-duplication and redaction as HTTP;
// anything invalid goes to the DLQ with its reason and original bytes.
const PORT = 24021;

describe('ingestion Kafka intake', () => {
  const tenant = `t-${randomUUID().slice(0, 8)}`;
  const integration = 'kafka-tool';
  let service: RunningService;
  let probe: TopicProbe;
  let key: string;
  let revokedKey: string;

  const message = (body: Buffer | string | object, overrides: Record<string, string | undefined> = {}) => {
    const headers: Record<string, string> = {
      ce_specversion: '1.0',
      ce_id: randomUUID(),
      ce_source: `loops:integration:${integration}`,
      ce_type: FEEDBACK_SUBMISSION_TYPE,
      ce_time: new Date().toISOString(),
      'content-type': 'application/json',
      'x-loops-api-key': key,
    };
    for (const [name, value] of Object.entries(overrides)) {
      if (value === undefined) delete headers[name];
      else headers[name] = value;
    }
    const value = Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body);
    return { key: 'k', value, headers };
  };
  const item = (externalId: string, extra: object = {}) => ({
    externalId,
    channel: 'review',
    occurredAt: '2026-11-20T08:30:00Z',
    review: { rating: 2, text: 'Late again, write to me at ana@example.com', site: 'trustpilot' },
    ...extra,
  });

  const dlqFor = (id: string) => (m: SeenMessage) => m.topic === Topics.feedbackDlq && (m.event.data as DlqRecord).originalHeaders?.ce_id === id;

  beforeAll(async () => {
    service = await startService('ingestion', PORT);
    key = createApiKey(tenant, integration).apiKey;
    const revoked = createApiKey(tenant, integration);
    revokeApiKey(revoked.keyId);
    revokedKey = revoked.apiKey;
    probe = await new TopicProbe([Topics.feedbackReceived, Topics.feedbackDlq]).start();
  });

  afterAll(async () => {
    await probe?.stop();
    if (service) await stopService(service);
  });

  it('accepts valid items once, rejects the rest to the DLQ with reason and original bytes', async () => {
    const good = [message(item('k-1')), message(item('k-2')), message(item('k-1'))];
    const badBytes = Buffer.from('{"externalId":"k-bad","channel":"review","occurredAt":"2026-11-20T08:30:00Z","review":{"rating":9}}');
    const bad = {
      validation: message(badBytes),
      tenantInBody: message(item('k-tenant', { tenantId: 'other-tenant' })),
      notJson: message('not json at all'),
      noKey: message(item('k-nokey'), { 'x-loops-api-key': undefined }),
      revoked: message(item('k-revoked'), { 'x-loops-api-key': revokedKey }),
      otherIntegration: message(item('k-other'), { ce_source: 'loops:integration:someone-else' }),
      wrongSource: message(item('k-source'), { ce_source: 'https://example.com' }),
      wrongType: message(item('k-type'), { ce_type: 'com.example.other' }),
      pollution: message('{"__proto__":{"admin":true},"externalId":"k-proto","channel":"survey","occurredAt":"2026-11-20T08:30:00Z"}'),
    };
    const producer = testKafka().producer();
    await producer.connect();
    try {
      await producer.send({ topic: Topics.feedbackRaw, messages: [good[0], bad.validation, good[1], bad.noKey, bad.notJson, good[2]] });
      await producer.send({ topic: Topics.feedbackRaw, messages: Object.values(bad).slice(1) });
    } finally {
      await producer.disconnect();
    }

    const letters: Record<string, DlqRecord> = {};
    for (const [name, m] of Object.entries(bad)) {
      letters[name] = (await probe.waitFor(dlqFor(m.headers.ce_id), 60000)).event.data as DlqRecord;
    }
    expect(letters.validation).toMatchObject({ service: 'ingestion', sourceTopic: Topics.feedbackRaw, reasonKind: 'validation' });
    expect(letters.validation.reason).toContain('review.rating');
    expect(Buffer.from(letters.validation.originalValue, 'base64').equals(badBytes)).toBe(true);
    expect(letters.tenantInBody.reason).toContain('tenantId');
    expect(letters.notJson.reasonKind).toBe('envelope');
    expect(letters.noKey.reason).toContain('unauthenticated');
    expect(letters.revoked.reason).toContain('revoked');
    expect(letters.otherIntegration.reason).toContain('another integration');
    expect(letters.wrongSource.reason).toContain('ce_source');
    expect(letters.wrongType.reason).toContain('ce_type');
    expect(letters.pollution.reason).toContain('__proto__');
    // The DLQ is kept and read by operators: it must not hold a usable key.
    expect(letters.revoked.originalHeaders['x-loops-api-key']).toBe('[REDACTED]');

    const published = await waitForTenant(probe, tenant, 2);
    expect(published.map((e) => e.externalId).sort()).toEqual(['k-1', 'k-2']);
    expect(published[0]).toMatchObject({ tenantId: tenant, integrationId: integration, channel: 'review', scores: { rating: 2 }, details: { site: 'trustpilot' } });
    expect(published[0].text).toBe('Late again, write to me at [EMAIL]');
    expect(published[0].redactions).toEqual(['email']);
    await withStore(async (db) => {
      const rows = await db.query('SELECT external_id FROM feedback WHERE tenant_id = $1 ORDER BY external_id', [tenant]);
      expect(rows.rows).toEqual([{ external_id: 'k-1' }, { external_id: 'k-2' }]);
    });
  });
});

async function waitForTenant(probe: TopicProbe, tenant: string, count: number): Promise<FeedbackReceived[]> {
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline && receivedFor(probe, tenant).length < count) await new Promise((r) => setTimeout(r, 200));
  // The DLQ records are produced only after the batch's publishes were acknowledged, so by now a
  // wrongful second publish of k-1 would already be on the topic.
  return receivedFor(probe, tenant);
}
