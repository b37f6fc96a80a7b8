import { endpointScopes } from '@loops/auth';
import { DashboardController } from './dashboard/dashboard.controller';
import { ReportsController } from './reports/reports.controller';
import { RetentionController } from './retention/retention.controller';

// The permission table of the reporting API. A new route fails here until it declares its scope.
describe('root-cause endpoints and the scope each needs', () => {
  it('declares a scope on every route, behind TenantGuard; the dashboard page itself is public', () => {
    const table = endpointScopes([ReportsController, DashboardController, RetentionController]);
    expect(Object.fromEntries(table.map((e) => [e.endpoint, e.access]))).toEqual({
      'GET /v1/reports/metrics': 'reports:read',
      'GET /v1/reports/drivers': 'reports:read',
      'GET /v1/reports/revenue-at-risk': 'reports:read',
      'PUT /v1/reports/churn-model': 'admin',
      'GET /v1/reports/insights': 'reports:read',
      'GET /v1/reports/emerging-issues': 'reports:read',
      'GET /v1/reports/candidate-themes': 'reports:read',
      'POST /v1/reports/candidate-themes/promote': 'admin',
      'GET /v1/reports/cases': 'reports:read | cases:write',
      'GET /v1/reports/root-causes': 'reports:read',
      'GET /dashboard': 'public',
      'GET /v1/admin/retention': 'admin',
      'PUT /v1/admin/retention': 'admin',
      'DELETE /v1/admin/retention': 'admin',
    });
  });
});
