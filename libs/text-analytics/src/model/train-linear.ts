import type { ClauseFeatures } from '../features/extract';
import { seededRandom } from '../random';

/** One training document as an aggregated sparse vector (same scaling as LinearModel.documentLogits). */
export interface TrainingExample {
  buckets: Int32Array;
  values: Float32Array;
  label: number;
}

export interface TrainingOptions {
  classes: number;
  bits: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** 'balanced' weighs each class by 1/frequency: macro-F1 rewards getting the rare classes right. */
  classWeighting: 'balanced' | 'none';
  /** Return the mean of the weights after each epoch (Polyak averaging): steadier than the last iterate. */
  averageEpochs?: boolean;
}

export function toExample(clauses: ClauseFeatures[], clauseWeights: number[], label: number): TrainingExample {
  const total = clauses.reduce((sum, clause) => sum + clause.count, 0);
  const norm = 1 / Math.sqrt(Math.max(total, 1));
  const aggregated = new Map<number, number>();
  clauses.forEach((clause, index) => {
    const value = clauseWeights[index] * norm;
    for (const bucket of clause.buckets) aggregated.set(bucket, (aggregated.get(bucket) ?? 0) + value);
  });
  return { buckets: Int32Array.from(aggregated.keys()), values: Float32Array.from(aggregated.values()), label };
}

export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Multinomial logistic regression, AdaGrad SGD with L2 (applied to the weights an example touches). */
export function trainLinear(examples: TrainingExample[], options: TrainingOptions): { weights: Float32Array; bias: Float32Array } {
  const k = options.classes;
  const weights = new Float32Array((1 << options.bits) * k);
  const gradSquares = new Float32Array(weights.length).fill(1e-6);
  const bias = new Float32Array(k);
  const biasSquares = new Float32Array(k).fill(1e-6);
  const counts = new Array<number>(k).fill(0);
  for (const example of examples) counts[example.label]++;
  const classWeight = counts.map((count) => (options.classWeighting === 'balanced' ? examples.length / (k * Math.max(count, 1)) : 1));

  const random = seededRandom(options.seed);
  const order = examples.map((_, index) => index);
  const logits = new Float64Array(k);
  const gradient = new Float64Array(k);
  const weightSum = options.averageEpochs ? new Float64Array(weights.length) : undefined;
  const biasSum = new Float64Array(k);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const index of order) {
      const { buckets, values, label } = examples[index];
      for (let c = 0; c < k; c++) logits[c] = bias[c];
      for (let i = 0; i < buckets.length; i++) {
        const offset = buckets[i] * k;
        for (let c = 0; c < k; c++) logits[c] += weights[offset + c] * values[i];
      }
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, logits[c]);
      let total = 0;
      for (let c = 0; c < k; c++) total += (logits[c] = Math.exp(logits[c] - max));
      for (let c = 0; c < k; c++) gradient[c] = (logits[c] / total - (c === label ? 1 : 0)) * classWeight[label];
      for (let c = 0; c < k; c++) {
        biasSquares[c] += gradient[c] * gradient[c];
        bias[c] -= (options.learningRate * gradient[c]) / Math.sqrt(biasSquares[c]);
      }
      for (let i = 0; i < buckets.length; i++) {
        const offset = buckets[i] * k;
        for (let c = 0; c < k; c++) {
          const g = gradient[c] * values[i] + options.l2 * weights[offset + c];
          gradSquares[offset + c] += g * g;
          weights[offset + c] -= (options.learningRate * g) / Math.sqrt(gradSquares[offset + c]);
        }
      }
    }
    if (weightSum) {
      for (let i = 0; i < weights.length; i++) weightSum[i] += weights[i];
      for (let c = 0; c < k; c++) biasSum[c] += bias[c];
    }
  }
  if (!weightSum) return { weights, bias };
  return { weights: Float32Array.from(weightSum, (sum) => sum / options.epochs), bias: Float32Array.from(biasSum, (sum) => sum / options.epochs) };
}


/**
 * NBSVM-style one-vs-rest training (Wang & Manning 2012): per class, features are scaled by their naive-Bayes
 * log-count ratio (presence in the class vs. the rest), then a binary logistic regression is fit. The ratio is
 * folded back into the weights at the end, so the result is an ordinary linear model over the original features.
 */
export function trainNbLogistic(examples: TrainingExample[], options: TrainingOptions, alpha = 1): { weights: Float32Array; bias: Float32Array } {
  const k = options.classes;
  const dim = 1 << options.bits;
  const presence = new Float64Array(dim * k);
  const classTotals = new Float64Array(k);
  const counts = new Array<number>(k).fill(0);
  for (const { buckets, label } of examples) {
    counts[label]++;
    for (let i = 0; i < buckets.length; i++) presence[buckets[i] * k + label] += 1;
  }
  for (let f = 0; f < dim; f++) for (let c = 0; c < k; c++) classTotals[c] += presence[f * k + c];
  const grandTotal = classTotals.reduce((sum, value) => sum + value, 0);
  const ratios = new Float32Array(dim * k);
  for (let f = 0; f < dim; f++) {
    let row = 0;
    for (let c = 0; c < k; c++) row += presence[f * k + c];
    if (row === 0) continue;
    for (let c = 0; c < k; c++) {
      const inClass = presence[f * k + c];
      const p = (inClass + alpha) / (classTotals[c] + alpha * dim);
      const q = (row - inClass + alpha) / (grandTotal - classTotals[c] + alpha * dim);
      ratios[f * k + c] = Math.log(p / q);
    }
  }
  const weights = new Float32Array(dim * k);
  const bias = new Float32Array(k);
  const random = seededRandom(options.seed);
  for (let c = 0; c < k; c++) {
    const positiveWeight = options.classWeighting === 'balanced' ? examples.length / (2 * Math.max(counts[c], 1)) : 1;
    const negativeWeight = options.classWeighting === 'balanced' ? examples.length / (2 * Math.max(examples.length - counts[c], 1)) : 1;
    const w = new Float32Array(dim);
    const squares = new Float32Array(dim).fill(1e-6);
    let b = 0;
    let biasSquare = 1e-6;
    const order = shuffleInPlace(examples.map((_, index) => index), random);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      shuffleInPlace(order, random);
      for (const index of order) {
        const { buckets, values, label } = examples[index];
        let z = b;
        for (let i = 0; i < buckets.length; i++) z += w[buckets[i]] * values[i] * ratios[buckets[i] * k + c];
        const target = label === c ? 1 : 0;
        const g = (1 / (1 + Math.exp(-z)) - target) * (target ? positiveWeight : negativeWeight);
        biasSquare += g * g;
        b -= (options.learningRate * g) / Math.sqrt(biasSquare);
        for (let i = 0; i < buckets.length; i++) {
          const f = buckets[i];
          const grad = g * values[i] * ratios[f * k + c] + options.l2 * w[f];
          squares[f] += grad * grad;
          w[f] -= (options.learningRate * grad) / Math.sqrt(squares[f]);
        }
      }
    }
    for (let f = 0; f < dim; f++) weights[f * k + c] = w[f] * ratios[f * k + c];
    bias[c] = b;
  }
  return { weights, bias };
}
