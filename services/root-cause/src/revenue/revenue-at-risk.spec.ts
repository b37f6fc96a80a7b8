import { FeedbackFact } from '../facts/feedback-fact';
import { DEFAULT_CHURN_MODEL, revenueAtRisk } from './revenue-at-risk';

function fact(id: string, customer: string | null, value: number | null, nps: number | null, themes: string[], touchpoint: string, at: string, label: FeedbackFact['sentimentLabel'] = 'neutral'): FeedbackFact {
  return { feedbackEventId: id, tenantId: 't', occurredAt: new Date(at), touchpoint, channel: 'survey', segment: '-', customerId: customer, accountId: null, customerValue: value, nps, csat: null, ces: null, sentimentLabel: label, sentimentScore: 0, themes, keyPhrases: [], analyzer: 'x' };
}

describe('revenue at risk', () => {
  it('counts each customer once, by their latest feedback, and attributes risk to themes and touchpoints', () => {
    const result = revenueAtRisk(
      [
        // Customer A (10,000): was a promoter, latest answer is a detractor → 0.25 × 10,000 = 2,500.
        fact('1', 'A', 10000, 9, ['price'], 'checkout', '2026-11-01T10:00:00Z'),
        fact('2', 'A', 10000, 3, ['delivery'], 'delivery', '2026-11-02T10:00:00Z'),
        // Customer B (4,000): passive → 0.08 × 4,000 = 320.
        fact('3', 'B', 4000, 7, ['delivery'], 'delivery', '2026-11-02T11:00:00Z'),
        // No NPS, negative text, 2,000 → 0.15 × 2,000 = 300.
        fact('4', 'C', 2000, null, ['billing'], 'billing', '2026-11-03T09:00:00Z', 'negative'),
        // Unknown value adds a customer but no money.
        fact('5', null, null, 1, ['delivery'], 'delivery', '2026-11-03T09:30:00Z'),
      ],
      DEFAULT_CHURN_MODEL,
    );
    expect(result.total).toBe(3120);
    expect(result.customers).toBe(4);
    expect(result.byTheme).toEqual([
      { key: 'delivery', revenueAtRisk: 2820, customers: 3 },
      { key: 'price', revenueAtRisk: 2500, customers: 1 },
      { key: 'billing', revenueAtRisk: 300, customers: 1 },
    ]);
    expect(result.byTouchpoint).toEqual([
      { key: 'delivery', revenueAtRisk: 2820, customers: 3 },
      { key: 'billing', revenueAtRisk: 300, customers: 1 },
    ]);
  });
});
