import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import { FEEDBACK_ANALYZED_TYPE, FeedbackAnalyzed, newCloudEvent, toKafkaRecord, Topics } from '@loops/contracts';

export interface AnalyzedOptions {
  tenantId: string;
  customerId: string;
  eventId?: string;
  nps?: number;
  channel?: FeedbackAnalyzed['feedback']['channel'];
  touchpoint?: string;
  themes?: string[];
  annualValue?: number;
  label?: 'negative' | 'neutral' | 'positive';
  score?: number;
}

/** A FeedbackAnalyzed event as the sentiment service would publish it. */
export function analyzedEvent(o: AnalyzedOptions): FeedbackAnalyzed {
  const eventId = o.eventId ?? randomUUID();
  return {
    feedback: {
      eventId,
      tenantId: o.tenantId,
      integrationId: 'survey-tool',
      externalId: `ext-${eventId.slice(0, 8)}`,
      channel: o.channel ?? 'survey',
      occurredAt: '2026-11-21T10:00:00.000Z',
      receivedAt: '2026-11-21T10:00:01.000Z',
      text: 'The parcel came a week late and nobody answered the phone.',
      scores: o.nps === undefined ? {} : { nps: o.nps },
      customer: { id: o.customerId, annualValue: o.annualValue },
      touchpoint: { journey: o.touchpoint ?? 'delivery' },
      redactions: [],
    },
    analysis: {
      language: 'en',
      languageConfidence: 0.99,
      sentiment: { label: o.label ?? 'negative', score: o.score ?? -0.8, confidence: 0.9 },
      themes: (o.themes ?? ['late-delivery']).map((id) => ({ id, label: id, sentiment: { label: 'negative', score: -0.7 } })),
      keyPhrases: ['late parcel'],
      analyzer: { name: 'test', version: '1' },
      analyzedAt: '2026-11-21T10:00:02.000Z',
    },
  };
}

/** Publishes to feedback.analyzed.v1 keyed by tenant:customer, as sentiment did before v2: routing still reads v1 while it drains. */
export async function publishAnalyzed(producer: Producer, events: FeedbackAnalyzed[]): Promise<void> {
  await producer.send({
    topic: Topics.feedbackAnalyzed,
    messages: events.map((e) => {
      const r = toKafkaRecord(
        newCloudEvent({ type: FEEDBACK_ANALYZED_TYPE, source: 'test', id: e.feedback.eventId, data: e }),
        `${e.feedback.tenantId}:${e.feedback.customer?.id}`,
      );
      return { key: r.key, value: r.value, headers: r.headers };
    }),
  });
}

/** A small JSON client for a service's HTTP API with one tenant's API key. */
export function apiClient(baseUrl: string, apiKey: string) {
  return async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  };
}
