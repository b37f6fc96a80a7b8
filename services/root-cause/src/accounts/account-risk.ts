import { FeedbackFact } from '../facts/feedback-fact';
import { ChurnModel, churnProbability } from '../revenue/revenue-at-risk';
import { nps } from '../drivers/key-drivers';
import { npsCategory } from '@loops/contracts';

/** One B2B account as an account manager sees it: what it is worth, how likely it is to leave, and why. */
export interface AccountRisk {
  accountId: string;
  /** The account's annual value: the largest `customer.annualValue` its respondents carry. */
  annualValue: number;
  /** Mean over the account's respondents of each one's churn probability, judged by their latest feedback. */
  churnProbability: number;
  revenueAtRisk: number;
  respondents: number;
  feedbackItems: number;
  nps: number | null;
  npsResponses: number;
  negativeShare: number | null;
  topThemes: string[];
  lastFeedbackAt: string;
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/**
 * Rolls respondents up to their accounts. Integrations send each respondent with the account's contract
 * value, so the account's value is the largest one seen (summing would count the contract once per
 * respondent). The account's churn probability is the mean of its respondents' probabilities, each from
 * that respondent's latest feedback (the churn model of revenue at risk), so one angry user among five
 * content ones raises the risk without deciding it. Ranked by revenue at risk, largest first.
 */
export function accountRisks(facts: FeedbackFact[], model: ChurnModel): AccountRisk[] {
  const accounts = new Map<string, FeedbackFact[]>();
  for (const f of facts) {
    if (!f.accountId) continue;
    const list = accounts.get(f.accountId) ?? [];
    list.push(f);
    accounts.set(f.accountId, list);
  }
  const out: AccountRisk[] = [];
  for (const [accountId, items] of accounts) {
    const latestByRespondent = new Map<string, FeedbackFact>();
    for (const f of items) {
      const respondent = f.customerId ?? `feedback:${f.feedbackEventId}`;
      const seen = latestByRespondent.get(respondent);
      if (!seen || f.occurredAt > seen.occurredAt) latestByRespondent.set(respondent, f);
    }
    const probabilities = [...latestByRespondent.values()].map((f) => churnProbability(f, model));
    const churn = probabilities.reduce((a, b) => a + b, 0) / probabilities.length;
    const annualValue = Math.max(0, ...items.map((f) => f.customerValue ?? 0));
    const scored = items.filter((f) => f.nps !== null);
    const promoters = scored.filter((f) => npsCategory(f.nps!) === 'promoter').length;
    const detractors = scored.filter((f) => npsCategory(f.nps!) === 'detractor').length;
    const themeCounts = new Map<string, number>();
    items.filter((f) => f.sentimentLabel === 'negative').forEach((f) => f.themes.forEach((t) => themeCounts.set(t, (themeCounts.get(t) ?? 0) + 1)));
    out.push({
      accountId,
      annualValue: round(annualValue, 2),
      churnProbability: round(churn, 4),
      revenueAtRisk: round(annualValue * churn, 2),
      respondents: latestByRespondent.size,
      feedbackItems: items.length,
      nps: nps({ npsCount: scored.length, promoters, detractors }),
      npsResponses: scored.length,
      negativeShare: items.length > 0 ? round(items.filter((f) => f.sentimentLabel === 'negative').length / items.length, 4) : null,
      topThemes: [...themeCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([t]) => t),
      lastFeedbackAt: new Date(Math.max(...items.map((f) => f.occurredAt.getTime()))).toISOString(),
    });
  }
  return out.sort((a, b) => b.revenueAtRisk - a.revenueAtRisk || a.accountId.localeCompare(b.accountId));
}
