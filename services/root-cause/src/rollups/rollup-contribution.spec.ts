import { FeedbackAnalyzed } from '@loops/contracts';
import { factOf } from '../facts/feedback-fact';
import { aggregate, bucketStart } from './rollup-contribution';

function item(nps: number, themes: string[], label: 'negative' | 'positive', score: number): FeedbackAnalyzed {
  return {
    feedback: {
      eventId: '00000000-0000-4000-8000-000000000001',
      tenantId: 'acme',
      integrationId: 'survey-tool',
      externalId: 'x',
      channel: 'survey',
      occurredAt: '2026-11-18T10:15:00.000Z',
      receivedAt: '2026-11-18T10:15:01.000Z',
      text: '',
      scores: { nps, csat: 4 },
      touchpoint: { journey: 'checkout' },
      redactions: [],
    },
    analysis: {
      language: 'en',
      languageConfidence: 1,
      sentiment: { label, score, confidence: 0.9 },
      themes: themes.map((id) => ({ id, label: id, sentiment: { label, score } })),
      keyPhrases: [],
      analyzer: { name: 't', version: '1' },
      analyzedAt: '2026-11-18T10:15:02.000Z',
    },
  };
}

describe('rollup contributions', () => {
  it('buckets by UTC hour, day and ISO week starting Monday', () => {
    const at = new Date('2026-11-18T10:15:00Z'); // a Wednesday
    expect(bucketStart(at, 'hour')).toBe('2026-11-18T10:00:00.000Z');
    expect(bucketStart(at, 'day')).toBe('2026-11-18T00:00:00.000Z');
    expect(bucketStart(at, 'week')).toBe('2026-11-16T00:00:00.000Z');
    expect(bucketStart(new Date('2026-11-22T23:59:00Z'), 'week')).toBe('2026-11-16T00:00:00.000Z');
  });

  it('counts every item once in the all-themes row and once per theme it mentions', () => {
    const rows = aggregate([item(2, ['delivery'], 'negative', -0.8), item(10, [], 'positive', 0.6)].map(factOf));
    const dayAll = rows.find((r) => r.key.bucketSize === 'day' && r.key.theme === '*')!;
    expect(dayAll.counts).toMatchObject({ count: 2, npsCount: 2, promoters: 1, detractors: 1, csatTop2: 2, negativeCount: 1 });
    expect(dayAll.counts.sentimentSum).toBeCloseTo(-0.2);
    const dayDelivery = rows.find((r) => r.key.bucketSize === 'day' && r.key.theme === 'delivery')!;
    expect(dayDelivery.counts).toMatchObject({ count: 1, detractors: 1 });
    expect(rows).toHaveLength(6);
  });
});
