import { FeedbackFact } from '../facts/feedback-fact';
import { DEFAULT_CHURN_MODEL } from '../revenue/revenue-at-risk';
import { accountRisks } from './account-risk';

function fact(id: string, account: string | null, customer: string, value: number, npsScore: number | null, at: string, themes: string[] = [], label: FeedbackFact['sentimentLabel'] = 'neutral'): FeedbackFact {
  return {
    feedbackEventId: id, tenantId: 't', occurredAt: new Date(at), touchpoint: 'support', channel: 'survey', segment: '-',
    customerId: customer, accountId: account, customerValue: value, nps: npsScore, csat: null, ces: null,
    sentimentLabel: label, sentimentScore: 0, themes, keyPhrases: [], analyzer: 'x',
  };
}

describe('accountRisks', () => {
  const facts = [
    // acme: three respondents carrying the account's 100k contract; one detractor (latest), two promoters.
    fact('1', 'acme', 'a1', 100_000, 9, '2026-11-01T00:00:00Z'),
    fact('2', 'acme', 'a1', 100_000, 2, '2026-11-03T00:00:00Z', ['billing'], 'negative'),
    fact('3', 'acme', 'a2', 100_000, 10, '2026-11-02T00:00:00Z'),
    fact('4', 'acme', 'a3', 100_000, 9, '2026-11-02T00:00:00Z'),
    // globex: one passive respondent on a 500k contract.
    fact('5', 'globex', 'g1', 500_000, 7, '2026-11-02T00:00:00Z'),
    // no account: a B2C respondent, not in any account's figures.
    fact('6', null, 'c1', 1_000_000, 0, '2026-11-02T00:00:00Z'),
  ];

  it('takes the contract value once per account and averages the respondents\' churn from their latest feedback', () => {
    const [globex, acme] = accountRisks(facts, DEFAULT_CHURN_MODEL);
    expect(acme.accountId).toBe('acme');
    expect(acme.annualValue).toBe(100_000);
    expect(acme.respondents).toBe(3);
    expect(acme.feedbackItems).toBe(4);
    // a1's latest is a detractor (0.25); a2 and a3 promoters (0.02 each): mean 0.0967.
    expect(acme.churnProbability).toBeCloseTo((0.25 + 0.02 + 0.02) / 3, 4);
    expect(acme.revenueAtRisk).toBeCloseTo(100_000 * ((0.25 + 0.02 + 0.02) / 3), 0);
    // 3 promoters and 1 detractor of 4 answers.
    expect(acme.nps).toBe(50);
    expect(acme.topThemes).toEqual(['billing']);
    expect(acme.lastFeedbackAt).toBe('2026-11-03T00:00:00.000Z');
    expect(globex).toMatchObject({ accountId: 'globex', annualValue: 500_000, churnProbability: 0.08, revenueAtRisk: 40_000 });
  });

  it('ranks by revenue at risk and leaves feedback without an account out', () => {
    const ranked = accountRisks(facts, DEFAULT_CHURN_MODEL);
    expect(ranked.map((a) => a.accountId)).toEqual(['globex', 'acme']);
  });
});
