import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import { FEEDBACK_ANALYZED_TYPE, FeedbackAnalyzed, newCloudEvent, SentimentLabel, toKafkaRecord, Topics } from '@loops/contracts';

export interface AnalyzedSpec {
  tenantId: string;
  at: string;
  nps?: number;
  themes?: string[];
  label?: SentimentLabel;
  score?: number;
  customerId?: string;
  value?: number;
  touchpoint?: string;
  channel?: FeedbackAnalyzed['feedback']['channel'];
  keyPhrases?: string[];
  text?: string;
}

/** A FeedbackAnalyzed event as the sentiment service would publish it, for driving the outer loop directly. */
export function analyzedEvent(s: AnalyzedSpec): FeedbackAnalyzed {
  const eventId = randomUUID();
  const label = s.label ?? (s.nps !== undefined && s.nps <= 6 ? 'negative' : 'positive');
  return {
    feedback: {
      eventId,
      tenantId: s.tenantId,
      integrationId: 'fixture',
      externalId: `fx-${eventId.slice(0, 8)}`,
      channel: s.channel ?? 'survey',
      occurredAt: s.at,
      receivedAt: s.at,
      text: s.text ?? 'fixture',
      scores: s.nps === undefined ? {} : { nps: s.nps },
      customer: s.customerId ? { id: s.customerId, annualValue: s.value } : undefined,
      touchpoint: { journey: s.touchpoint ?? 'delivery' },
      redactions: [],
    },
    analysis: {
      language: 'en',
      languageConfidence: 1,
      sentiment: { label, score: s.score ?? (label === 'negative' ? -0.7 : label === 'positive' ? 0.7 : 0), confidence: 0.9 },
      themes: (s.themes ?? []).map((id) => ({ id, label: id, sentiment: { label, score: label === 'negative' ? -0.7 : 0.5 } })),
      keyPhrases: s.keyPhrases ?? [],
      analyzer: { name: 'fixture', version: '1' },
      analyzedAt: s.at,
    },
  };
}

export async function publishAnalyzed(producer: Producer, events: FeedbackAnalyzed[]): Promise<void> {
  await producer.send({
    topic: Topics.feedbackAnalyzed,
    messages: events.map((e) => {
      const r = toKafkaRecord(
        newCloudEvent({ type: FEEDBACK_ANALYZED_TYPE, source: 'fixture', id: `${e.feedback.eventId}/fixture@1`, data: e }),
        `${e.feedback.tenantId}:${e.feedback.customer?.id ?? e.feedback.eventId}`,
      );
      return { key: r.key, value: r.value, headers: r.headers };
    }),
  });
}
