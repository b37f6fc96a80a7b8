import type { LinearModelData } from '../src/model/linear-model';
import { macroF1 } from './metrics';

/**
 * Per-class bias offsets chosen on the dev split to maximize macro-F1 (classic threshold moving: the
 * training loss optimizes likelihood, the task is judged by macro-F1). Searched on a coarse grid for every
 * class except the first, which stays the reference.
 */
export function calibrateBias(devLogits: Float64Array[], gold: string[], labels: string[]): number[] {
  const steps = [-1.5, -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.5];
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
