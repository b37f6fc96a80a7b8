import { defineTable } from '@loops/store';

/** A row of `feedback`, owned by ingestion: the accepted item, its identity and the event it publishes. */
export interface FeedbackRow {
  event_id: string;
  tenant_id: string;
  integration_id: string;
  external_id: string;
  channel: string;
  customer_id: string | null;
  occurred_at: string;
  received_at: string;
  text: string;
  event: object;
  /** The item's W3C trace context (traceparent), so the relay's publish continues its trace; null when tracing is off. */
  trace_context: Record<string, string> | null;
}

/** (tenant, integration, external id) is the idempotency key: a repeat finds the original row. */
export const FEEDBACK = defineTable<FeedbackRow>({
  name: 'feedback',
  columns: {
    event_id: 'uuid',
    tenant_id: 'text',
    integration_id: 'text',
    external_id: 'text',
    channel: 'text',
    customer_id: 'text',
    occurred_at: 'timestamptz',
    received_at: 'timestamptz',
    text: 'text',
    event: 'jsonb',
    trace_context: 'jsonb',
  },
  // Partitioned by occurred_at, so the key carries it; a retry with another time is stopped by the
  // feedback_identities trigger (migration 1732720000000), which skips the row the same way.
  conflictKey: ['tenant_id', 'integration_id', 'external_id', 'occurred_at'],
});
