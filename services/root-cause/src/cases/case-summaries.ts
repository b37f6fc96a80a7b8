import { EntityManager } from 'typeorm';
import { CaseEvent } from '@loops/contracts';
import { insertRows } from '@loops/store';
import { CASE_SUMMARIES, CaseSummaryRow } from '../store/root-cause.tables';

/**
 * Root-cause's read model of cases, kept from `cases.v1` (routing owns `cases`; root-cause never reads it):
 * reports, account views and digests read it. Events carry a case's full state, so the newest event per
 * case is applied and an older or replayed one never overwrites a newer state.
 */
export async function applyCaseSummaries(m: EntityManager, events: CaseEvent[]): Promise<void> {
  const latest = new Map<string, CaseEvent>();
  for (const e of events) {
    const seen = latest.get(e.caseId);
    if (!seen || e.at >= seen.at) latest.set(e.caseId, e);
  }
  const rows: CaseSummaryRow[] = [...latest.values()].map((e) => ({
    case_id: e.caseId,
    tenant_id: e.tenantId,
    status: e.status,
    priority: e.priority,
    owner_team: e.ownerTeam,
    assignee: e.assignee ?? null,
    // A case first seen through a later event (the summary started after it opened) counts from that event.
    opened_at: e.at,
    due_at: e.dueAt,
    escalation_level: e.escalationLevel,
    root_cause_code: e.rootCauseCode ?? null,
    first_feedback_event_id: e.kind === 'opened' ? (e.feedbackEventId ?? null) : null,
    last_event_at: e.at,
    touchpoint: e.touchpoint ?? null,
    account_id: e.accountId ?? null,
  }));
  await insertRows(m, CASE_SUMMARIES, rows, {
    onConflict: {
      set: `status = EXCLUDED.status, priority = EXCLUDED.priority, owner_team = EXCLUDED.owner_team, assignee = EXCLUDED.assignee,
        due_at = EXCLUDED.due_at, escalation_level = EXCLUDED.escalation_level, root_cause_code = EXCLUDED.root_cause_code,
        last_event_at = EXCLUDED.last_event_at, touchpoint = coalesce(EXCLUDED.touchpoint, case_summaries.touchpoint),
        account_id = coalesce(EXCLUDED.account_id, case_summaries.account_id)
      WHERE case_summaries.last_event_at <= EXCLUDED.last_event_at`,
    },
  });
}
