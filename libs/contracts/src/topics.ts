/** Versioned Kafka topic names. A breaking change to an event gets a new version, never an edit. */
export const Topics = {
  feedbackRaw: 'feedback.raw.v1',
  feedbackReceived: 'feedback.received.v1',
  /** Version 1 (the whole FeedbackReceived inside): still read by routing and root cause while it drains. */
  feedbackAnalyzed: 'feedback.analyzed.v1',
  /** Version 2 (only the feedback fields consumers read): what sentiment publishes. */
  feedbackAnalyzedV2: 'feedback.analyzed.v2',
  feedbackDlq: 'feedback.dlq.v1',
  cases: 'cases.v1',
  insights: 'insights.v1',
  privacyErasure: 'privacy.erasure.v1',
  operationalRaw: 'operational.raw.v1',
  operationalMeasures: 'operational.measures.v1',
  actions: 'actions.v1',
  taxonomy: 'taxonomy.v1',
} as const;

export type FixedTopic = (typeof Topics)[keyof typeof Topics];

const RECEIVER_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function isValidReceiverName(receiver: string): boolean {
  return RECEIVER_NAME.test(receiver);
}

/** Per-receiver alert topic, e.g. `alerts.cx-ops.v1`. */
export function alertTopic(receiver: string): string {
  if (!isValidReceiverName(receiver)) {
    throw new Error(`receiver name "${receiver}" must match ${RECEIVER_NAME}`);
  }
  return `alerts.${receiver}.v1`;
}

/**
 * Partition key: one customer's feedback stays in order on one partition. After ingestion the customer
 * id is a pseudonym (a keyed hash), never the raw id.
 */
export function customerKey(tenantId: string, customerId: string | undefined, fallback: string): string {
  return customerId ? `${tenantId}:${customerId}` : `${tenantId}:${fallback}`;
}
