import { defineTable } from '@loops/store';

/**
 * A row of `sentiment_feedback`, sentiment's read model of feedback.received.v1: the event as sentiment
 * consumed it (pseudonymised, redacted), kept for analysts' corrections and for `reprocess`. Ingestion owns
 * `feedback`; sentiment never reads it.
 */
export interface SentimentFeedbackRow {
  event_id: string;
  tenant_id: string;
  occurred_at: string;
  received_at: string;
  event: object;
}

export const SENTIMENT_FEEDBACK = defineTable<SentimentFeedbackRow>({
  name: 'sentiment_feedback',
  columns: { event_id: 'uuid', tenant_id: 'text', occurred_at: 'timestamptz', received_at: 'timestamptz', event: 'jsonb' },
  conflictKey: ['event_id'],
});
