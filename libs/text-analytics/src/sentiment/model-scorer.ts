import { extractClauseFeatures } from '../features/extract';
import { LinearModel, softmax } from '../model/linear-model';
import type { PreparedText } from '../text/prepare';
import { emojiValence } from './lexicon';
import { clauseValence } from './lexicon-scorer';
import { polarityFromValence, type Polarity, type TextSentiment } from './polarity';

/** Emoji are strong, language-independent cues; most training sets have few of them, so add them as a prior. */
const EMOJI_LOGIT_PER_POINT = 0.4;

function toPolarity(probabilities: number[], labels: string[]): Polarity {
  const get = (label: string): number => probabilities[labels.indexOf(label)] ?? 0;
  return { negative: get('negative'), neutral: get('neutral'), positive: get('positive') };
}

function emojiLogitShift(tokens: string[]): number {
  let total = 0;
  for (const token of tokens) total += emojiValence(token) ?? 0;
  return total * EMOJI_LOGIT_PER_POINT;
}

function shifted(logits: Float64Array, labels: string[], shift: number): Float64Array {
  if (shift === 0) return logits;
  const out = Float64Array.from(logits);
  const positive = labels.indexOf('positive');
  const negative = labels.indexOf('negative');
  if (positive >= 0) out[positive] += shift / 2;
  if (negative >= 0) out[negative] -= shift / 2;
  return out;
}

/** Three-class sentiment from a trained linear model (id, th, hu): per clause and for the whole text. */
export function scoreWithModel(model: LinearModel, text: PreparedText): TextSentiment {
  const features = extractClauseFeatures(text, model.features);
  const sums = features.map((clause) => model.clauseSums(clause));
  const total = features.reduce((sum, clause) => sum + clause.count, 0);
  let documentShift = 0;
  const clauses = text.clauses.map((clause, index) => {
    const shift = emojiLogitShift(clause.tokens);
    documentShift += clause.weight * shift;
    return toPolarity(softmax(shifted(model.clauseLogits(sums[index], features[index].count), model.labels, shift)), model.labels);
  });
  const documentLogits = model.documentLogits(sums, text.clauses.map((clause) => clause.weight), total);
  return { document: toPolarity(softmax(shifted(documentLogits, model.labels, documentShift)), model.labels), clauses };
}

/**
 * English: AFINN valence plus a binary polarity model trained on part of the wink sentences. The lexicon decides
 * when it has evidence; the model's log-odds are added as extra valence (scaled), so sentences without lexicon
 * words ("it broke after a week") still get a polarity, and texts with no cue at all stay neutral.
 */
const MODEL_VALENCE_PER_LOGIT = 0.6;

export function scoreWithLexiconAndPolarityModel(model: LinearModel, text: PreparedText, language: string): TextSentiment {
  const features = extractClauseFeatures(text, model.features);
  const sums = features.map((clause) => model.clauseSums(clause));
  const total = features.reduce((sum, clause) => sum + clause.count, 0);
  const positive = model.labels.indexOf('positive');
  const negative = model.labels.indexOf('negative');
  const logOdds = (logits: Float64Array): number => logits[positive] - logits[negative];
  let documentValence = 0;
  const clauses = text.clauses.map((clause, index) => {
    const lexical = clauseValence(clause.tokens, clause.negated, language);
    documentValence += clause.weight * lexical;
    return polarityFromValence(lexical + MODEL_VALENCE_PER_LOGIT * logOdds(model.clauseLogits(sums[index], features[index].count)));
  });
  documentValence += MODEL_VALENCE_PER_LOGIT * logOdds(model.documentLogits(sums, text.clauses.map((clause) => clause.weight), total));
  return { document: polarityFromValence(documentValence), clauses };
}
