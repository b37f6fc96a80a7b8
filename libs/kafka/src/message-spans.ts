import { Attributes, Context, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { KafkaRecord, RawHeaders } from '@loops/contracts';
import { carrierOf, contextFromHeaders, TraceCarrier, tracingActive } from './trace-headers';

// Attribute names follow the OpenTelemetry messaging semantic conventions (messaging.*, cloudevents.*).
const tracer = () => trace.getTracer('@loops/kafka');

/** One consumed item's processing span, and the carrier that continues its trace downstream. */
export interface ItemTrace {
  span: Span;
  context: Context;
  carrier: TraceCarrier;
}

interface TopicBatch {
  topic: string;
  records: KafkaRecord[];
}

export interface SendSpans<B extends TopicBatch> {
  batches: B[];
  end(error?: unknown): void;
}

function fail(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/**
 * A `send <topic>` PRODUCER span for each record that names its item's trace (a `traceparent` header put
 * there by the service), as that trace's child; the record leaves with the send span's own traceparent,
 * so the consumer's processing span hangs under the send. Records without one are sent untraced: a
 * batch has no single trace, and the active context of a buffered flush belongs to whichever caller
 * started the timer.
 */
export function startSendSpans<B extends TopicBatch>(batches: B[]): SendSpans<B> {
  if (!tracingActive()) return { batches, end: () => undefined };
  const spans: Span[] = [];
  const traced = batches.map((batch) => ({
    ...batch,
    records: batch.records.map((record) => {
      if (!record.headers.traceparent) return record;
      const parent = contextFromHeaders(record.headers);
      if (!trace.getSpanContext(parent)) return record;
      const span = tracer().startSpan(
        `send ${batch.topic}`,
        {
          kind: SpanKind.PRODUCER,
          attributes: {
            'messaging.system': 'kafka',
            'messaging.operation.type': 'send',
            'messaging.operation.name': 'send',
            'messaging.destination.name': batch.topic,
            ...(record.headers.ce_id ? { 'messaging.message.id': record.headers.ce_id, 'cloudevents.event_id': record.headers.ce_id } : {}),
            ...(record.headers.ce_type ? { 'cloudevents.event_type': record.headers.ce_type } : {}),
          },
        },
        parent,
      );
      spans.push(span);
      return { ...record, headers: { ...record.headers, ...carrierOf(trace.setSpan(parent, span)) } };
    }),
  }));
  return {
    batches: traced,
    end: (error) => {
      for (const span of spans) {
        if (error !== undefined) fail(span, error);
        span.end();
      }
    },
  };
}

export interface ConsumedMessageRef {
  topic: string;
  partition: number;
  offset: string;
  groupId: string;
  headers: RawHeaders | undefined;
  eventId?: string;
  eventType?: string;
}

/**
 * The `process <topic>` CONSUMER span of one message, child of the trace its headers carry (a new trace
 * when they carry none). A batch holds many items of many traces: each gets its own span, so one item's
 * spans form one trace across services.
 */
export function startProcessSpan(ref: ConsumedMessageRef): ItemTrace {
  const parent = contextFromHeaders(ref.headers);
  const span = tracer().startSpan(
    `process ${ref.topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'process',
        'messaging.destination.name': ref.topic,
        'messaging.destination.partition.id': String(ref.partition),
        'messaging.kafka.offset': Number(ref.offset),
        'messaging.consumer.group.name': ref.groupId,
        ...(ref.eventId ? { 'messaging.message.id': ref.eventId, 'cloudevents.event_id': ref.eventId } : {}),
        ...(ref.eventType ? { 'cloudevents.event_type': ref.eventType } : {}),
      },
    },
    parent,
  );
  const ctx = trace.setSpan(parent, span);
  return { span, context: ctx, carrier: carrierOf(ctx) };
}

/** Ends an item's processing span; `error` names why it went to the DLQ or was left for redelivery. */
export function endProcessSpan(item: ItemTrace | undefined, end: { error?: string; attributes?: Attributes } = {}): void {
  if (!item) return;
  if (end.attributes) item.span.setAttributes(end.attributes);
  if (end.error !== undefined) item.span.setStatus({ code: SpanStatusCode.ERROR, message: end.error.slice(0, 500) });
  item.span.end();
}

/**
 * Records a step of one item done inside a batch (its case, its rollup): a span under the item's trace
 * spanning the batch's work, since the store writes are shared by the batch's items.
 */
export function recordItemStep(
  parent: TraceCarrier | null | undefined,
  name: string,
  timing: { startTime: Date; endTime: Date },
  attributes: Attributes = {},
): void {
  if (!parent?.traceparent || !tracingActive()) return;
  const ctx = contextFromHeaders(parent);
  if (!trace.getSpanContext(ctx)) return;
  tracer().startSpan(name, { kind: SpanKind.INTERNAL, startTime: timing.startTime, attributes }, ctx).end(timing.endTime);
}
