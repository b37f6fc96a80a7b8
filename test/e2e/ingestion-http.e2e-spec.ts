import { randomUUID } from 'node:crypto';
import { Topics } from '@loops/contracts';
import { createApiKey, revokeApiKey } from '../support/api-keys';
import { postFeedback, receivedFor, waitForReceived } from '../support/ingestion-client';
import { TopicProbe } from '../support/kafka-probe';
import { pseudonymOf } from '../support/pseudonym';
import { RunningService, startService, stopService } from '../support/service-process';
import { withStore } from '../support/store';

// Ingestion through HTTP against the running service, real Kafka and PostgreSQL: every channel
// normalised, every kind of invalid input rejected with its field, duplicates published once, tenants
// from keys only, auth / rate / size / content-type responses, and PII redacted.
const PORT = 24001;
const LIMITED_PORT = 24002;
const ENV = {
  RATE_LIMIT_PER_SECOND: '100000',
  BODY_LIMIT: '256kb',
  REDACTION_PATTERNS: JSON.stringify([{ name: 'order', pattern: 'ORD-\\d{6}' }]),
};

type Accepted = { status: string; eventId: string };
type Rejected = { error: string; errors: { field: string; messages: string[] }[] };

const at = '2026-11-20T08:30:00Z';

describe('ingestion HTTP API', () => {
  const tenant = `t-${randomUUID().slice(0, 8)}`;
  let service: RunningService;
  let probe: TopicProbe;
  let key: string;
  let url: string;

  beforeAll(async () => {
    service = await startService('ingestion', PORT, ENV);
    url = service.url;
    key = createApiKey(tenant, 'cx-suite').apiKey;
    probe = await new TopicProbe([Topics.feedbackReceived]).start();
  });

  afterAll(async () => {
    await probe?.stop();
    if (service) await stopService(service);
  });

  // `null` sends no key at all.
  const post = <T = Accepted>(body: unknown, path = '/v1/feedback', apiKey: string | null = key, headers?: Record<string, string>) =>
    postFeedback<T>(url, path, apiKey ?? undefined, body, headers);

  describe('channels', () => {
    const customer = { id: 'c-1', segment: 'smb', tier: 'premium', annualValue: 12000, locale: 'en-GB' };
    const common = { occurredAt: at, customer, touchpoint: { journey: 'delivery', step: 'last-mile' }, product: 'app', location: 'Jakarta', attributes: { cohort: 'a' } };
    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      [
        'survey',
        { survey: { surveyId: 'nps-q4', questionId: 'q1', comment: 'Slow delivery', nps: 3, csat: 2, ces: 4 } },
        { text: 'Slow delivery', scores: { nps: 3, csat: 2, ces: 4 }, details: { surveyId: 'nps-q4', questionId: 'q1' } },
      ],
      [
        'review',
        { review: { rating: 1, title: 'Awful', text: 'Crashes on start', site: 'app-store' } },
        { title: 'Awful', text: 'Crashes on start', scores: { rating: 1 }, details: { site: 'app-store' } },
      ],
      [
        'support_ticket',
        { supportTicket: { subject: 'Double charge', body: 'Charged twice', status: 'open', priority: 'urgent', agent: 'ana' } },
        { title: 'Double charge', text: 'Charged twice', scores: {}, details: { status: 'open', priority: 'urgent', agent: 'ana' } },
      ],
      [
        'chat',
        { chat: { turns: [{ speaker: 'bot', text: 'How can I help?' }, { speaker: 'customer', text: 'Payment fails', at }, { speaker: 'agent', text: 'Checking' }, { speaker: 'customer', text: 'Still broken' }] } },
        { text: 'Payment fails\nStill broken', details: { turns: 4, customerTurns: 2 } },
      ],
      [
        'social',
        { social: { post: 'Staff were lovely', handle: '@happy', network: 'instagram' } },
        { text: 'Staff were lovely', details: { handle: '@happy', network: 'instagram' } },
      ],
      ['employee', { employee: { enps: 4, comment: 'Scheduling is a mess' } }, { text: 'Scheduling is a mess', scores: { enps: 4 } }],
    ];

    it.each(cases)('accepts a %s item and publishes it normalised', async (channel, payload, expected) => {
      const externalId = `ch-${channel}`;
      const res = await post({ externalId, channel, ...common, ...payload });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ status: 'accepted', eventId: expect.any(String) });
      const event = await waitForReceived(probe, res.body.eventId);
      expect(event).toMatchObject({
        tenantId: tenant,
        integrationId: 'cx-suite',
        externalId,
        channel,
        occurredAt: '2026-11-20T08:30:00.000Z',
        // The customer id leaves ingestion only as its pseudonym.
        customer: { ...customer, id: pseudonymOf(tenant, customer.id) },
        touchpoint: { journey: 'delivery', step: 'last-mile' },
        product: 'app',
        location: 'Jakarta',
        attributes: { cohort: 'a' },
        languageHint: 'en-GB',
        redactions: [],
        ...expected,
      });
      await withStore(async (db) => {
        const rows = await db.query('SELECT channel, text, published_at IS NOT NULL AS published FROM feedback WHERE event_id = $1', [res.body.eventId]);
        expect(rows.rows).toEqual([{ channel, text: expected.text, published: true }]);
      });
    });
  });

  describe('invalid input', () => {
    const ok = { channel: 'survey', occurredAt: at };
    const invalid: [string, Record<string, unknown>, string][] = [
      ['NPS above 10', { ...ok, survey: { nps: 11 } }, 'survey.nps'],
      ['CSAT below 1', { ...ok, survey: { csat: 0 } }, 'survey.csat'],
      ['CES above 7', { ...ok, survey: { ces: 8 } }, 'survey.ces'],
      ['a fractional NPS', { ...ok, survey: { nps: 7.5 } }, 'survey.nps'],
      ['a review without rating', { ...ok, channel: 'review', review: { text: 'x' } }, 'review.rating'],
      ['a bad chat speaker', { ...ok, channel: 'chat', chat: { turns: [{ speaker: 'customer', text: 'a' }, { speaker: 'agent', text: 'b' }, { speaker: 'alien', text: 'c' }] } }, 'chat.turns.2.speaker'],
      ['an empty chat', { ...ok, channel: 'chat', chat: { turns: [] } }, 'chat.turns'],
      ['an unknown ticket priority', { ...ok, channel: 'support_ticket', supportTicket: { priority: 'asap' } }, 'supportTicket.priority'],
      ['a social item without post', { ...ok, channel: 'social', social: { handle: '@x' } }, 'social.post'],
      ['an eNPS below 0', { ...ok, channel: 'employee', employee: { enps: -1 } }, 'employee.enps'],
      ["another channel's payload", { ...ok, review: { rating: 3 } }, 'review'],
      ['an unknown channel', { ...ok, channel: 'fax' }, 'channel'],
      ['a bad timestamp', { ...ok, occurredAt: 'yesterday' }, 'occurredAt'],
      ['a negative annual value', { ...ok, customer: { annualValue: -5 } }, 'customer.annualValue'],
      ['an unknown tier', { ...ok, customer: { tier: 'gold' } }, 'customer.tier'],
      ['a touchpoint without journey', { ...ok, touchpoint: { step: 'x' } }, 'touchpoint.journey'],
      ['nested attributes', { ...ok, attributes: { a: { b: 1 } } }, 'attributes'],
      ['a tenant in the body', { ...ok, tenantId: 'someone-else' }, 'tenantId'],
      ['a prototype-pollution key', JSON.parse('{"channel":"survey","occurredAt":"2026-11-20T08:30:00Z","customer":{"__proto__":{"admin":true}}}'), 'customer.__proto__'],
      ['a text over 20,000 characters', { ...ok, text: 'x'.repeat(20001) }, 'text'],
    ];

    it.each(invalid)('rejects %s with the field named and publishes nothing', async (_what, body, field) => {
      const res = await post<Rejected>({ externalId: `bad-${randomUUID()}`, ...body });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('validation_failed');
      expect(res.body.errors.map((e) => e.field)).toEqual([field]);
      expect(res.body.errors[0].messages.length).toBeGreaterThan(0);
    });

    it('stored and published none of the rejected items', async () => {
      // A valid sentinel after the rejects: once it is on the topic, anything published before it is too.
      const sentinel = await post({ externalId: 'sentinel-invalid', channel: 'survey', occurredAt: at, survey: { nps: 9 } });
      await waitForReceived(probe, sentinel.body.eventId);
      expect(receivedFor(probe, tenant).filter((e) => e.externalId.startsWith('bad-'))).toEqual([]);
      await withStore(async (db) => {
        const rows = await db.query("SELECT count(*)::int AS n FROM feedback WHERE tenant_id = $1 AND external_id LIKE 'bad-%'", [tenant]);
        expect(rows.rows[0].n).toBe(0);
      });
    });

    it('answers a batch item by item: one bad item never sinks the others', async () => {
      const res = await post<{ accepted: number; duplicates: number; rejected: number; results: Record<string, unknown>[] }>(
        {
          items: [
            { externalId: 'batch-1', channel: 'survey', occurredAt: at, survey: { nps: 8 } },
            { externalId: 'batch-2', channel: 'survey', occurredAt: at, survey: { nps: 42 } },
            { externalId: 'batch-1', channel: 'survey', occurredAt: at, survey: { nps: 8 } },
            'not an object',
            { externalId: 'batch-3', channel: 'review', occurredAt: at, review: { rating: 5 } },
          ],
        },
        '/v1/feedback/batch',
      );
      expect(res.status).toBe(200);
      const [first, bad, dup, notObject, third] = res.body.results;
      expect(res.body).toMatchObject({ accepted: 2, duplicates: 1, rejected: 2 });
      expect(first).toEqual({ index: 0, status: 'accepted', eventId: expect.any(String) });
      expect(bad).toEqual({ index: 1, status: 'rejected', errors: [{ field: 'survey.nps', messages: ['nps must not be greater than 10'] }] });
      expect(dup).toEqual({ index: 2, status: 'duplicate', eventId: first.eventId });
      expect(notObject).toMatchObject({ index: 3, status: 'rejected', errors: [{ field: '' }] });
      expect(third).toMatchObject({ index: 4, status: 'accepted' });
      await waitForReceived(probe, third.eventId as string);
      await waitForReceived(probe, first.eventId as string);
      expect(receivedFor(probe, tenant).filter((e) => e.externalId === 'batch-2')).toEqual([]);
    });

    it('rejects batch envelopes that are not 1-1,000 items', async () => {
      for (const body of [{}, { items: [] }, { items: 'x' }, [], { items: new Array(1001).fill({}) }]) {
        const res = await post<Rejected>(body, '/v1/feedback/batch');
        expect(res.status).toBe(400);
        expect(res.body.errors[0].field).toBe('items');
      }
    });
  });

  describe('idempotency', () => {
    const item = (externalId: string) => ({ externalId, channel: 'survey', occurredAt: at, survey: { nps: 10 } });

    it('publishes sequential repeats once and answers them with the original id', async () => {
      const first = await post(item('seq-1'));
      const again = await post(item('seq-1'));
      expect(first.status).toBe(202);
      expect(again.body).toEqual({ status: 'duplicate', eventId: first.body.eventId });
      const sentinel = await post(item('seq-sentinel'));
      await waitForReceived(probe, sentinel.body.eventId);
      expect(receivedFor(probe, tenant).filter((e) => e.externalId === 'seq-1')).toHaveLength(1);
    });

    it('publishes concurrent repeats once', async () => {
      const results = await Promise.all(Array.from({ length: 25 }, () => post(item('conc-1'))));
      const batches = await Promise.all(
        Array.from({ length: 5 }, () => post<{ results: Accepted[] }>({ items: [item('conc-1'), item('conc-2')] }, '/v1/feedback/batch')),
      );
      const all = [...results.map((r) => r.body), ...batches.flatMap((b) => b.body.results)];
      const conc1 = all.filter((_, i) => i < 25 || (i - 25) % 2 === 0);
      expect(conc1.filter((r) => r.status === 'accepted')).toHaveLength(1);
      expect(new Set(conc1.map((r) => r.eventId)).size).toBe(1);
      const conc2 = all.filter((_, i) => i >= 25 && (i - 25) % 2 === 1);
      expect(conc2.filter((r) => r.status === 'accepted')).toHaveLength(1);
      expect(new Set(conc2.map((r) => r.eventId)).size).toBe(1);
      const sentinel = await post(item('conc-sentinel'));
      await waitForReceived(probe, sentinel.body.eventId);
      expect(receivedFor(probe, tenant).filter((e) => e.externalId === 'conc-1' || e.externalId === 'conc-2')).toHaveLength(2);
      await withStore(async (db) => {
        const rows = await db.query("SELECT count(*)::int AS n FROM feedback WHERE tenant_id = $1 AND external_id IN ('conc-1', 'conc-2')", [tenant]);
        expect(rows.rows[0].n).toBe(2);
      });
    });

    it('still recognises a repeat after a restart', async () => {
      const first = await post(item('restart-1'));
      await stopService(service);
      service = await startService('ingestion', PORT, ENV);
      const again = await post(item('restart-1'));
      expect(again.body).toEqual({ status: 'duplicate', eventId: first.body.eventId });
      const sentinel = await post(item('restart-sentinel'));
      await waitForReceived(probe, sentinel.body.eventId);
      expect(receivedFor(probe, tenant).filter((e) => e.externalId === 'restart-1')).toHaveLength(1);
    });
  });

  describe('tenancy', () => {
    it('takes the tenant from the key: the same external id under two tenants is two items', async () => {
      const other = `t-${randomUUID().slice(0, 8)}`;
      const otherKey = createApiKey(other, 'cx-suite').apiKey;
      const body = { externalId: 'shared-1', channel: 'survey', occurredAt: at, survey: { nps: 5 } };
      const mine = await post(body);
      const theirs = await post(body, '/v1/feedback', otherKey);
      expect(mine.body.status).toBe('accepted');
      expect(theirs.body.status).toBe('accepted');
      expect(theirs.body.eventId).not.toBe(mine.body.eventId);
      expect((await waitForReceived(probe, theirs.body.eventId)).tenantId).toBe(other);
      expect((await waitForReceived(probe, mine.body.eventId)).tenantId).toBe(tenant);
    });
  });

  describe('security', () => {
    const body = { externalId: 'sec-1', channel: 'survey', occurredAt: at, survey: { nps: 5 } };

    it('answers 401 without a key or with an unknown key', async () => {
      expect((await post(body, '/v1/feedback', null)).status).toBe(401);
      expect((await post(body, '/v1/feedback', 'lk_thisIsNotARealKeyAtAll0000')).status).toBe(401);
      expect((await post(body, '/v1/feedback/batch', null)).status).toBe(401);
    });

    it('answers 403 for a revoked key', async () => {
      const created = createApiKey(tenant, 'revoked-tool');
      revokeApiKey(created.keyId);
      const res = await post<{ error: string }>(body, '/v1/feedback', created.apiKey);
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('forbidden');
    });

    it('answers 413 for a body over the limit and 415 for other content types', async () => {
      const huge = await post<{ error: string }>({ ...body, text: 'x'.repeat(300 * 1024) });
      expect(huge.status).toBe(413);
      expect(huge.body.error).toBe('payload_too_large');
      const plain = await post<{ error: string }>(JSON.stringify(body), '/v1/feedback', key, { 'content-type': 'text/plain' });
      expect(plain.status).toBe(415);
      const form = await post(`externalId=x`, '/v1/feedback', key, { 'content-type': 'application/x-www-form-urlencoded' });
      expect(form.status).toBe(415);
      const sentinel = await post({ ...body, externalId: 'sec-sentinel' });
      await waitForReceived(probe, sentinel.body.eventId);
      expect(receivedFor(probe, tenant).filter((e) => e.externalId === 'sec-1')).toEqual([]);
    });

    it('answers 429 with Retry-After over the per-key rate', async () => {
      const limited = await startService('ingestion', LIMITED_PORT, { RATE_LIMIT_PER_SECOND: '1' });
      try {
        const statuses: number[] = [];
        let retryAfter: string | null = null;
        for (let i = 0; i < 5; i++) {
          const res = await postFeedback(limited.url, '/v1/feedback', key, { ...body, externalId: `rate-${i}` });
          statuses.push(res.status);
          if (res.status === 429) retryAfter = res.headers.get('retry-after');
        }
        expect(statuses.slice(0, 2)).toEqual([202, 202]);
        expect(statuses).toContain(429);
        expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      } finally {
        await stopService(limited);
      }
    });
  });

  describe('PII redaction', () => {
    const cases: [string, string, string, string[]][] = [
      ['e-mail addresses', 'Mail me at budi.santoso@example.co.id please', 'Mail me at [EMAIL] please', ['email']],
      ['phone numbers', 'Call +62 812-3456-7890 or 0812 3456 7890', 'Call [PHONE] or [PHONE]', ['phone']],
      ['Luhn-valid card numbers only', 'Card 4111 1111 1111 1111, invoice 1234 5678 9012 3456', 'Card [CARD], invoice 1234 5678 9012 3456', ['payment_card']],
      ['configured patterns', 'About order ORD-123456', 'About order [REDACTED:order]', ['custom']],
    ];

    it.each(cases)('replaces %s before anything leaves ingestion', async (_kind, text, redacted, kinds) => {
      const res = await post({ externalId: `pii-${randomUUID()}`, channel: 'support_ticket', occurredAt: at, supportTicket: { subject: text, body: text } });
      expect(res.status).toBe(202);
      const event = await waitForReceived(probe, res.body.eventId);
      expect(event.text).toBe(redacted);
      expect(event.title).toBe(redacted);
      expect(event.redactions).toEqual(kinds);
      await withStore(async (db) => {
        const rows = await db.query('SELECT text, event::text AS event FROM feedback WHERE event_id = $1', [res.body.eventId]);
        expect(rows.rows[0].text).toBe(redacted);
        expect(rows.rows[0].event).not.toContain(text);
      });
    });
  });

  describe('OpenAPI', () => {
    it('serves /docs from the same classes that validate', async () => {
      const doc = (await (await fetch(`${url}/docs/json`)).json()) as {
        paths: Record<string, unknown>;
        components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>>; required?: string[] }> };
      };
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/feedback', '/v1/feedback/batch']));
      const schemas = doc.components.schemas;
      expect(schemas.FeedbackSubmission.required).toEqual(expect.arrayContaining(['externalId', 'channel', 'occurredAt']));
      expect(schemas.FeedbackSubmission.properties.survey).toMatchObject({ $ref: '#/components/schemas/SurveyAnswer' });
      expect(schemas.SurveyAnswer.properties.nps).toMatchObject({ type: 'integer', minimum: 0, maximum: 10 });
      expect(schemas.ChatTurn.properties.speaker).toMatchObject({ enum: ['customer', 'agent', 'bot'] });
      expect(schemas.IngestionEnv).toBeUndefined();
      const res = await fetch(`${url}/docs`);
      expect(res.status).toBe(200);
    });
  });
});
