import { customerKey, FEEDBACK_ANALYZED_TYPE, FeedbackAnalyzed, KafkaRecord, newCloudEvent, toKafkaRecord } from '@loops/contracts';

/**
 * Kafka records for analyzed feedback. The CloudEvent id names the analyzer version, so a replay
 * through a new analyzer is a different event while a redelivery of the same analysis is not.
 */
export function analyzedRecords(items: FeedbackAnalyzed[], correlationIds: (string | undefined)[] = []): KafkaRecord[] {
  return items.map((item, i) =>
    toKafkaRecord(
      newCloudEvent({
        type: FEEDBACK_ANALYZED_TYPE,
        source: 'loops/sentiment',
        id: `${item.feedback.eventId}/${item.analysis.analyzer.name}@${item.analysis.analyzer.version}`,
        subject: item.feedback.eventId,
        correlationid: correlationIds[i],
        data: item,
      }),
      customerKey(item.feedback.tenantId, item.feedback.customer?.id, item.feedback.externalId),
    ),
  );
}
