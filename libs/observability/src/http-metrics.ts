import { Counter, Histogram, Registry } from 'prom-client';

/** Where a component that refuses a request writes why (Express `res.locals`), for the reject metric. */
const REJECT_REASON = 'loopsRejectReason';

export type RejectReason =
  | 'auth_missing'
  | 'auth_invalid'
  | 'scope'
  | 'view'
  | 'rate_limit'
  | 'validation'
  | 'malformed_body'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'not_found'
  | 'conflict'
  | 'other_4xx';

export function markRejected(res: { locals: Record<string, unknown> }, reason: RejectReason): void {
  res.locals[REJECT_REASON] = reason;
}

/** The reason a refused request is counted under: the one its refuser marked, else one read from the status. */
export function rejectReasonOf(status: number, locals: Record<string, unknown>): RejectReason | undefined {
  if (status < 400 || status >= 500) return undefined;
  const marked = locals[REJECT_REASON];
  if (typeof marked === 'string') return marked as RejectReason;
  switch (status) {
    case 400:
    case 422:
      return 'validation';
    case 401:
      return 'auth_invalid';
    case 403:
      return 'scope';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limit';
    default:
      return 'other_4xx';
  }
}

/**
 * HTTP series every service exposes. `route` is the route template (`/v1/cases/:caseId`), never the raw
 * URL, so no ids or tenant data reach a label and the series count stays bounded.
 */
export class HttpMetrics {
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly duration: Histogram<'method' | 'route'>;
  readonly rejects: Counter<'route' | 'reason'>;

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'loops_http_requests_total',
      help: 'HTTP requests answered, by method, route template and status code.',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'loops_http_request_duration_seconds',
      help: 'Time from the request arriving to the response finishing, by method and route template.',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.rejects = new Counter({
      name: 'loops_http_rejects_total',
      help: 'HTTP requests refused with a 4xx, by route template and reason (auth_missing, auth_invalid, scope, rate_limit, validation, payload_too_large, ...).',
      labelNames: ['route', 'reason'],
      registers: [registry],
    });
  }

  observe(method: string, route: string, status: number, seconds: number, locals: Record<string, unknown>): void {
    this.requests.inc({ method, route, status: String(status) });
    this.duration.observe({ method, route }, seconds);
    const reason = rejectReasonOf(status, locals);
    if (reason) this.rejects.inc({ route, reason });
  }
}
