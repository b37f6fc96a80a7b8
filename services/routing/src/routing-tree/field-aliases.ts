/** Short names for the fields routing rules use most; any dotted path into the event also works. */
export const FIELD_ALIASES: Record<string, string> = {
  nps: 'feedback.scores.nps',
  csat: 'feedback.scores.csat',
  ces: 'feedback.scores.ces',
  rating: 'feedback.scores.rating',
  enps: 'feedback.scores.enps',
  channel: 'feedback.channel',
  touchpoint: 'feedback.touchpoint.journey',
  step: 'feedback.touchpoint.step',
  product: 'feedback.product',
  location: 'feedback.location',
  tier: 'feedback.customer.tier',
  segment: 'feedback.customer.segment',
  customerValue: 'feedback.customer.annualValue',
  sentiment: 'analysis.sentiment.label',
  sentimentScore: 'analysis.sentiment.score',
  /** 0..1, the probability of the analysed label (calibrated per language). */
  confidence: 'analysis.sentiment.confidence',
  language: 'analysis.language',
  theme: 'analysis.themeIds',
};

const ROOTS = new Set(['feedback', 'analysis']);

export function resolveField(field: string): string[] | undefined {
  const path = (FIELD_ALIASES[field] ?? field).split('.');
  return ROOTS.has(path[0]) && path.every((p) => /^[A-Za-z0-9_-]+$/.test(p)) ? path : undefined;
}
