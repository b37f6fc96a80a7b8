import { defineTable } from '@loops/store';

/**
 * The tables root-cause owns and writes on its hot path, each with its columns and idempotency key
 * declared once. Other services learn of them through insights.v1, never by reading them.
 */

export interface FactRowIn {
  feedback_event_id: string;
  tenant_id: string;
  occurred_at: Date;
  touchpoint: string;
  channel: string;
  segment: string;
  customer_id: string | null;
  customer_value: number | null;
  nps: number | null;
  csat: number | null;
  ces: number | null;
  sentiment_label: string;
  sentiment_score: number;
  themes: string[];
  key_phrases: string[];
  analyzer: string;
  /** The B2B account (`customer.accountId`) the respondent belongs to. */
  account_id: string | null;
}

/** The facts' primary key is the rollups' idempotency ledger: a redelivered event finds its fact. */
export const FEEDBACK_FACTS = defineTable<FactRowIn>({
  name: 'feedback_facts',
  columns: {
    feedback_event_id: 'uuid',
    tenant_id: 'text',
    occurred_at: 'timestamptz',
    touchpoint: 'text',
    channel: 'text',
    segment: 'text',
    customer_id: 'text',
    customer_value: 'float8',
    nps: 'smallint',
    csat: 'smallint',
    ces: 'smallint',
    sentiment_label: 'text',
    sentiment_score: 'float8',
    themes: 'text[]',
    key_phrases: 'text[]',
    analyzer: 'text',
    account_id: 'text',
  },
  // Partitioned by occurred_at, which a redelivered event always carries unchanged: still exactly once.
  conflictKey: ['feedback_event_id', 'occurred_at'],
});

export interface RollupRowIn {
  tenant_id: string;
  bucket_size: string;
  bucket_start: string;
  touchpoint: string;
  channel: string;
  segment: string;
  theme: string;
  count: number;
  nps_count: number;
  promoters: number;
  passives: number;
  detractors: number;
  csat_count: number;
  csat_sum: number;
  csat_top2: number;
  ces_count: number;
  ces_sum: number;
  sentiment_count: number;
  sentiment_sum: number;
  negative_count: number;
}

export const ROLLUPS = defineTable<RollupRowIn>({
  name: 'rollups',
  columns: {
    tenant_id: 'text',
    bucket_size: 'text',
    bucket_start: 'timestamptz',
    touchpoint: 'text',
    channel: 'text',
    segment: 'text',
    theme: 'text',
    count: 'int',
    nps_count: 'int',
    promoters: 'int',
    passives: 'int',
    detractors: 'int',
    csat_count: 'int',
    csat_sum: 'float8',
    csat_top2: 'int',
    ces_count: 'int',
    ces_sum: 'float8',
    sentiment_count: 'int',
    sentiment_sum: 'float8',
    negative_count: 'int',
  },
  conflictKey: ['tenant_id', 'bucket_size', 'bucket_start', 'touchpoint', 'channel', 'segment', 'theme'],
});

export interface InsightRowIn {
  insight_id: string;
  tenant_id: string;
  kind: string;
  touchpoint: string | null;
  theme: string | null;
  summary: string;
  evidence: object;
  at: string;
}

export const INSIGHTS = defineTable<InsightRowIn>({
  name: 'insights',
  columns: { insight_id: 'uuid', tenant_id: 'text', kind: 'text', touchpoint: 'text', theme: 'text', summary: 'text', evidence: 'jsonb', at: 'timestamptz' },
  conflictKey: ['insight_id'],
});

export interface ComplaintTextRow {
  feedback_event_id: string;
  tenant_id: string;
  occurred_at: Date;
  language: string | null;
  text: string;
}

export const COMPLAINT_TEXTS = defineTable<ComplaintTextRow>({
  name: 'complaint_texts',
  columns: { feedback_event_id: 'uuid', tenant_id: 'text', occurred_at: 'timestamptz', language: 'text', text: 'text' },
  conflictKey: ['feedback_event_id'],
});

/** Root-cause's read model of a case, kept from cases.v1 (routing owns `cases`; root-cause never reads it). */
export interface CaseSummaryRow {
  case_id: string;
  tenant_id: string;
  status: string;
  priority: string;
  owner_team: string;
  assignee: string | null;
  opened_at: string;
  due_at: string;
  escalation_level: number;
  root_cause_code: string | null;
  first_feedback_event_id: string | null;
  last_event_at: string;
  touchpoint: string | null;
  account_id: string | null;
}

export const CASE_SUMMARIES = defineTable<CaseSummaryRow>({
  name: 'case_summaries',
  columns: {
    case_id: 'uuid',
    tenant_id: 'text',
    status: 'text',
    priority: 'text',
    owner_team: 'text',
    assignee: 'text',
    opened_at: 'timestamptz',
    due_at: 'timestamptz',
    escalation_level: 'int',
    root_cause_code: 'text',
    first_feedback_event_id: 'uuid',
    last_event_at: 'timestamptz',
    touchpoint: 'text',
    account_id: 'text',
  },
  conflictKey: ['case_id'],
});

export interface TaxonomyOutboxRow {
  change_id: string;
  tenant_id: string;
  theme_id: string;
  label: string;
  /** ISO 639-1 code → phrases, as `tenant_themes` keeps them. */
  phrases: Record<string, string[]>;
  updated_at: Date;
}

/**
 * Each change of a tenant's theme, staged with the change in `tenant_themes` and published on taxonomy.v1:
 * root-cause owns the taxonomy, sentiment learns it from there (never by reading `tenant_themes`).
 */
export const TAXONOMY_OUTBOX = defineTable<TaxonomyOutboxRow>({
  name: 'taxonomy_outbox',
  columns: { change_id: 'uuid', tenant_id: 'text', theme_id: 'text', label: 'text', phrases: 'jsonb', updated_at: 'timestamptz' },
  conflictKey: ['change_id'],
});
