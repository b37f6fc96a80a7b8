import { FeedbackAnalyzedV2, SentimentLabel } from '@loops/contracts';
import type { FactRowIn } from '../store/root-cause.tables';

/** Dimension value when the feedback does not carry it. */
export const UNKNOWN = '-';

/**
 * One analyzed feedback item, flattened to what the outer loop measures. Rollups, drivers, revenue at
 * risk and emerging issues are all computed from facts, so each can be recomputed from the store.
 */
export interface FeedbackFact {
  feedbackEventId: string;
  tenantId: string;
  occurredAt: Date;
  touchpoint: string;
  channel: string;
  segment: string;
  customerId: string | null;
  /** The B2B account the respondent belongs to (`customer.accountId`); feedback rolls up to it. */
  accountId: string | null;
  customerValue: number | null;
  nps: number | null;
  csat: number | null;
  ces: number | null;
  sentimentLabel: SentimentLabel;
  sentimentScore: number;
  themes: string[];
  keyPhrases: string[];
  analyzer: string;
}

export function factOf(item: FeedbackAnalyzedV2): FeedbackFact {
  const f = item.feedback;
  const a = item.analysis;
  return {
    feedbackEventId: f.eventId,
    tenantId: f.tenantId,
    occurredAt: new Date(f.occurredAt),
    touchpoint: f.touchpoint?.journey ?? UNKNOWN,
    channel: f.channel,
    segment: f.customer?.segment ?? f.customer?.tier ?? UNKNOWN,
    customerId: f.customer?.id ?? null,
    accountId: f.customer?.accountId ?? null,
    customerValue: f.customer?.annualValue ?? null,
    nps: f.scores.nps ?? null,
    // A review's star rating is its satisfaction score.
    csat: f.scores.csat ?? f.scores.rating ?? null,
    ces: f.scores.ces ?? null,
    sentimentLabel: a.sentiment.label,
    sentimentScore: a.sentiment.score,
    themes: [...new Set(a.themes.map((t) => t.id))].sort(),
    keyPhrases: a.keyPhrases.slice(0, 20),
    analyzer: `${a.analyzer.name}@${a.analyzer.version}`,
  };
}

/** The fact as its row in `feedback_facts` (see FEEDBACK_FACTS). */
export function factRow(f: FeedbackFact): FactRowIn {
  return {
    feedback_event_id: f.feedbackEventId,
    tenant_id: f.tenantId,
    occurred_at: f.occurredAt,
    touchpoint: f.touchpoint,
    channel: f.channel,
    segment: f.segment,
    customer_id: f.customerId,
    customer_value: f.customerValue,
    nps: f.nps,
    csat: f.csat,
    ces: f.ces,
    sentiment_label: f.sentimentLabel,
    sentiment_score: f.sentimentScore,
    themes: f.themes,
    key_phrases: f.keyPhrases,
    analyzer: f.analyzer,
    account_id: f.accountId,
  };
}

export interface FactRow {
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
  sentiment_label: SentimentLabel;
  sentiment_score: number;
  themes: string[];
  key_phrases: string[];
  analyzer: string;
  account_id: string | null;
}

export function factFromRow(r: FactRow): FeedbackFact {
  return {
    feedbackEventId: r.feedback_event_id,
    tenantId: r.tenant_id,
    occurredAt: r.occurred_at,
    touchpoint: r.touchpoint,
    channel: r.channel,
    segment: r.segment,
    customerId: r.customer_id,
    customerValue: r.customer_value,
    nps: r.nps,
    csat: r.csat,
    ces: r.ces,
    sentimentLabel: r.sentiment_label,
    sentimentScore: r.sentiment_score,
    themes: r.themes,
    keyPhrases: r.key_phrases,
    analyzer: r.analyzer,
    accountId: r.account_id ?? null,
  };
}
