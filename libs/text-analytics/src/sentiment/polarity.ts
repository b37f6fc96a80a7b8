import type { SentimentLabel } from '../types';

/** A distribution over the three sentiment classes. */
export interface Polarity {
  negative: number;
  neutral: number;
  positive: number;
}

export const NEUTRAL: Polarity = { negative: 0, neutral: 1, positive: 0 };

/** Per-item sentiment before survey evidence: the whole text and each clause (for aspect sentiment). */
export interface TextSentiment {
  document: Polarity;
  clauses: Polarity[];
}

export function labelOf(polarity: Polarity): SentimentLabel {
  if (polarity.neutral >= polarity.negative && polarity.neutral >= polarity.positive) return 'neutral';
  return polarity.positive > polarity.negative ? 'positive' : 'negative';
}

/** -1..1: expected polarity (P(positive) - P(negative)). */
export function scoreOf(polarity: Polarity): number {
  return polarity.positive - polarity.negative;
}

export function confidenceOf(polarity: Polarity): number {
  return Math.max(polarity.negative, polarity.neutral, polarity.positive);
}

/** Irony flips the polar mass; neutral stays where it is. */
export function swapPolarity(polarity: Polarity): Polarity {
  return { negative: polarity.positive, neutral: polarity.neutral, positive: polarity.negative };
}

/**
 * Lexicon valence (a sum of word scores) to a distribution: the more evidence, the less neutral mass,
 * saturating exponentially (TAU = valence at which 63% of the mass is polar).
 */
const TAU = 1.5;
export function polarityFromValence(valence: number): Polarity {
  const strength = 1 - Math.exp(-Math.abs(valence) / TAU);
  return valence >= 0 ? { negative: 0, neutral: 1 - strength, positive: strength } : { negative: strength, neutral: 1 - strength, positive: 0 };
}
