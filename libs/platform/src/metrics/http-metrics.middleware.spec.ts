import express from 'express';
import { RouteTemplates } from './http-metrics.middleware';

describe('RouteTemplates', () => {
  const app = express();
  app.get('/v1/cases/:caseId', (_req, res) => res.end());
  app.post('/v1/cases/:caseId/resolve', (_req, res) => res.end());
  app.post('/v1/feedback/batch', (_req, res) => res.end());
  const routes = new RouteTemplates(app);

  it('maps a raw path to its template, so no id reaches a label', () => {
    expect(routes.of('GET', '/v1/cases/3f0c9c1e-0000-4000-8000-000000000001')).toBe('/v1/cases/:caseId');
    expect(routes.of('POST', '/v1/cases/abc/resolve')).toBe('/v1/cases/:caseId/resolve');
    expect(routes.of('POST', '/v1/feedback/batch')).toBe('/v1/feedback/batch');
  });

  it('labels unknown paths and methods "unmatched"', () => {
    expect(routes.of('GET', '/v1/tenants/acme/secrets')).toBe('unmatched');
    expect(routes.of('DELETE', '/v1/feedback/batch')).toBe('unmatched');
  });
});
