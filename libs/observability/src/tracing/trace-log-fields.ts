import { isSpanContextValid, trace } from '@opentelemetry/api';

export interface TraceLogFields {
  trace_id?: string;
  span_id?: string;
}

/**
 * The pino mixin: every log line written while a span is active carries its trace and span ids, so a log
 * search by trace id finds what each service said about one item. With tracing off there is never an
 * active span and this returns an empty object.
 */
export function traceLogFields(): TraceLogFields {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const ctx = span.spanContext();
  return isSpanContextValid(ctx) ? { trace_id: ctx.traceId, span_id: ctx.spanId } : {};
}
