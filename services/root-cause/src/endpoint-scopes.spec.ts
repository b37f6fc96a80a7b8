import { endpointScopes } from '@loops/auth';
import { ActionsController } from './actions/actions.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { GoalsController } from './goals/goals.controller';
import { OperationalReportsController } from './operational/operational-reports.controller';
import { ReportsController } from './reports/reports.controller';

// The permission table of the reporting API. A new route fails here until it declares its scope.
describe('root-cause endpoints and the scope each needs', () => {
  it('declares a scope on every route, behind TenantGuard; the dashboard page itself is public', () => {
    const table = endpointScopes([ReportsController, DashboardController, GoalsController, ActionsController, OperationalReportsController]);
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
      'POST /v1/goals': 'admin',
      'GET /v1/goals': 'reports:read',
      'GET /v1/goals/:goalId': 'reports:read',
      'POST /v1/actions': 'cases:write | admin',
      'POST /v1/actions/:actionId/status': 'cases:write | admin',
      'GET /v1/actions': 'reports:read | cases:write',
      'GET /v1/actions/:actionId/impact': 'reports:read | cases:write',
      'GET /v1/reports/measure-drivers': 'reports:read',
      'GET /v1/reports/measure-vs-nps': 'reports:read',
    });
  });
});
