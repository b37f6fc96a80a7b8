import type { LinearModelData } from '../src/model/linear-model';
import { softmax } from '../src/model/linear-model';
import { macroF1 as plainMacroF1 } from './metrics';

/**
 * Per-class bias offsets chosen on out-of-fold predictions to maximize macro-F1 (classic threshold moving: the
 * training loss optimizes likelihood, the task is judged by macro-F1). Searched on a coarse grid for every
 * class except the first, which stays the reference.
 */
/**
 * Macro-F1 with every class weighted to equal total mass, i.e. the macro-F1 expected on a class-balanced sample:
 * offsets chosen with it do not encode the training source's class frequencies (48 % neutral tweets, 58 % positive
 * SmSA reviews), which another source will not share.
 */
export function balancedMacroF1(gold: string[], predicted: string[], labels: string[]): number {
  const counts = new Map<string, number>();
  for (const label of gold) counts.set(label, (counts.get(label) ?? 0) + 1);
  let total = 0;
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const weight = 1 / (counts.get(g) ?? 1);
      if (predicted[i] === label && g === label) tp += weight;
      else if (predicted[i] === label) fp += weight;
      else if (g === label) fn += weight;
    });
    total += tp > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0;
  }
  return total / labels.length;
}

/**
 * The objective for offsets and the lexicon weight: the mean of macro-F1 on this source's class mix and on a
 * class-balanced one. Another source's mix is unknown (customer tweets are mostly complaints, TweetEval is 48 %
 * neutral), so neither this source's frequencies nor a uniform prior alone is the right target.
 */
export function priorRobustMacroF1(gold: string[], predicted: string[], labels: string[]): number {
  return (plainMacroF1(gold, predicted, labels) + balancedMacroF1(gold, predicted, labels)) / 2;
}

export function calibrateBias(devLogits: Float64Array[], gold: string[], labels: string[], score: (gold: string[], predicted: string[], labels: string[]) => number = plainMacroF1): number[] {
  const steps = [-1.5, -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.5];
  const macroF1 = score;
  const predict = (offsets: number[]): string[] =>
    devLogits.map((logits) => {
      let best = 0;
      for (let c = 1; c < logits.length; c++) if (logits[c] + offsets[c] > logits[best] + offsets[best]) best = c;
      return labels[best];
    });
  let bestOffsets = labels.map(() => 0);
  let bestScore = macroF1(gold, predict(bestOffsets), labels);
  // Coordinate ascent, two sweeps: enough for 2-3 classes.
  for (let sweep = 0; sweep < 2; sweep++) {
    for (let c = 1; c < labels.length; c++) {
      for (const step of steps) {
        const candidate = [...bestOffsets];
        candidate[c] = step;
        const score = macroF1(gold, predict(candidate), labels);
        if (score > bestScore + 1e-9) [bestScore, bestOffsets] = [score, candidate];
      }
    }
  }
  return bestOffsets;
}

export function applyBias(model: LinearModelData, offsets: number[]): LinearModelData {
  return { ...model, bias: Float32Array.from(model.bias, (value, index) => value + offsets[index]) };
}

/** Mean negative log-likelihood of the gold labels under softmax(logits / temperature). */
export function negativeLogLikelihood(logits: Float64Array[], gold: number[], temperature: number): number {
  let total = 0;
  logits.forEach((row, i) => {
    const probabilities = softmax(Array.from(row, (value) => value / temperature));
    total -= Math.log(Math.max(probabilities[gold[i]], 1e-12));
  });
  return total / Math.max(logits.length, 1);
}

/**
 * Temperature scaling: the one scalar T minimizing the NLL of out-of-fold logits (golden-section search over
 * log T in [1/20, 20]). It changes confidence, never the argmax, so labels stay those chosen for macro-F1.
 */
export function fitTemperature(logits: Float64Array[], gold: number[]): number {
  let low = Math.log(0.05);
  let high = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let fa = negativeLogLikelihood(logits, gold, Math.exp(a));
  let fb = negativeLogLikelihood(logits, gold, Math.exp(b));
  for (let iteration = 0; iteration < 40; iteration++) {
    if (fa < fb) {
      high = b;
      [b, fb] = [a, fa];
      a = high - ratio * (high - low);
      fa = negativeLogLikelihood(logits, gold, Math.exp(a));
    } else {
      low = a;
      [a, fa] = [b, fb];
      b = low + ratio * (high - low);
      fb = negativeLogLikelihood(logits, gold, Math.exp(b));
    }
  }
  return Math.exp((low + high) / 2);
}
