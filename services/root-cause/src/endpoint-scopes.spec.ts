import { endpointScopes } from '@loops/auth';
import { ActionsController } from './actions/actions.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { RoutingCasesProxy } from './dashboard/routing-cases.proxy';
import { ExploreController } from './explore/explore.controller';
import { GoalsController } from './goals/goals.controller';
import { OperationalReportsController } from './operational/operational-reports.controller';
import { ReportsController } from './reports/reports.controller';
import { AccountsController } from './accounts/accounts.controller';
import { MeController } from './views/me.controller';
import { DigestPageController } from './digest/digest-page.controller';
import { DigestsController } from './digest/digests.controller';
import { RetentionController } from './retention/retention.controller';

const CONTROLLERS = [
  ReportsController,
  DashboardController,
  AccountsController,
  MeController,
  ExploreController,
  RoutingCasesProxy,
  GoalsController,
  ActionsController,
  OperationalReportsController,
  DigestsController,
  DigestPageController,
  RetentionController,
];

// The permission table of the reporting API. A new route fails here until it declares its scope.
describe('root-cause endpoints and the scope each needs', () => {
  it('declares a scope on every route, behind TenantGuard; the dashboard page itself is public', () => {
    const table = endpointScopes(CONTROLLERS);
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
      'GET /v1/accounts': 'reports:read',
      'GET /v1/accounts/:accountId': 'reports:read',
      'GET /v1/me': 'ingest | reports:read | cases:write | admin',
      'GET /dashboard/app/:file': 'public',
      'GET /v1/explore/filters': 'reports:read',
      'GET /v1/explore/trends': 'reports:read',
      'GET /v1/explore/drivers': 'reports:read',
      'GET /v1/explore/themes': 'reports:read',
      'GET /v1/explore/verbatims': 'reports:read',
      'GET /v1/explore/emerging-issues': 'reports:read',
      'GET /v1/routing/cases': 'reports:read | cases:write',
      'GET /v1/routing/cases/:caseId': 'reports:read | cases:write',
      'POST /v1/routing/cases/:caseId/:action': 'cases:write',
      'POST /v1/digests/subscriptions': 'admin',
      'GET /v1/digests/subscriptions': 'admin',
      'DELETE /v1/digests/subscriptions/:subscriptionId': 'admin',
      'GET /v1/digests/subscriptions/:subscriptionId/deliveries': 'admin',
      'GET /v1/digests/preview': 'reports:read',
      'GET /digests/:token': 'public',
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

  // Department keys (touchpoint, theme or account views) reach only endpoints that narrow their answer.
  it('lets department keys call only the endpoints that narrow by their view', () => {
    const table = endpointScopes(CONTROLLERS);
    expect(Object.fromEntries(table.filter((e) => e.views !== 'none').map((e) => [e.endpoint, e.views]))).toEqual({
      'GET /v1/reports/metrics': 'touchpoints, themes',
      'GET /v1/reports/drivers': 'touchpoints, themes',
      'GET /v1/reports/revenue-at-risk': 'touchpoints',
      'GET /v1/reports/insights': 'touchpoints, themes',
      'GET /v1/reports/emerging-issues': 'touchpoints, themes',
      'GET /v1/reports/candidate-themes': 'touchpoints',
      'GET /v1/accounts': 'accounts',
      'GET /v1/accounts/:accountId': 'accounts',
      'GET /v1/me': 'touchpoints, themes, accounts',
      'GET /v1/goals': 'touchpoints',
      'GET /v1/goals/:goalId': 'touchpoints',
      'GET /v1/reports/measure-drivers': 'touchpoints',
      'GET /v1/reports/measure-vs-nps': 'touchpoints',
      'GET /v1/explore/filters': 'touchpoints',
      'GET /v1/explore/trends': 'touchpoints',
      'GET /v1/explore/drivers': 'touchpoints',
      'GET /v1/explore/themes': 'touchpoints',
      'GET /v1/explore/verbatims': 'touchpoints',
      'GET /v1/explore/emerging-issues': 'touchpoints',
      'GET /v1/routing/cases': 'touchpoints, accounts',
      'GET /v1/routing/cases/:caseId': 'touchpoints, accounts',
      'POST /v1/routing/cases/:caseId/:action': 'touchpoints, accounts',
    });
  });
});
