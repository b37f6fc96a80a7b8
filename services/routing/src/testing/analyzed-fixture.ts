import { CustomerTier, FeedbackAnalyzed } from '@loops/contracts';

export interface FixtureOptions {
  nps?: number;
  rating?: number;
  csat?: number;
  ces?: number;
  enps?: number;
  channel?: FeedbackAnalyzed['feedback']['channel'];
  value?: number;
  tier?: CustomerTier;
  label?: 'negative' | 'neutral' | 'positive';
  score?: number;
  confidence?: number;
  themes?: string[];
  language?: string;
  touchpoint?: string;
  product?: string;
  customerId?: string;
  eventId?: string;
  attributes?: Record<string, string | number | boolean>;
}

/** A FeedbackAnalyzed event for unit tests, with only the fields a test cares about varying. */
export function analyzedFixture(over: FixtureOptions = {}): FeedbackAnalyzed {
  return {
    feedback: {
      eventId: over.eventId ?? '00000000-0000-4000-8000-000000000001',
      tenantId: 'acme',
      integrationId: 'i',
      externalId: 'e',
      channel: over.channel ?? 'survey',
      occurredAt: '2026-11-20T00:00:00.000Z',
      receivedAt: '2026-11-20T00:00:00.000Z',
      text: 'x',
      scores: { nps: over.nps, rating: over.rating, csat: over.csat, ces: over.ces, enps: over.enps },
      customer: { id: over.customerId ?? 'c', annualValue: over.value, tier: over.tier },
      touchpoint: { journey: over.touchpoint ?? 'delivery' },
      product: over.product,
      attributes: over.attributes,
      redactions: [],
    },
    analysis: {
      language: over.language ?? 'en',
      languageConfidence: 1,
      sentiment: { label: over.label ?? 'neutral', score: over.score ?? 0, confidence: over.confidence ?? 1 },
      themes: (over.themes ?? []).map((id) => ({ id, label: id, sentiment: { label: 'negative', score: -0.5 } })),
      keyPhrases: [],
      analyzer: { name: 'a', version: '1' },
      analyzedAt: '2026-11-20T00:00:00.000Z',
    },
  };
}
