import { extractClauseFeatures, type FeatureConfig } from '../src/features/extract';
import type { LinearModelData } from '../src/model/linear-model';
import { toExample, trainLinear, trainNbLogistic, type TrainingExample, type TrainingOptions } from '../src/model/train-linear';
import { prepareText } from '../src/text/prepare';
import type { LabeledText } from './data';

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
