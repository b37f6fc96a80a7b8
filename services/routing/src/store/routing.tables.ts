import { defineTable } from '@loops/store';

/**
 * The tables routing owns and writes on its hot path, each with its columns and idempotency key
 * declared once. Other services learn of them through alerts.*.v1 and cases.v1, never by reading them.
 */

export interface AlertRow {
  alert_id: string;
  tenant_id: string;
  case_id: string;
  receiver: string;
  feedback_event_id: string;
  rule_path: string[];
  severity: string;
  alert: object;
  created_at: string;
  /** The W3C trace context the publish continues (see OutboxPublisher); null when tracing is off. */
  trace_context: Record<string, string> | null;
}

export const ALERTS = defineTable<AlertRow>({
  name: 'alerts',
  columns: {
    alert_id: 'uuid',
    tenant_id: 'text',
    case_id: 'uuid',
    receiver: 'text',
    feedback_event_id: 'uuid',
    rule_path: 'text[]',
    severity: 'text',
    alert: 'jsonb',
    created_at: 'timestamptz',
    trace_context: 'jsonb',
  },
  // Partitioned by created_at; an alert is built once, in the transaction that records its decision.
  conflictKey: ['alert_id', 'created_at'],
});

export interface CaseEventRow {
  event_id: string;
  case_id: string;
  tenant_id: string;
  kind: string;
  event: object;
  at: string;
  trace_context: Record<string, string> | null;
}

export const CASE_EVENTS = defineTable<CaseEventRow>({
  name: 'case_events',
  columns: { event_id: 'uuid', case_id: 'uuid', tenant_id: 'text', kind: 'text', event: 'jsonb', at: 'timestamptz', trace_context: 'jsonb' },
  conflictKey: ['event_id'],
});

export interface CaseFeedbackRow {
  case_id: string;
  feedback_event_id: string;
  attached_at: Date;
}

export const CASE_FEEDBACK = defineTable<CaseFeedbackRow>({
  name: 'case_feedback',
  columns: { case_id: 'uuid', feedback_event_id: 'uuid', attached_at: 'timestamptz' },
  conflictKey: ['case_id', 'feedback_event_id'],
});

export interface SuppressedAlertRow {
  alert_id: string;
  tenant_id: string;
  feedback_event_id: string;
  receiver: string;
  rule_path: string[];
  reason: 'silenced' | 'inhibited';
  silence_id: string | null;
  incident_id: string | null;
  alert: object;
  at: Date;
}

export const SUPPRESSED_ALERTS = defineTable<SuppressedAlertRow>({
  name: 'suppressed_alerts',
  columns: {
    alert_id: 'uuid',
    tenant_id: 'text',
    feedback_event_id: 'uuid',
    receiver: 'text',
    rule_path: 'text[]',
    reason: 'text',
    silence_id: 'uuid',
    incident_id: 'uuid',
    alert: 'jsonb',
    at: 'timestamptz',
  },
  conflictKey: ['alert_id'],
});

export interface WebhookDeliveryRow {
  alert_id: string;
  tenant_id: string;
  receiver: string;
  url: string;
  secret_env: string;
  status: 'pending';
  next_attempt_at: Date;
}

export const WEBHOOK_DELIVERIES = defineTable<WebhookDeliveryRow>({
  name: 'webhook_deliveries',
  columns: { alert_id: 'uuid', tenant_id: 'text', receiver: 'text', url: 'text', secret_env: 'text', status: 'text', next_attempt_at: 'timestamptz' },
  conflictKey: ['alert_id'],
});

export interface IncidentRow {
  incident_id: string;
  tenant_id: string;
  touchpoint: string;
  theme: string;
  status: 'open';
  summary: string;
  opened_insight_id: string;
  opened_at: string;
}

/** No single key: a redelivered insight hits opened_insight_id, a second open issue the "one open" index. */
export const INCIDENTS = defineTable<IncidentRow>({
  name: 'incidents',
  columns: {
    incident_id: 'uuid',
    tenant_id: 'text',
    touchpoint: 'text',
    theme: 'text',
    status: 'text',
    summary: 'text',
    opened_insight_id: 'uuid',
    opened_at: 'timestamptz',
  },
  conflictKey: [],
});

/** The columns of `cases` that opening a case writes (the rest have defaults or are set later). */
export interface NewCaseRow {
  case_id: string;
  tenant_id: string;
  customer_key: string;
  status: 'open';
  priority: string;
  owner_team: string;
  receiver: string;
  opened_at: Date;
  due_at: Date;
  last_alert_at: Date;
  escalation_chain: string[];
  sla_minutes: number;
  business_hours: object | null;
  first_feedback_event_id: string;
  customer_value: number | null;
  rule_path: string[];
  last_feedback_at: Date;
  touchpoint: string | null;
  account_id: string | null;
}

/** Opening a case has no conflict clause: two open cases for one customer are a bug to surface, not absorb. */
export const CASES = defineTable<NewCaseRow>({
  name: 'cases',
  columns: {
    case_id: 'uuid',
    tenant_id: 'text',
    customer_key: 'text',
    status: 'text',
    priority: 'text',
    owner_team: 'text',
    receiver: 'text',
    opened_at: 'timestamptz',
    due_at: 'timestamptz',
    last_alert_at: 'timestamptz',
    escalation_chain: 'text[]',
    sla_minutes: 'int',
    business_hours: 'jsonb',
    first_feedback_event_id: 'uuid',
    customer_value: 'float8',
    rule_path: 'text[]',
    last_feedback_at: 'timestamptz',
    touchpoint: 'text',
    account_id: 'text',
  },
  conflictKey: ['case_id'],
});
