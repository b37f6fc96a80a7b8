import { Context, context, propagation, ROOT_CONTEXT, TextMapGetter, trace } from '@opentelemetry/api';
import type { KafkaRecord, RawHeaders } from '@loops/contracts';

/**
 * W3C trace context as it travels: the `traceparent` (and `tracestate`) headers of a Kafka record, a
 * jsonb column of an outbox row, or an HTTP request. Empty when tracing is off.
 */
export type TraceCarrier = Record<string, string>;

const TRACE_HEADERS = ['traceparent', 'tracestate'] as const;

/**
 * True once a service registered the SDK (`startTracing` in @loops/observability): only then is a
 * propagator set. Checked once per batch, so with tracing off no message pays for span work.
 */
export function tracingActive(): boolean {
  return propagation.fields().length > 0;
}

const rawHeaderGetter: TextMapGetter<RawHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first === undefined) return undefined;
    return Buffer.isBuffer(first) ? first.toString('utf8') : first;
  },
};

/** The trace context a message (or a stored carrier) belongs to; a missing or malformed traceparent gives none. */
export function contextFromHeaders(headers: RawHeaders | null | undefined, base: Context = ROOT_CONTEXT): Context {
  if (!headers) return base;
  return propagation.extract(base, headers, rawHeaderGetter);
}

/** The headers that continue `ctx`'s trace in another process. */
export function carrierOf(ctx: Context): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** The carrier of the active span (an HTTP request, one item's processing), or undefined when there is none. */
export function activeTraceCarrier(): TraceCarrier | undefined {
  if (!tracingActive() || !trace.getActiveSpan()) return undefined;
  const carrier = carrierOf(context.active());
  return carrier.traceparent ? carrier : undefined;
}

/**
 * The record with the item's trace headers added: the producer then publishes it as a child span of that
 * trace. Only the W3C headers are copied, whatever else a stored carrier may hold.
 */
export function withTraceHeaders(record: KafkaRecord, carrier: TraceCarrier | null | undefined): KafkaRecord {
  if (!carrier?.traceparent) return record;
  const headers = { ...record.headers };
  for (const name of TRACE_HEADERS) if (typeof carrier[name] === 'string') headers[name] = carrier[name];
  return { ...record, headers };
}
