import { npsCategory } from '@loops/contracts';
import { FeedbackFact } from '../facts/feedback-fact';

/** Probability that a customer churns, by what their latest feedback says. Configurable per tenant. */
export interface ChurnModel {
  promoter: number;
  passive: number;
  detractor: number;
  /** No NPS answer, negative sentiment. */
  unscoredNegative: number;
  /** No NPS answer, neutral or positive sentiment. */
  unscoredOther: number;
}

export const DEFAULT_CHURN_MODEL: ChurnModel = { promoter: 0.02, passive: 0.08, detractor: 0.25, unscoredNegative: 0.15, unscoredOther: 0.05 };

export interface RiskLine {
  key: string;
  revenueAtRisk: number;
  customers: number;
}

export interface RevenueAtRisk {
  total: number;
  customers: number;
  byTheme: RiskLine[];
  byTouchpoint: RiskLine[];
}

export function churnProbability(fact: FeedbackFact, model: ChurnModel): number {
  const category = npsCategory(fact.nps ?? undefined);
  if (category) return model[category];
  return fact.sentimentLabel === 'negative' ? model.unscoredNegative : model.unscoredOther;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function ranked(map: Map<string, { risk: number; customers: Set<string> }>): RiskLine[] {
  return [...map]
    .map(([key, v]) => ({ key, revenueAtRisk: round2(v.risk), customers: v.customers.size }))
    .sort((a, b) => b.revenueAtRisk - a.revenueAtRisk || a.key.localeCompare(b.key));
}

/**
 * Revenue at risk = Σ over customers of annual value × churn probability, where each customer counts
 * once, judged by their latest feedback in the window. A customer's risk is attributed in full to every
 * theme they mentioned in the window and to the touchpoint of their latest feedback, so causes can be
 * ranked by money rather than by volume.
 */
export function revenueAtRisk(facts: FeedbackFact[], model: ChurnModel): RevenueAtRisk {
  const byCustomer = new Map<string, { latest: FeedbackFact; themes: Set<string> }>();
  for (const f of facts) {
    const id = f.customerId ?? `feedback:${f.feedbackEventId}`;
    const entry = byCustomer.get(id);
    if (!entry) byCustomer.set(id, { latest: f, themes: new Set(f.themes) });
    else {
      f.themes.forEach((t) => entry.themes.add(t));
      if (f.occurredAt > entry.latest.occurredAt) entry.latest = f;
    }
  }
  const byTheme = new Map<string, { risk: number; customers: Set<string> }>();
  const byTouchpoint = new Map<string, { risk: number; customers: Set<string> }>();
  const add = (map: typeof byTheme, key: string, customer: string, risk: number) => {
    const line = map.get(key) ?? { risk: 0, customers: new Set<string>() };
    line.risk += risk;
    line.customers.add(customer);
    map.set(key, line);
  };
  let total = 0;
  for (const [customer, { latest, themes }] of byCustomer) {
    const risk = (latest.customerValue ?? 0) * churnProbability(latest, model);
    total += risk;
    themes.forEach((t) => add(byTheme, t, customer, risk));
    add(byTouchpoint, latest.touchpoint, customer, risk);
  }
  return { total: round2(total), customers: byCustomer.size, byTheme: ranked(byTheme), byTouchpoint: ranked(byTouchpoint) };
}
