import { Registry } from 'prom-client';
import { HttpMetrics, rejectReasonOf } from './http-metrics';

describe('HTTP metrics', () => {
  it('takes the reason a refuser marked, else reads one from the status; 2xx and 5xx are no rejects', () => {
    expect(rejectReasonOf(401, { loopsRejectReason: 'auth_missing' })).toBe('auth_missing');
    expect(rejectReasonOf(401, {})).toBe('auth_invalid');
    expect(rejectReasonOf(413, {})).toBe('payload_too_large');
    expect(rejectReasonOf(429, {})).toBe('rate_limit');
    expect(rejectReasonOf(400, {})).toBe('validation');
    expect(rejectReasonOf(202, {})).toBeUndefined();
    expect(rejectReasonOf(503, {})).toBeUndefined();
  });

  it('counts requests by route template and status, and rejects by reason', async () => {
    const registry = new Registry();
    const http = new HttpMetrics(registry);
    http.observe('POST', '/v1/cases/:caseId/resolve', 403, 0.004, { loopsRejectReason: 'scope' });
    http.observe('POST', '/v1/cases/:caseId/resolve', 200, 0.01, {});
    const text = await registry.metrics();
    expect(text).toContain('loops_http_requests_total{method="POST",route="/v1/cases/:caseId/resolve",status="403"} 1');
    expect(text).toContain('loops_http_requests_total{method="POST",route="/v1/cases/:caseId/resolve",status="200"} 1');
    expect(text).toContain('loops_http_rejects_total{route="/v1/cases/:caseId/resolve",reason="scope"} 1');
    expect(text).toContain('loops_http_request_duration_seconds_count{method="POST",route="/v1/cases/:caseId/resolve"} 2');
  });
});
