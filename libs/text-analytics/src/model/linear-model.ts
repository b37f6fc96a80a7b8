import type { ClauseFeatures, FeatureConfig } from '../features/extract';

/** A multinomial linear classifier over hashed features (weights laid out bucket-major: w[bucket * K + class]). */
export interface LinearModelData {
  name: string;
  labels: string[];
  features: FeatureConfig;
  weights: Float32Array;
  bias: Float32Array;
  /** Free-form provenance written by the training script (data set, split, date). */
  meta: Record<string, unknown>;
}

export class LinearModel {
  readonly labels: string[];
  readonly features: FeatureConfig;
  private readonly classes: number;

  constructor(readonly data: LinearModelData) {
    this.labels = data.labels;
    this.features = data.features;
    this.classes = data.labels.length;
  }

  /** Sum of weights of one clause's buckets, per class, before length normalization and bias. */
  clauseSums(clause: ClauseFeatures): Float64Array {
    const sums = new Float64Array(this.classes);
    const { weights } = this.data;
    const k = this.classes;
    for (const bucket of clause.buckets) {
      const offset = bucket * k;
      for (let c = 0; c < k; c++) sums[c] += weights[offset + c];
    }
    return sums;
  }

  /**
   * Document logits from per-clause sums. Features are scaled by 1/sqrt(total count) (so long texts are not
   * over-confident) and by the clause weight (contrast handling); training uses exactly the same scaling.
   */
  documentLogits(clauseSums: Float64Array[], clauseWeights: number[], totalCount: number): Float64Array {
    const logits = Float64Array.from(this.data.bias);
    const norm = 1 / Math.sqrt(Math.max(totalCount, 1));
    clauseSums.forEach((sums, index) => {
      const scale = clauseWeights[index] * norm;
      for (let c = 0; c < this.classes; c++) logits[c] += sums[c] * scale;
    });
    return logits;
  }

  clauseLogits(sums: Float64Array, count: number): Float64Array {
    const logits = Float64Array.from(this.data.bias);
    const norm = 1 / Math.sqrt(Math.max(count, 1));
    for (let c = 0; c < this.classes; c++) logits[c] += sums[c] * norm;
    return logits;
  }
}

export function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const exps: number[] = [];
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    const value = Math.exp(logits[i] - max);
    exps.push(value);
    total += value;
  }
  return exps.map((value) => value / total);
}
