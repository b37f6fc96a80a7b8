import { extractClauseFeatures, type FeatureConfig } from '../src/features/extract';
import { hashString, mix } from '../src/features/hash';
import { LinearModel, type LinearModelData } from '../src/model/linear-model';
import { toExample, trainLinear, trainNbLogistic, type TrainingExample, type TrainingOptions } from '../src/model/train-linear';
import { calibratedDistribution, documentValence, SERVICE_LEXICON_WEIGHT, sentimentLogits } from '../src/sentiment/model-scorer';
import { prepareText, type PreparedText } from '../src/text/prepare';
import { applyBias, balancedMacroF1, calibrateBias, fitTemperature, priorRobustMacroF1 } from './calibrate';
import type { LabeledText } from './data';
import { calibrationError, macroF1 } from './metrics';

/** Shared by train.ts (final models) and tune.ts (choices on the dev split). */

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'];

export interface SentimentRecipe {
  features: FeatureConfig;
  epochs: number;
  learningRate: number;
  l2: number;
  averageEpochs?: boolean;
  /** Train this many models on different shuffles and average their weights (less SGD variance; still one model). */
  seeds?: number;
  classWeighting?: 'balanced' | 'none';
  /** 'nblr': NBSVM-style one-vs-rest logistic regression on NB-scaled features; default multinomial LR. */
  algorithm?: 'lr' | 'nblr' | 'lr+nblr';
}

export function toExamples(rows: LabeledText[], language: string, features: FeatureConfig, labels: string[]): TrainingExample[] {
  return rows.map((row) => {
    const prepared = prepareText(row.text, language);
    const clauses = extractClauseFeatures(prepared, features);
    return toExample(clauses, prepared.clauses.map((clause) => clause.weight), labels.indexOf(row.label));
  });
}

/** 'lr+nblr' sums the two models' scores (both linear, so the sum is one linear model): different losses, different errors. */
function trainWith(algorithm: 'lr' | 'nblr' | 'lr+nblr', examples: TrainingExample[], options: TrainingOptions): { weights: Float32Array; bias: Float32Array } {
  if (algorithm === 'lr') return trainLinear(examples, options);
  if (algorithm === 'nblr') return trainNbLogistic(examples, options);
  const a = trainLinear(examples, options);
  const b = trainNbLogistic(examples, options);
  return { weights: a.weights.map((value, i) => value + b.weights[i]), bias: a.bias.map((value, c) => value + b.bias[c]) };
}

export function trainModel(name: string, rows: LabeledText[], language: string, recipe: SentimentRecipe, labels: string[], meta: Record<string, unknown>): LinearModelData {
  const examples = toExamples(rows, language, recipe.features, labels);
  const seeds = recipe.seeds ?? 1;
  let weights: Float32Array | undefined;
  let bias: Float32Array | undefined;
  for (let seed = 0; seed < seeds; seed++) {
    const options = {
      classes: labels.length,
      bits: recipe.features.bits,
      epochs: recipe.epochs,
      learningRate: recipe.learningRate,
      l2: recipe.l2,
      seed: 42 + seed,
      classWeighting: recipe.classWeighting ?? 'balanced',
      averageEpochs: recipe.averageEpochs,
    } as const;
    const trained = trainWith(recipe.algorithm ?? 'lr', examples, options);
    if (!weights || !bias) [weights, bias] = [trained.weights, trained.bias];
    else {
      for (let i = 0; i < weights.length; i++) weights[i] += trained.weights[i];
      for (let c = 0; c < bias.length; c++) bias[c] += trained.bias[c];
    }
  }
  if (!weights || !bias) throw new Error('no model trained');
  if (seeds > 1) {
    for (let i = 0; i < weights.length; i++) weights[i] /= seeds;
    for (let c = 0; c < bias.length; c++) bias[c] /= seeds;
  }
  return { name, labels, features: recipe.features, weights, bias, meta };
}

/** Fold of a row for cross-validation (by hash of the text, like the split itself). */
const FOLDS = 5;
function foldOf(text: string): number {
  return mix(hashString(text, 0xf01d)) % FOLDS;
}

/**
 * Lexicon-prior weights tried by cross-validation. The floor of 0.5 is a deliberate prior, not a fitted value:
 * in-source CV undervalues general cues that matter most on other sources (see docs/text-analytics.md).
 */
export const LEXICON_WEIGHT_GRID = [0.5, 1, 1.5, 2, 3];

export interface FittedSentiment {
  model: LinearModelData;
  /** Out-of-fold diagnostics over the fitting rows (5-fold CV). */
  crossValidation: { macroF1Argmax: number; macroF1: number; balancedMacroF1: number; eceBefore: number; eceAfter: number; lexiconWeight: number; offsets: number[]; temperature: number };
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < values.length; c++) if (values[c] > values[best]) best = c;
  return best;
}

