import {
  customerKey,
  FEEDBACK_ANALYZED_TYPE,
  FEEDBACK_ANALYZED_V2_TYPE,
  FeedbackAnalyzed,
  KafkaRecord,
  newCloudEvent,
  toAnalyzedV2,
  toKafkaRecord,
  Topics,
} from '@loops/contracts';
import type { TopicRecords } from '@loops/kafka';

/** Nest token: also publish the superseded v1 event (for integrators still reading feedback.analyzed.v1). */
export const ANALYZED_V1_ALSO = Symbol('ANALYZED_V1_ALSO');

/**
 * Kafka records for analyzed feedback. The CloudEvent id names the analyzer version, so a replay
 * through a new analyzer is a different event while a redelivery of the same analysis is not. The key is
 * built from the received feedback (its externalId when no customer is known), which v2 no longer carries.
 */
function analyzedRecords(items: FeedbackAnalyzed[], correlationIds: (string | undefined)[], version: 'v1' | 'v2'): KafkaRecord[] {
  return items.map(({ feedback, analysis }, i) =>
    toKafkaRecord(
      newCloudEvent({
        type: version === 'v2' ? FEEDBACK_ANALYZED_V2_TYPE : FEEDBACK_ANALYZED_TYPE,
        source: 'loops/sentiment',
        id: `${feedback.eventId}/${analysis.analyzer.name}@${analysis.analyzer.version}`,
        subject: feedback.eventId,
        correlationid: correlationIds[i],
        data: version === 'v2' ? toAnalyzedV2(feedback, analysis) : { feedback, analysis },
      }),
      customerKey(feedback.tenantId, feedback.customer?.id, feedback.externalId),
    ),
  );
}

/**
 * What sentiment publishes for a batch: FeedbackAnalyzedV2 on feedback.analyzed.v2, and with `alsoV1` the
 * superseded v1 event as well, during an integrator's change window.
 */
export function analyzedBatches(items: FeedbackAnalyzed[], correlationIds: (string | undefined)[] = [], alsoV1 = false): TopicRecords[] {
  const batches: TopicRecords[] = [{ topic: Topics.feedbackAnalyzedV2, records: analyzedRecords(items, correlationIds, 'v2') }];
  if (alsoV1) batches.push({ topic: Topics.feedbackAnalyzed, records: analyzedRecords(items, correlationIds, 'v1') });
  return batches;
}
