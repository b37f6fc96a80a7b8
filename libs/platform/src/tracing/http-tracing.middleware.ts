import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import type { TraceLogFields } from '@loops/observability';
import { RouteTemplates } from '../metrics/http-metrics.middleware';

const TRACE_FIELDS = Symbol('loops.traceLogFields');
type TracedRequest = Request & { [TRACE_FIELDS]?: TraceLogFields };

/** Probes and scrapes every few seconds would bury the traces of real requests. */
const UNTRACED = /^\/(health|metrics)(\/|$)/;

/** The trace ids of the request's span, for the request logger's bindings (pino-http `customProps`). */
export function requestTraceFields(req: Request): TraceLogFields {
  return (req as TracedRequest)[TRACE_FIELDS] ?? {};
}

/**
 * One SERVER span per HTTP request, continuing the caller's W3C `traceparent` when it sends one, named by
 * the route template (`POST /v1/feedback`), never the raw URL. The rest of the request runs inside it, so
 * the outbox rows and Kafka records the request writes carry its trace. Mounted only when tracing is on.
 */
export function httpTracingMiddleware(routes: RouteTemplates) {
  const tracer = trace.getTracer('@loops/platform');
  return (req: Request, res: Response, next: NextFunction): void => {
    if (UNTRACED.test(req.path)) return next();
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(req.method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.scheme': req.protocol } }, parent);
    const { traceId, spanId } = span.spanContext();
    (req as TracedRequest)[TRACE_FIELDS] = { trace_id: traceId, span_id: spanId };
    let ended = false;
    const end = (aborted: boolean) => {
      if (ended) return;
      ended = true;
      const routed = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof routed === 'string' ? routed : routes.of(req.method, req.path);
      span.updateName(`${req.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': res.statusCode });
      if (aborted) span.setStatus({ code: SpanStatusCode.ERROR, message: 'connection closed before the response was sent' });
      else if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', () => end(false));
    res.once('close', () => end(!res.writableFinished));
    context.with(trace.setSpan(parent, span), next);
  };
}