function withPrior(raw: Float64Array, valence: { general: number; service: number }, weight: number, offsets: number[], labels: string[]): Float64Array {
  const out = Float64Array.from(raw, (value, c) => value + offsets[c]);
  const shift = weight * valence.general + SERVICE_LEXICON_WEIGHT * valence.service;
  out[labels.indexOf('positive')] += shift / 2;
  out[labels.indexOf('negative')] -= shift / 2;
  return out;
}

/**
 * The whole recipe, used for the shipped models (train.ts) and for the cross-source models (evaluate.ts):
 *   1. 5-fold CV over the fitting rows gives every row a prediction from a model that did not see it;
 *   2. on those out-of-fold logits choose the lexicon-prior weight and per-class bias offsets (macro-F1), then the
 *      temperature (NLL), so the analyzer's probabilities are calibrated on data the model never saw;
 *   3. train on all fitting rows, apply the offsets, record weight and temperature in the model's meta.
 */
export function fitSentimentModel(name: string, rows: LabeledText[], language: string, recipe: SentimentRecipe, labels: string[], meta: Record<string, unknown>): FittedSentiment {
  const prepared = new Map<string, PreparedText>();
  const prepare = (text: string): PreparedText => {
    let value = prepared.get(text);
    if (!value) prepared.set(text, (value = prepareText(text, language)));
    return value;
  };
  const raw: Float64Array[] = [];
  const valence: { general: number; service: number }[] = [];
  const gold: number[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = new LinearModel(trainModel(name, rows.filter((row) => foldOf(row.text) !== fold), language, recipe, labels, {}));
    for (const row of rows) {
      if (foldOf(row.text) !== fold) continue;
      const text = prepare(row.text);
      raw.push(sentimentLogits(model, text, language, 0).document);
      valence.push(documentValence(text, language));
      gold.push(labels.indexOf(row.label));
    }
  }
  const goldLabels = gold.map((index) => labels[index]);
  const zero = labels.map(() => 0);
  let best = { weight: LEXICON_WEIGHT_GRID[0], offsets: zero, score: -1 };
  // Weight and offsets maximize the mean of plain and class-balanced macro-F1 (priorRobustMacroF1), so they do not
  // simply encode this source's class frequencies.
  for (const weight of LEXICON_WEIGHT_GRID) {
    const logits = raw.map((row, i) => withPrior(row, valence[i], weight, zero, labels));
    const offsets = calibrateBias(logits, goldLabels, labels, priorRobustMacroF1);
    const score = priorRobustMacroF1(goldLabels, logits.map((row) => labels[argmax(row.map((value, c) => value + offsets[c]))]), labels);
    if (score > best.score + 1e-9) best = { weight, offsets, score };
  }
  const calibrated = raw.map((row, i) => withPrior(row, valence[i], best.weight, best.offsets, labels));
  const temperature = fitTemperature(calibrated, gold);
  const ece = (t: number): number => {
    const distributions = calibrated.map((row) => calibratedDistribution(row, labels, t));
    // Binary models: calibration of P(positive) vs P(negative) (the neutral band is a presentation choice).
    const confidences = distributions.map((d) => (labels.length === 2 ? Math.max(d.positive, d.negative) / (d.positive + d.negative) : Math.max(d.negative, d.neutral, d.positive)));
    const correct = calibrated.map((row, i) => argmax(row) === gold[i]);
    return calibrationError(confidences, correct).ece;
  };
  const crossValidation = {
    macroF1Argmax: macroF1(goldLabels, raw.map((row, i) => labels[argmax(withPrior(row, valence[i], best.weight, zero, labels))]), labels),
    macroF1: macroF1(goldLabels, calibrated.map((row) => labels[argmax(row)]), labels),
    balancedMacroF1: balancedMacroF1(goldLabels, calibrated.map((row) => labels[argmax(row)]), labels),
    eceBefore: ece(1),
    eceAfter: ece(temperature),
    lexiconWeight: best.weight,
    offsets: best.offsets,
    temperature,
  };
  const final = trainModel(name, rows, language, recipe, labels, {
    ...meta,
    language,
    rows: rows.length,
    recipe,
    biasOffsets: best.offsets,
    lexiconWeight: best.weight,
    calibration: { method: 'temperature scaling on 5-fold out-of-fold logits', temperature: round(temperature) },
    crossValidation: { macroF1: round(crossValidation.macroF1), balancedMacroF1: round(crossValidation.balancedMacroF1), eceBeforeCalibration: round(crossValidation.eceBefore), eceAfterCalibration: round(crossValidation.eceAfter) },
  });
  return { model: applyBias(final, best.offsets), crossValidation };
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
