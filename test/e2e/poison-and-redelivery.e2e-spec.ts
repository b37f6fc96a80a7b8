import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Producer } from 'kafkajs';
import {
  DlqRecord,
  FEEDBACK_RECEIVED_TYPE,
  FeedbackAnalyzedV2,
  FeedbackReceived,
  newCloudEvent,
  toKafkaRecord,
  Topics,
} from '@loops/contracts';
import { testKafka, TopicProbe } from '../support/kafka-probe';
import { REPO_ROOT, RunningService, startService, stopService } from '../support/service-process';
import { eventually, withStore } from '../support/store';

function received(tenantId: string, text: string, eventId = randomUUID()): FeedbackReceived {
  return {
    eventId,
    tenantId,
    integrationId: 'kafka-test',
    externalId: `ext-${eventId.slice(0, 8)}`,
    channel: 'review',
    occurredAt: '2026-11-21T10:00:00.000Z',
    receivedAt: '2026-11-21T10:00:01.000Z',
    text,
    scores: { rating: 1 },
    customer: { id: 'c-1' },
    redactions: [],
  };
}

function asRecord(event: FeedbackReceived) {
  const r = toKafkaRecord(newCloudEvent({ type: FEEDBACK_RECEIVED_TYPE, source: 'test', id: event.eventId, data: event }), `${event.tenantId}:c-1`);
  return { key: r.key, value: r.value, headers: r.headers };
}

// The consumer promises: a poison message goes to the DLQ with its reason and never stops the
// partition; a redelivered message is stored once.
describe('poison messages and redelivery (sentiment consumer)', () => {
  const tenant = `p-${randomUUID().slice(0, 8)}`;
  let sentiment: RunningService;
  let producer: Producer;
  let probe: TopicProbe;

  beforeAll(async () => {
    sentiment = await startService('sentiment', 21102, { KAFKA_MAX_ATTEMPTS: '2' });
    producer = testKafka().producer();
    await producer.connect();
    probe = await new TopicProbe([Topics.feedbackDlq, Topics.feedbackAnalyzedV2]).start();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await probe?.stop();
    if (sentiment) await stopService(sentiment, 'SIGKILL');
  });

  it('dead-letters malformed and invalid messages with their reasons and keeps consuming', async () => {
    const before = received(tenant, 'Barangnya bagus sekali, saya suka');
    const after = received(tenant, 'Terrible service, never again');
    const invalid = { ...received(tenant, 'nps out of range'), scores: { nps: 42 } };
    await producer.send({
      topic: Topics.feedbackReceived,
      messages: [
        asRecord(before),
        { key: `${tenant}:c-1`, value: '{not json', headers: { ce_specversion: '1.0', ce_id: 'bad-1', ce_source: 'test', ce_type: FEEDBACK_RECEIVED_TYPE } },
        asRecord(invalid as FeedbackReceived),
        asRecord(after),
      ],
    });

    const dlqFor = (predicate: (d: DlqRecord) => boolean) =>
      probe.waitFor((m) => m.topic === Topics.feedbackDlq && predicate(m.event.data as DlqRecord), 60000);
    const malformed = (await dlqFor((d) => Buffer.from(d.originalValue, 'base64').toString() === '{not json')).event.data as DlqRecord;
    expect(malformed).toMatchObject({ service: 'sentiment', sourceTopic: Topics.feedbackReceived, reasonKind: 'envelope' });
    expect(malformed.reason).toMatch(/not JSON/);
    expect(malformed.originalHeaders).toMatchObject({ ce_id: 'bad-1' });

    const rejected = (await dlqFor((d) => d.originalHeaders.ce_id === invalid.eventId)).event.data as DlqRecord;
    expect(rejected.reasonKind).toBe('validation');
    expect(rejected.reason).toMatch(/scores\.nps: nps must not be greater than 10/);
    expect(JSON.parse(Buffer.from(rejected.originalValue, 'base64').toString())).toEqual(invalid);

    // The good messages on both sides of the poison were processed: the partition was not blocked.
    for (const good of [before, after]) {
      await probe.waitFor((m) => m.topic === Topics.feedbackAnalyzedV2 && (m.event.data as FeedbackAnalyzedV2).feedback.eventId === good.eventId, 60000);
    }
    await withStore(async (db) => {
      const rows = await db.query('SELECT feedback_event_id FROM analyses WHERE tenant_id = $1 ORDER BY feedback_event_id', [tenant]);
      expect(rows.rows.map((r) => r.feedback_event_id).sort()).toEqual([before.eventId, after.eventId].sort());
    });
  });

  it('writes one row when the same message is delivered twice', async () => {
    const twice = received(tenant, 'Kamar bersih dan stafnya ramah');
    await producer.send({ topic: Topics.feedbackReceived, messages: [asRecord(twice)] });
    await producer.send({ topic: Topics.feedbackReceived, messages: [asRecord(twice)] });
    await eventually('both deliveries processed', async () =>
      probe.messages.filter((m) => m.topic === Topics.feedbackAnalyzedV2 && (m.event.data as FeedbackAnalyzedV2).feedback?.eventId === twice.eventId).length === 2,
    60000);
    await withStore(async (db) => {
      const rows = await db.query('SELECT count(*)::int AS n FROM analyses WHERE feedback_event_id = $1', [twice.eventId]);
      expect(rows.rows[0].n).toBe(1);
    });
  });

  it('shuts down gracefully on SIGTERM: the consumer leaves its group and the process exits 0', async () => {
    expect(await stopService(sentiment, 'SIGTERM')).toBe(0);
    const log = readFileSync(join(REPO_ROOT, 'test', 'output', 'logs', 'sentiment-21102.log'), 'utf8');
    expect(log).toContain('"msg":"consumer stopped"');
  });
});
