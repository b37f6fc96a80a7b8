import { extractClauseFeatures } from '../features/extract';
import { LinearModel, softmax } from '../model/linear-model';
import type { PreparedText } from '../text/prepare';
import { serviceLexiconFor } from './lexicon';
import { clauseValence } from './lexicon-scorer';
import { NEUTRAL, type Polarity, type TextSentiment } from './polarity';

/** Calibration written into a sentiment model's `meta` by scripts/train.ts (fitted on out-of-fold predictions). */
export interface SentimentCalibration {
  /** Logits are divided by it before the softmax (temperature scaling, Guo et al. 2017). */
  temperature: number;
}

/** The model's fitted temperature; 1 for models trained before calibration existed. */
export function temperatureOf(model: LinearModel): number {
  const calibration = model.data.meta.calibration as SentimentCalibration | undefined;
  const temperature = calibration?.temperature;
  return typeof temperature === 'number' && temperature > 0 ? temperature : 1;
}

/** Adds `shift` to the positive logit and removes it from the negative one (half each). */
function shifted(logits: Float64Array, labels: string[], shift: number): Float64Array {
  if (shift === 0) return logits;
  const out = Float64Array.from(logits);
  const positive = labels.indexOf('positive');
  const negative = labels.indexOf('negative');
  if (positive >= 0) out[positive] += shift / 2;
  if (negative >= 0) out[negative] -= shift / 2;
  return out;
}

// Binary (negative/positive) models have no neutral class. Neutral mass is highest when the calibrated margin z is
// 0 (no evidence either way) and fades as |z| grows: n(z) = N0 * exp(-z^2 / (2 W^2)). Polar mass is split by the
// calibrated binary probability, so P(pos) / (P(pos) + P(neg)) stays exactly the calibrated sigmoid(z).
// With N0 = 0.4, W = 0.25 the label is neutral only for |z| < ~0.13 (calibrated P(positive) within ~0.47-0.53):
// narrow on purpose, the model was trained on polar reviews only and has no notion of a neutral text.
const BINARY_NEUTRAL_AT_ZERO = 0.4;
const BINARY_NEUTRAL_WIDTH = 0.25;

/** Class distribution from raw logits: temperature-scaled softmax; binary models get a neutral band (above). */
export function calibratedDistribution(logits: ArrayLike<number>, labels: string[], temperature: number): Polarity {
  const negative = labels.indexOf('negative');
  const positive = labels.indexOf('positive');
  if (labels.length === 2 && negative >= 0 && positive >= 0) {
    const z = (logits[positive] - logits[negative]) / temperature;
    const p = 1 / (1 + Math.exp(-z));
    const n = BINARY_NEUTRAL_AT_ZERO * Math.exp(-(z * z) / (2 * BINARY_NEUTRAL_WIDTH * BINARY_NEUTRAL_WIDTH));
    return { negative: (1 - n) * (1 - p), neutral: n, positive: (1 - n) * p };
  }
  const probabilities = softmax(Array.from(logits, (value) => value / temperature));
  const get = (label: string): number => probabilities[labels.indexOf(label)] ?? 0;
  return { negative: get('negative'), neutral: get('neutral'), positive: get('positive') };
}

/**
 * Fixed logit weight of the customer-service lexicon (complaint events: refund, delayed, on hold, 환불, รอสาย, ...).
 * A prior, not a fitted value: no training set contains customer-service text, so cross-validation cannot see it.
 */
export const SERVICE_LEXICON_WEIGHT = 1;

/** General and customer-service lexicon valence of one clause (the prior before its weights). */
function clauseValences(clause: PreparedText['clauses'][number], language: string): { general: number; service: number } {
  return {
    general: clauseValence(clause.tokens, clause.negated, language, clause.question),
    service: clauseValence(clause.tokens, clause.negated, language, clause.question, serviceLexiconFor(language)),
  };
}

/** Raw (uncalibrated) logits of the document and of each clause, lexicon prior included. Shared with training. */
export function sentimentLogits(model: LinearModel, text: PreparedText, language: string, lexiconWeight: number): { document: Float64Array; clauses: Float64Array[] } {
  const features = extractClauseFeatures(text, model.features);
  const sums = features.map((clause) => model.clauseSums(clause));
  const total = features.reduce((sum, clause) => sum + clause.count, 0);
  let documentShift = 0;
  const clauses = text.clauses.map((clause, index) => {
    const valences = clauseValences(clause, language);
    const shift = lexiconWeight * valences.general + SERVICE_LEXICON_WEIGHT * valences.service;
    documentShift += clause.weight * shift;
    return shifted(model.clauseLogits(sums[index], features[index].count), model.labels, shift);
  });
  const documentLogits = model.documentLogits(sums, text.clauses.map((clause) => clause.weight), total);
  return { document: shifted(documentLogits, model.labels, documentShift), clauses };
}

/** The document's lexicon valences (clause-weighted), the prior before its weights: training tunes the general one. */
export function documentValence(text: PreparedText, language: string): { general: number; service: number } {
  const total = { general: 0, service: 0 };
  for (const clause of text.clauses) {
    const valences = clauseValences(clause, language);
    total.general += clause.weight * valences.general;
    total.service += clause.weight * valences.service;
  }
  return total;
}

/**
 * Sentiment from a trained linear model, per clause and for the whole text, as calibrated distributions. Lexicon
 * valence (emoji, AFINN, the language's hand and customer-service lexicons, with negation) is added as a logit
 * prior scaled by `lexiconWeight`: the training sets are from one source each (tweets, movie reviews, Thai social
 * posts, Hungarian news), and the prior carries general customer-feedback cues ("refund", "😡", "ramah") into them.
 */
export function scoreWithModel(model: LinearModel, text: PreparedText, language: string, lexiconWeight: number): TextSentiment {
  // No words at all ("...", an empty comment): no evidence, whatever the model's bias would say.
  if (text.tokenCount === 0) return { document: NEUTRAL, clauses: [] };
  const temperature = temperatureOf(model);
  const logits = sentimentLogits(model, text, language, lexiconWeight);
  return {
    document: calibratedDistribution(logits.document, model.labels, temperature),
    clauses: logits.clauses.map((clause) => calibratedDistribution(clause, model.labels, temperature)),
  };
}
