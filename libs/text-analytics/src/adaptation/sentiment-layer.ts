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

export const DEFAULT_FIT: Required<FitOptions> = { identityPenalty: 5, mixingPenalty: 200, featurePenalty: 0.05, iterations: 400, bits: ADAPTER_FEATURE_BITS };

export function logProbabilities(p: Polarity): number[] {
  return [p.negative, p.neutral, p.positive].map((v) => Math.log(Math.max(MIN_PROBABILITY, v)));
}

function softmax(z: number[]): number[] {
  const max = Math.max(z[0], z[1], z[2]);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e[0] + e[1] + e[2];
  return e.map((v) => v / sum);
}

function logits(a: ArrayLike<number>, b: ArrayLike<number>, u: number[], weightOf: (bucket: number, c: number) => number, h: SparseVector): number[] {
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
  const inputs = examples.map((e) => ({ u: logProbabilities(e.probabilities), h: adapterFeatures(e.text, e.language, bits), y: CLASS_INDEX[e.label] }));
  // Only buckets some corrected text has can get a weight: a compact index over them.
  const buckets = [...new Set(inputs.flatMap((x) => x.h.index))].sort((x, y) => x - y);
  const slot = new Map(buckets.map((bucket, k) => [bucket, k]));
  const nParams = 9 + 3 + 3 * buckets.length;
  const theta = new Float64Array(nParams);
  theta[0] = theta[4] = theta[8] = 1; // A = I
  const grad = new Float64Array(nParams);
  const m = new Float64Array(nParams);
  const v = new Float64Array(nParams);
  const rate = 0.05;
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  const a = theta.subarray(0, 9);
  const b = theta.subarray(9, 12);
  const w = theta.subarray(12);
  const weightOf = (bucket: number, c: number) => w[3 * slot.get(bucket)! + c];
  for (let t = 1; t <= iterations && inputs.length > 0; t++) {
    grad.fill(0);
    for (const { u, h, y } of inputs) {
      const q = softmax(logits(a, b, u, weightOf, h));
      for (let c = 0; c < 3; c++) {
        const g = q[c] - (c === y ? 1 : 0);
        grad[3 * c] += g * u[0];
        grad[3 * c + 1] += g * u[1];
        grad[3 * c + 2] += g * u[2];
        grad[9 + c] += g;
        for (let k = 0; k < h.index.length; k++) grad[12 + 3 * slot.get(h.index[k])! + c] += g * h.value[k];
      }
    }
    for (let i = 0; i < 9; i++) grad[i] += 2 * mixingPenalty * (theta[i] - (i % 4 === 0 ? 1 : 0));
    for (let i = 9; i < 12; i++) grad[i] += 2 * identityPenalty * theta[i];
    for (let i = 12; i < nParams; i++) grad[i] += 2 * featurePenalty * theta[i];
    const step = rate / Math.sqrt(1 + t / 100);
    for (let i = 0; i < nParams; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
      v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];
      theta[i] -= (step * (m[i] / (1 - beta1 ** t))) / (Math.sqrt(v[i] / (1 - beta2 ** t)) + eps);
    }
  }
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return { bits, a: [...a].map(round), b: [...b].map(round), buckets, weights: [...w].map(round) };
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
