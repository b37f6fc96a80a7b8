import { extractClauseFeatures, type FeatureConfig } from '../src/features/extract';
import type { LinearModelData } from '../src/model/linear-model';
import { toExample, trainLinear, type TrainingExample } from '../src/model/train-linear';
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
}

export function toExamples(rows: LabeledText[], language: string, features: FeatureConfig, labels: string[]): TrainingExample[] {
  return rows.map((row) => {
    const prepared = prepareText(row.text, language);
    const clauses = extractClauseFeatures(prepared, features);
    return toExample(clauses, prepared.clauses.map((clause) => clause.weight), labels.indexOf(row.label));
  });
}

export function trainModel(name: string, rows: LabeledText[], language: string, recipe: SentimentRecipe, labels: string[], meta: Record<string, unknown>): LinearModelData {
  const examples = toExamples(rows, language, recipe.features, labels);
  const { weights, bias } = trainLinear(examples, {
    classes: labels.length,
    bits: recipe.features.bits,
    epochs: recipe.epochs,
    learningRate: recipe.learningRate,
    l2: recipe.l2,
    seed: 42,
    classWeighting: 'balanced',
    averageEpochs: recipe.averageEpochs,
  });
  return { name, labels, features: recipe.features, weights, bias, meta };
}
