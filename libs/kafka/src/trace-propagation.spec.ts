import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { KafkaRecord } from '@loops/contracts';
import { endProcessSpan, recordItemStep, startProcessSpan, startSendSpans } from './message-spans';
import { activeTraceCarrier, carrierOf, contextFromHeaders, tracingActive, withTraceHeaders } from './trace-headers';

const TRACE_A = '0af7651916cd43dd8448eb211c80319c';
const TRACE_B = '4bf92f3577b34da6a3ce929d0e0e4736';
const parentHeader = (traceId: string, spanId = 'b7ad6b7169203331') => `00-${traceId}-${spanId}-01`;
const record = (id: string, headers: Record<string, string> = {}): KafkaRecord => ({
  key: id,
  value: '{}',
  headers: { ce_id: id, ce_type: 'loops.test.v1', ...headers },
});

describe('trace propagation through Kafka headers', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

  beforeAll(() => provider.register());
  afterEach(() => exporter.reset());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it('reads the trace of a message from its headers, as kafkajs hands them (Buffers, arrays)', () => {
    const fromBuffer = trace.getSpanContext(contextFromHeaders({ traceparent: Buffer.from(parentHeader(TRACE_A)) }));
    expect(fromBuffer).toMatchObject({ traceId: TRACE_A, spanId: 'b7ad6b7169203331', isRemote: true });
    const fromArray = trace.getSpanContext(contextFromHeaders({ traceparent: [parentHeader(TRACE_B)] }));
    expect(fromArray?.traceId).toBe(TRACE_B);
  });

  it('ignores a missing or malformed traceparent (a new trace starts instead)', () => {
    expect(trace.getSpanContext(contextFromHeaders({}))).toBeUndefined();
    expect(trace.getSpanContext(contextFromHeaders({ traceparent: 'not-a-traceparent' }))).toBeUndefined();
    expect(trace.getSpanContext(contextFromHeaders({ traceparent: `00-${'0'.repeat(32)}-b7ad6b7169203331-01` }))).toBeUndefined();
    expect(trace.getSpanContext(contextFromHeaders(undefined))).toBeUndefined();
  });

  it('writes a carrier that the other side reads back as the same span', () => {
    const span = trace.getTracer('test').startSpan('item');
    const carrier = carrierOf(trace.setSpan(context.active(), span));
    expect(carrier.traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    expect(trace.getSpanContext(contextFromHeaders(carrier))).toMatchObject({ traceId: span.spanContext().traceId, spanId: span.spanContext().spanId });
    span.end();
  });

  it('adds only the W3C headers of a carrier to a record, and leaves records without one alone', () => {
    const traced = withTraceHeaders(record('1'), { traceparent: parentHeader(TRACE_A), tracestate: 'vendor=x', other: 'ignored' });
    expect(traced.headers).toEqual({ ce_id: '1', ce_type: 'loops.test.v1', traceparent: parentHeader(TRACE_A), tracestate: 'vendor=x' });
    const plain = record('2');
    expect(withTraceHeaders(plain, undefined)).toBe(plain);
    expect(withTraceHeaders(plain, {})).toBe(plain);
  });

  it('gives the active span as the carrier an outbox row stores, and none outside a span', () => {
    expect(activeTraceCarrier()).toBeUndefined();
    const span = trace.getTracer('test').startSpan('POST /v1/feedback');
    const carrier = context.with(trace.setSpan(context.active(), span), () => activeTraceCarrier());
    expect(carrier?.traceparent).toContain(span.spanContext().spanId);
    span.end();
  });

  it('sends each record that names its trace as a PRODUCER child span and hands the send span on', () => {
    const sent = startSendSpans([
      { topic: 'alerts.ops.v1', records: [record('a', { traceparent: parentHeader(TRACE_A) }), record('plain')] },
      { topic: 'cases.v1', records: [record('c', { traceparent: parentHeader(TRACE_B, '00f067aa0ba902b7') })] },
    ]);
    sent.end();
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name).sort()).toEqual(['send alerts.ops.v1', 'send cases.v1']);
    const alertSpan = spans.find((s) => s.name === 'send alerts.ops.v1')!;
    expect(alertSpan.kind).toBe(SpanKind.PRODUCER);
    expect(alertSpan.spanContext().traceId).toBe(TRACE_A);
    expect(alertSpan.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(alertSpan.attributes).toMatchObject({ 'messaging.system': 'kafka', 'messaging.destination.name': 'alerts.ops.v1', 'messaging.message.id': 'a' });
    // The record leaves with the send span as its parent, so the consumer hangs under the send.
    expect(sent.batches[0].records[0].headers.traceparent).toBe(`00-${TRACE_A}-${alertSpan.spanContext().spanId}-01`);
    expect(sent.batches[0].records[1].headers.traceparent).toBeUndefined();
    expect(sent.batches[1].records[0].headers.traceparent).toContain(TRACE_B);
  });

  it('marks every send span failed when the send fails', () => {
    startSendSpans([{ topic: 't', records: [record('a', { traceparent: parentHeader(TRACE_A) })] }]).end(new Error('broker gone'));
    const [span] = exporter.getFinishedSpans();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'broker gone' });
  });

  it('processes each item of a batch in its own trace, as a CONSUMER child of the send', () => {
    const sent = startSendSpans([
      { topic: 'feedback.analyzed.v1', records: [record('a', { traceparent: parentHeader(TRACE_A) }), record('b', { traceparent: parentHeader(TRACE_B) })] },
    ]);
    sent.end();
    const items = sent.batches[0].records.map((r, i) =>
      startProcessSpan({ topic: 'feedback.analyzed.v1', partition: 2, offset: String(40 + i), groupId: 'loops-routing', headers: r.headers, eventId: r.headers.ce_id }),
    );
    recordItemStep(items[0].carrier, 'case opened', { startTime: new Date(Date.now() - 5), endTime: new Date() }, { 'loops.case.id': 'c1' });
    items.forEach((item) => endProcessSpan(item));
    const spans = exporter.getFinishedSpans();
    const byName = (name: string, traceId: string) => spans.find((s) => s.name === name && s.spanContext().traceId === traceId)!;
    for (const traceId of [TRACE_A, TRACE_B]) {
      const send = byName('send feedback.analyzed.v1', traceId);
      const processed = byName('process feedback.analyzed.v1', traceId);
      expect(processed.kind).toBe(SpanKind.CONSUMER);
      expect(processed.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
      expect(processed.attributes).toMatchObject({ 'messaging.consumer.group.name': 'loops-routing', 'messaging.destination.partition.id': '2' });
    }
    const step = byName('case opened', TRACE_A);
    expect(step.parentSpanContext?.spanId).toBe(byName('process feedback.analyzed.v1', TRACE_A).spanContext().spanId);
    expect(step.attributes['loops.case.id']).toBe('c1');
  });

  it('marks a dead-lettered item with its reason', () => {
    const item = startProcessSpan({ topic: 't', partition: 0, offset: '7', groupId: 'g', headers: { traceparent: parentHeader(TRACE_A) } });
    endProcessSpan(item, { error: 'validation: score must be an integer', attributes: { 'loops.dead_lettered': true } });
    const [span] = exporter.getFinishedSpans();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['loops.dead_lettered']).toBe(true);
    expect(span.spanContext().traceId).toBe(TRACE_A);
  });
});

describe('with tracing off (no SDK registered)', () => {
  it('does no span work: records are sent as they are and no carrier is produced', () => {
    expect(tracingActive()).toBe(false);
    const batches = [{ topic: 't', records: [record('a', { traceparent: parentHeader(TRACE_A) })] }];
    const sent = startSendSpans(batches);
    expect(sent.batches).toBe(batches);
    expect(activeTraceCarrier()).toBeUndefined();
    recordItemStep({ traceparent: parentHeader(TRACE_A) }, 'rollup add', { startTime: new Date(), endTime: new Date() });
  });
});
