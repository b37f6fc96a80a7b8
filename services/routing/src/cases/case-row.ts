import { randomUUID } from 'node:crypto';
import { CaseEvent, CaseEventKind, CaseStatus, deterministicUuid, Priority } from '@loops/contracts';
import { BusinessHours } from '../routing-tree/routing-tree.types';

/** A `cases` row as PostgreSQL returns it. */
export interface CaseRow {
  case_id: string;
  tenant_id: string;
  customer_key: string;
  status: CaseStatus;
  priority: Priority;
  owner_team: string;
  receiver: string;
  assignee: string | null;
  opened_at: Date;
  due_at: Date;
  acknowledged_at: Date | null;
  resolved_at: Date | null;
  escalation_level: number;
  root_cause_code: string | null;
  resolution_note: string | null;
  last_alert_at: Date;
  escalation_chain: string[];
  sla_minutes: number | null;
  business_hours: BusinessHours | null;
  first_feedback_event_id: string | null;
  customer_value: number | null;
  rule_path: string[] | null;
  last_feedback_at: Date | null;
  reopened_at: Date | null;
  touchpoint: string | null;
  account_id: string | null;
}

export interface CaseEventDetails {
  /** Makes the event id deterministic where the change itself is (feedback attached, escalation step). */
  idParts?: string[];
  feedbackEventId?: string;
  note?: string;
}

/** The `cases.v1` event describing a case right after a change. */
export function caseEventFor(row: CaseRow, kind: CaseEventKind, at: Date, details: CaseEventDetails = {}): CaseEvent {
  return {
    // API actions are distinct changes each time (random id); consumer-driven ones are replayable (derived id).
    eventId: details.idParts ? deterministicUuid('case-event', row.case_id, kind, ...details.idParts) : randomUUID(),
    caseId: row.case_id,
    tenantId: row.tenant_id,
    kind,
    status: row.status,
    priority: row.priority,
    ownerTeam: row.owner_team,
    assignee: row.assignee ?? undefined,
    dueAt: new Date(row.due_at).toISOString(),
    escalationLevel: row.escalation_level,
    feedbackEventId: details.feedbackEventId,
    touchpoint: row.touchpoint ?? undefined,
    accountId: row.account_id ?? undefined,
    rootCauseCode: kind === 'resolved' ? (row.root_cause_code ?? undefined) : undefined,
    note: details.note,
    at: at.toISOString(),
  };
}

/** What the API shows of a case. */
export function caseView(row: CaseRow) {
  return {
    caseId: row.case_id,
    status: row.status,
    priority: row.priority,
    ownerTeam: row.owner_team,
    receiver: row.receiver,
    assignee: row.assignee,
    customerKey: row.customer_key,
    customerValue: row.customer_value,
    touchpoint: row.touchpoint,
    accountId: row.account_id,
    rulePath: row.rule_path,
    openedAt: iso(row.opened_at),
    dueAt: iso(row.due_at),
    slaMinutes: row.sla_minutes,
    acknowledgedAt: iso(row.acknowledged_at),
    resolvedAt: iso(row.resolved_at),
    reopenedAt: iso(row.reopened_at),
    escalationLevel: row.escalation_level,
    escalationChain: row.escalation_chain,
    rootCauseCode: row.root_cause_code,
    resolutionNote: row.resolution_note,
    lastAlertAt: iso(row.last_alert_at),
  };
}

function iso(d: Date | null): string | null {
  return d ? new Date(d).toISOString() : null;
}
