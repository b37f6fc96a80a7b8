import { Alert } from '@loops/contracts';
import { CaseRow } from '../cases/case-row';

/** The case in the dashboard (the root-cause service's `/dashboard`, a hash route so no server route is needed). */
export function caseUrl(dashboardUrl: string, caseId: string): string {
  return `${dashboardUrl}/dashboard#/cases/${caseId}`;
}

/** An alert completed with what its case decided: the case, its priority and SLA, and the link to it. */
export function withCaseDetails(alert: Alert, row: CaseRow, dashboardUrl: string): Alert {
  return { ...alert, caseId: row.case_id, priority: row.priority, slaDueAt: new Date(row.due_at).toISOString(), caseUrl: caseUrl(dashboardUrl, row.case_id) };
}
