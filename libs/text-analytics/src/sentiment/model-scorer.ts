import { extractClauseFeatures } from '../features/extract';
import { LinearModel, softmax } from '../model/linear-model';
import type { PreparedText } from '../text/prepare';
import { clauseValence } from './lexicon-scorer';
import type { Polarity, TextSentiment } from './polarity';

function toPolarity(probabilities: number[], labels: string[]): Polarity {
  const get = (label: string): number => probabilities[labels.indexOf(label)] ?? 0;
  return { negative: get('negative'), neutral: get('neutral'), positive: get('positive') };
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

/**
 * Three-class sentiment from a trained linear model, per clause and for the whole text. Lexicon valence
 * (emoji, AFINN, the language's hand lexicon, with negation) is added as a logit prior scaled by `lexiconWeight`:
 * the training sets are small and from one domain each (Thai social posts, Hungarian news), and the prior carries
 * general knowledge ("😡", "ramah", "kedves") into customer feedback. Weights per language are chosen on dev.
 */
export function scoreWithModel(model: LinearModel, text: PreparedText, language: string, lexiconWeight: number): TextSentiment {
  const features = extractClauseFeatures(text, model.features);
  const sums = features.map((clause) => model.clauseSums(clause));
  const total = features.reduce((sum, clause) => sum + clause.count, 0);
  let documentShift = 0;
  const clauses = text.clauses.map((clause, index) => {
    const shift = lexiconWeight === 0 ? 0 : lexiconWeight * clauseValence(clause.tokens, clause.negated, language);
    documentShift += clause.weight * shift;
    return toPolarity(softmax(shifted(model.clauseLogits(sums[index], features[index].count), model.labels, shift)), model.labels);
  });
  const documentLogits = model.documentLogits(sums, text.clauses.map((clause) => clause.weight), total);
  return { document: toPolarity(softmax(shifted(documentLogits, model.labels, documentShift)), model.labels), clauses };
}
