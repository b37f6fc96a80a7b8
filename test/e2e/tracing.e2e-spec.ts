import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEEDBACK_SUBMISSION_TYPE, Topics } from '@loops/contracts';
import { createApiKey } from '../support/api-keys';
import { testKafka } from '../support/kafka-probe';
import { OtlpReceiver, ReceivedSpan } from '../support/otlp-receiver';
import { REPO_ROOT, SERVICES } from '../support/service-process';
import { startStack, Stack, stopStack } from '../support/stack';
import { eventually, withStore } from '../support/store';

const BASE_PORT = 27300; // the OTLP receiver; the four services on 27301-27304
const SPAN_KIND = { internal: 1, server: 2, producer: 4, consumer: 5 };

// One feedback item posted over HTTP is one trace: the request, every Kafka hop, the case, the alert and
// the rollup, exported by four separate processes over OTLP to an in-test receiver.
describe('one trace per item across the four services', () => {
  const tenant = `t-${randomUUID().slice(0, 8)}`;
  const receiver = new OtlpReceiver(BASE_PORT);
  let stack: Stack;
  let apiKey: string;
  let kafkaKey: string | undefined;
  const createKafkaKey = () => (kafkaKey ??= createApiKey(tenant, 'kafka-tool').apiKey);

  beforeAll(async () => {
    await receiver.start();
    const otel = {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '200',
    };
    stack = await startStack(BASE_PORT, Object.fromEntries(SERVICES.map((s) => [s, otel])));
    apiKey = createApiKey(tenant, 'survey-tool').apiKey;
  });

  afterAll(async () => {
    await stopStack(stack);
    await receiver.stop();
  });

  it('continues the caller\'s traceparent from the HTTP request to the alert, the case and the rollup', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const res = await fetch(`${stack.ingestion.url}/v1/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}`, traceparent: `00-${traceId}-${callerSpanId}-01` },
      body: JSON.stringify({
        externalId: 'trace-1',
        channel: 'survey',
        occurredAt: '2026-11-20T08:30:00Z',
        text: 'Delivery was late again and nobody answered the phone.',
        scores: { nps: 1 },
        customer: { id: 'cust-trace', segment: 'smb' },
        touchpoint: { journey: 'delivery', step: 'last-mile' },
      }),
    });
    expect(res.status).toBe(202);
    const { eventId } = (await res.json()) as { eventId: string };

    const expected = [
      ['loops-ingestion', 'POST /v1/feedback'],
      ['loops-ingestion', 'send feedback.received.v1'],
      ['loops-sentiment', 'process feedback.received.v1'],
      ['loops-sentiment', 'send feedback.analyzed.v2'],
      ['loops-routing', 'process feedback.analyzed.v2'],
      ['loops-routing', 'case opened'],
      ['loops-routing', 'send alerts.cx-detractors.v1'],
      ['loops-routing', 'send cases.v1'],
      ['loops-root-cause', 'process feedback.analyzed.v2'],
      ['loops-root-cause', 'rollup add'],
      ['loops-root-cause', 'process cases.v1'],
    ];
    const find = (spans: ReceivedSpan[], service: string, name: string) => spans.find((s) => s.service === service && s.name === name);
    const spans = await eventually(
      'every span of the item exported',
      async () => {
        const mine = receiver.trace(traceId);
        return expected.every(([service, name]) => find(mine, service, name)) ? mine : undefined;
      },
      90000,
    );
    const span = (service: string, name: string) => find(spans, service, name)!;
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['loops-ingestion', 'loops-sentiment', 'loops-routing', 'loops-root-cause']));

    // Each span hangs under the one before it: parent links, not just a shared trace id.
    const parentOf = (child: ReceivedSpan) => child.parentSpanId;
    const request = span('loops-ingestion', 'POST /v1/feedback');
    expect(request).toMatchObject({ kind: SPAN_KIND.server, parentSpanId: callerSpanId, attributes: { 'http.route': '/v1/feedback', 'http.response.status_code': 202 } });
    const received = span('loops-ingestion', 'send feedback.received.v1');
    expect(received.kind).toBe(SPAN_KIND.producer);
    expect(parentOf(received)).toBe(request.spanId);
    expect(received.attributes['messaging.message.id']).toBe(eventId);
    const analysis = span('loops-sentiment', 'process feedback.received.v1');
    expect(analysis).toMatchObject({ kind: SPAN_KIND.consumer, parentSpanId: received.spanId });
    expect(parentOf(span('loops-sentiment', 'send feedback.analyzed.v2'))).toBe(analysis.spanId);
    const analyzed = span('loops-sentiment', 'send feedback.analyzed.v2');

    const routing = span('loops-routing', 'process feedback.analyzed.v2');
    expect(routing).toMatchObject({ kind: SPAN_KIND.consumer, parentSpanId: analyzed.spanId, attributes: { 'messaging.consumer.group.name': expect.any(String) } });
    const caseOpened = span('loops-routing', 'case opened');
    expect(caseOpened).toMatchObject({ kind: SPAN_KIND.internal, parentSpanId: routing.spanId });
    const alertSend = span('loops-routing', 'send alerts.cx-detractors.v1');
    expect(alertSend).toMatchObject({ kind: SPAN_KIND.producer, parentSpanId: routing.spanId });
    const caseSend = span('loops-routing', 'send cases.v1');
    expect(caseSend.parentSpanId).toBe(routing.spanId);

    const rollupProcess = span('loops-root-cause', 'process feedback.analyzed.v2');
    expect(rollupProcess).toMatchObject({ kind: SPAN_KIND.consumer, parentSpanId: analyzed.spanId });
    expect(span('loops-root-cause', 'rollup add')).toMatchObject({
      parentSpanId: rollupProcess.spanId,
      attributes: { 'loops.rollup.counted': true, 'loops.feedback.event_id': eventId },
    });
    expect(parentOf(span('loops-root-cause', 'process cases.v1'))).toBe(caseSend.spanId);

    // What is in the store and on the topic belongs to the same trace: the outbox rows keep it for the relay.
    await withStore(async (db) => {
      const feedback = await db.query('SELECT trace_context FROM feedback WHERE event_id = $1', [eventId]);
      expect(feedback.rows[0].trace_context.traceparent).toBe(`00-${traceId}-${request.spanId}-01`);
      const alerts = await db.query('SELECT case_id, trace_context FROM alerts WHERE feedback_event_id = $1', [eventId]);
      expect(alerts.rows).toHaveLength(1);
      expect(alerts.rows[0].trace_context.traceparent).toBe(`00-${traceId}-${routing.spanId}-01`);
      expect(caseOpened.attributes['loops.case.id']).toBe(alerts.rows[0].case_id);
    });
  });

  it('writes the trace id on the log lines of the item\'s request', async () => {
    const traceId = randomBytes(16).toString('hex');
    const res = await fetch(`${stack.ingestion.url}/v1/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}`, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
      body: JSON.stringify({ externalId: 'trace-2', channel: 'survey', occurredAt: '2026-11-20T09:00:00Z', text: 'Fine.', scores: { nps: 8 } }),
    });
    expect(res.status).toBe(202);
    const logFile = join(REPO_ROOT, 'test', 'output', 'logs', `ingestion-${stack.ingestion.port}.log`);
    const line = await eventually('the request log line', async () =>
      readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.trace_id === traceId),
    );
    expect(line).toMatchObject({ service: 'ingestion', trace_id: traceId, span_id: expect.stringMatching(/^[0-9a-f]{16}$/), msg: 'request completed' });
  });

  it('keeps each Kafka-intake item of one batch in its own trace, and marks the one sent to the DLQ', async () => {
    const caller = () => ({ traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex') });
    const [a, b, bad] = [caller(), caller(), caller()];
    const message = (who: { traceId: string; spanId: string }, body: object) => ({
      key: 'k',
      value: JSON.stringify(body),
      headers: {
        ce_specversion: '1.0',
        ce_id: randomUUID(),
        ce_source: 'loops:integration:kafka-tool',
        ce_type: FEEDBACK_SUBMISSION_TYPE,
        ce_time: new Date().toISOString(),
        'content-type': 'application/json',
        'x-loops-api-key': createKafkaKey(),
        traceparent: `00-${who.traceId}-${who.spanId}-01`,
      },
    });
    const item = (externalId: string, rating: number) => ({
      externalId,
      channel: 'review',
      occurredAt: '2026-11-20T08:30:00Z',
      review: { rating, text: 'The parcel came late.', site: 'trustpilot' },
    });
    const producer = testKafka().producer();
    await producer.connect();
    try {
      // One send, one partition key: the three arrive in one batch.
      await producer.send({ topic: Topics.feedbackRaw, messages: [message(a, item('raw-a', 2)), message(bad, item('raw-bad', 9)), message(b, item('raw-b', 4))] });
    } finally {
      await producer.disconnect();
    }
    const chain = (traceId: string) => {
      const mine = receiver.trace(traceId);
      const intake = mine.find((s) => s.service === 'loops-ingestion' && s.name === 'process feedback.raw.v1');
      const sent = mine.find((s) => s.service === 'loops-ingestion' && s.name === 'send feedback.received.v1');
      const analysed = mine.find((s) => s.service === 'loops-sentiment' && s.name === 'process feedback.received.v1');
      return intake && sent && analysed ? { intake, sent, analysed } : undefined;
    };
    for (const who of [a, b]) {
      const { intake, sent, analysed } = await eventually(`the spans of trace ${who.traceId}`, async () => chain(who.traceId), 60000);
      expect(intake).toMatchObject({ kind: SPAN_KIND.consumer, parentSpanId: who.spanId });
      expect(intake.status?.code ?? 0).not.toBe(2);
      expect(sent.parentSpanId).toBe(intake.spanId);
      expect(analysed.parentSpanId).toBe(sent.spanId);
    }
    const rejected = await eventually('the dead-lettered item\'s span', async () =>
      receiver.trace(bad.traceId).find((s) => s.name === 'process feedback.raw.v1'),
    );
    expect(rejected).toMatchObject({ parentSpanId: bad.spanId, status: { code: 2 }, attributes: { 'loops.dead_lettered': true, 'loops.dlq.reason_kind': 'validation' } });
    expect(receiver.trace(bad.traceId).map((s) => s.name)).toEqual(['process feedback.raw.v1']);
  });

  it('continues the stored trace when the outbox relay publishes a row whose publish never happened', async () => {
    // A row as a crash between commit and publish leaves it: stored with its item's trace, unpublished.
    const res = await fetch(`${stack.ingestion.url}/v1/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ externalId: 'trace-relay-source', channel: 'survey', occurredAt: '2026-11-20T10:00:00Z', text: 'Slow refund.', scores: { nps: 5 } }),
    });
    expect(res.status).toBe(202);
    const { eventId: sourceId } = (await res.json()) as { eventId: string };
    const eventId = randomUUID();
    const traceId = randomBytes(16).toString('hex');
    const storedSpanId = randomBytes(8).toString('hex');
    await withStore(async (db) => {
      await db.query(
        `INSERT INTO feedback (event_id, tenant_id, integration_id, external_id, channel, customer_id, occurred_at, received_at, text, event, trace_context)
         SELECT $1::uuid, tenant_id, integration_id, 'trace-relay', channel, customer_id, occurred_at, now() - interval '1 minute', text,
                jsonb_set(jsonb_set(event, '{eventId}', to_jsonb($1::text)), '{externalId}', '"trace-relay"'), $2::jsonb
           FROM feedback WHERE event_id = $3`,
        [eventId, JSON.stringify({ traceparent: `00-${traceId}-${storedSpanId}-01` }), sourceId],
      );
    });
    const { sent, analysed } = await eventually(
      'the relayed item\'s spans',
      async () => {
        const mine = receiver.trace(traceId);
        const sent = mine.find((s) => s.service === 'loops-ingestion' && s.name === 'send feedback.received.v1');
        const analysed = mine.find((s) => s.service === 'loops-sentiment' && s.name === 'process feedback.received.v1');
        return sent && analysed ? { sent, analysed } : undefined;
      },
      60000,
    );
    expect(sent).toMatchObject({ kind: SPAN_KIND.producer, parentSpanId: storedSpanId, attributes: { 'messaging.message.id': eventId } });
    expect(analysed.parentSpanId).toBe(sent.spanId);
    await withStore(async (db) => {
      const row = await db.query('SELECT published_at IS NOT NULL AS published FROM feedback WHERE event_id = $1', [eventId]);
      expect(row.rows).toEqual([{ published: true }]);
    });
  });
});
