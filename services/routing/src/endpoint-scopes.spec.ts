import { endpointScopes } from '@loops/auth';
import { CasesController } from './cases/cases.controller';
import { EscalationAdminController } from './escalation/escalation.controller';
import { ExplainController } from './explain/explain.controller';
import { NotificationsAdminController } from './grouping/notifications-admin.controller';
import { RoutingTreeController } from './routing-tree/routing-tree.controller';
import { SilencesController } from './silences/silences.controller';

// The permission table of the routing API. A new route fails here until it declares its scope.
describe('routing endpoints and the scope each needs', () => {
  it('declares a scope on every route, behind TenantGuard', () => {
    const table = endpointScopes([CasesController, RoutingTreeController, SilencesController, ExplainController, EscalationAdminController, NotificationsAdminController]);
    expect(Object.fromEntries(table.map((e) => [e.endpoint, e.access]))).toEqual({
      'GET /v1/cases': 'reports:read | cases:write',
      'GET /v1/cases/:caseId': 'reports:read | cases:write',
      'POST /v1/cases/:caseId/acknowledge': 'cases:write',
      'POST /v1/cases/:caseId/assign': 'cases:write',
      'POST /v1/cases/:caseId/resolve': 'cases:write',
      'POST /v1/cases/:caseId/reopen': 'cases:write',
      'GET /v1/routing-tree': 'admin',
      'PUT /v1/routing-tree': 'admin',
      'POST /v1/silences': 'admin',
      'GET /v1/silences': 'admin',
      'DELETE /v1/silences/:silenceId': 'admin',
      'POST /v1/routing/explain': 'admin',
      'POST /v1/admin/escalations/run': 'admin',
      'POST /v1/admin/notifications/run': 'admin',
    });
  });

  // Department keys see the cases of their touchpoints and accounts; nothing else in routing serves them.
  it('lets department keys call only the case endpoints, narrowed by touchpoint and account', () => {
    const table = endpointScopes([CasesController, RoutingTreeController, SilencesController, ExplainController, EscalationAdminController]);
    const served = table.filter((e) => e.views !== 'none');
    expect(served.map((e) => e.endpoint).sort()).toEqual(
      ['GET /v1/cases', 'GET /v1/cases/:caseId', 'POST /v1/cases/:caseId/acknowledge', 'POST /v1/cases/:caseId/assign', 'POST /v1/cases/:caseId/resolve', 'POST /v1/cases/:caseId/reopen'].sort(),
    );
    expect(new Set(served.map((e) => e.views))).toEqual(new Set(['touchpoints, accounts']));
  });
});
