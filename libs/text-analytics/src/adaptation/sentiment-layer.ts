import type { Polarity } from '../sentiment/polarity';
import type { SentimentLabel } from '../types';
import { ADAPTER_FEATURE_BITS, adapterFeatures, type SparseVector } from './adapter-features';
import type { SentimentLayer } from './tenant-adapter';

/** Log of a probability, floored so a class the base model rules out entirely can still be learned. */
const MIN_PROBABILITY = 1e-3;
const CLASS_INDEX: Record<SentimentLabel, number> = { negative: 0, neutral: 1, positive: 2 };

export interface SentimentExample {
  text: string;
  language: string;
  /** The shipped model's text distribution for this text. */
  probabilities: Polarity;
  /** What the analyst says. */
  label: SentimentLabel;
}

export interface FitOptions {
  /** Ridge pull of b toward zero: large, so a few corrections do not move every text. */
  identityPenalty?: number;
  /** Ridge pull of A toward identity. Its inputs are log-probabilities (magnitudes up to ~7), so its gradient is
   *  that many times larger than b's: without a stronger pull a few corrections would re-weigh every text. */
  mixingPenalty?: number;
  /** Ridge on the text-feature weights: small, so corrected texts (and texts like them) do move. */
  featurePenalty?: number;
  iterations?: number;
  bits?: number;
}

export const DEFAULT_FIT: Required<FitOptions> = {
  identityPenalty: 5,
  mixingPenalty: 200,
  featurePenalty: 0.05,
  iterations: 400,
  bits: ADAPTER_FEATURE_BITS,
};

export function logProbabilities(p: Polarity): number[] {
  return [p.negative, p.neutral, p.positive].map((v) => Math.log(Math.max(MIN_PROBABILITY, v)));
}

function softmax(z: number[]): number[] {
  const max = Math.max(z[0], z[1], z[2]);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e[0] + e[1] + e[2];
  return e.map((v) => v / sum);
}

function logits(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  u: number[],
  weightOf: (bucket: number, c: number) => number,
  h: SparseVector,
): number[] {
  const z = [0, 0, 0];
  for (let c = 0; c < 3; c++) {
    let v = b[c] + a[3 * c] * u[0] + a[3 * c + 1] * u[1] + a[3 * c + 2] * u[2];
    for (let k = 0; k < h.index.length; k++) v += weightOf(h.index[k], c) * h.value[k];
    z[c] = v;
  }
  return z;
}

/**
 * Fits the layer by minimising cross-entropy on the corrections plus the two ridge terms (convex), with Adam on
 * full batches: deterministic (no sampling), a few hundred passes over at most a few thousand texts, well under
 * a second. Identity when there are no examples.
 */
export function fitSentimentLayer(examples: SentimentExample[], options: FitOptions = {}): SentimentLayer {
  const { identityPenalty, mixingPenalty, featurePenalty, iterations, bits } = { ...DEFAULT_FIT, ...options };
  const features = examples.map((e) => adapterFeatures(e.text, e.language, bits));
  // Only buckets some corrected text has can get a weight: a compact index over them, resolved once per text.
  const buckets = [...new Set(features.flatMap((h) => h.index))].sort((x, y) => x - y);
  const slotOf = new Map(buckets.map((bucket, k) => [bucket, k]));
  const inputs = examples.map((e, i) => ({
    u: logProbabilities(e.probabilities),
    slots: Int32Array.from(features[i].index, (bucket) => 12 + 3 * slotOf.get(bucket)!),
    values: Float64Array.from(features[i].value),
    y: CLASS_INDEX[e.label],
  }));
  const nParams = 9 + 3 + 3 * buckets.length;
  const theta = new Float64Array(nParams);
  theta[0] = theta[4] = theta[8] = 1; // A = I
  const grad = new Float64Array(nParams);
  const m = new Float64Array(nParams);
  const v = new Float64Array(nParams);
  const rate = 0.05;
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  const z = [0, 0, 0];
  for (let t = 1; t <= iterations && inputs.length > 0; t++) {
    grad.fill(0);
    for (const { u, slots, values, y } of inputs) {
      for (let c = 0; c < 3; c++) {
        let zc = theta[9 + c] + theta[3 * c] * u[0] + theta[3 * c + 1] * u[1] + theta[3 * c + 2] * u[2];
        for (let k = 0; k < slots.length; k++) zc += theta[slots[k] + c] * values[k];
        z[c] = zc;
      }
      const max = Math.max(z[0], z[1], z[2]);
      const e0 = Math.exp(z[0] - max);
      const e1 = Math.exp(z[1] - max);
      const e2 = Math.exp(z[2] - max);
      const sum = e0 + e1 + e2;
      const q = [e0 / sum, e1 / sum, e2 / sum];
      for (let c = 0; c < 3; c++) {
        const g = q[c] - (c === y ? 1 : 0);
        grad[3 * c] += g * u[0];
        grad[3 * c + 1] += g * u[1];
        grad[3 * c + 2] += g * u[2];
        grad[9 + c] += g;
        for (let k = 0; k < slots.length; k++) grad[slots[k] + c] += g * values[k];
      }
    }
    for (let i = 0; i < 9; i++) grad[i] += 2 * mixingPenalty * (theta[i] - (i % 4 === 0 ? 1 : 0));
    for (let i = 9; i < 12; i++) grad[i] += 2 * identityPenalty * theta[i];
    for (let i = 12; i < nParams; i++) grad[i] += 2 * featurePenalty * theta[i];
    const step = rate / Math.sqrt(1 + t / 100);
    const c1 = 1 - beta1 ** t;
    const c2 = 1 - beta2 ** t;
    for (let i = 0; i < nParams; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
      v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];
      theta[i] -= (step * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
    }
  }
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    bits,
    a: [...theta.subarray(0, 9)].map(round),
    b: [...theta.subarray(9, 12)].map(round),
    buckets,
    weights: [...theta.subarray(12)].map(round),
  };
}

/** Compiled form of a stored layer for fast application (bucket → weights lookup). */
export class CompiledSentimentLayer {
  private readonly slot: Map<number, number>;

  constructor(private readonly layer: SentimentLayer) {
    this.slot = new Map(layer.buckets.map((bucket, k) => [bucket, k]));
  }

  /** The adapted text distribution of one text. */
  apply(text: string, language: string, probabilities: Polarity): Polarity {
    const h = adapterFeatures(text, language, this.layer.bits);
    const weights = this.layer.weights;
    const weightOf = (bucket: number, c: number) => {
      const k = this.slot.get(bucket);
      return k === undefined ? 0 : weights[3 * k + c];
    };
    const q = softmax(logits(this.layer.a, this.layer.b, logProbabilities(probabilities), weightOf, h));
    return { negative: q[0], neutral: q[1], positive: q[2] };
  }
}
