/** Classification metrics used by evaluate.ts. */

export interface ClassReport {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export function perClass(gold: string[], predicted: string[], labels: string[]): ClassReport[] {
  return labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i];
      if (p === label && g === label) tp++;
      else if (p === label) fp++;
      else if (g === label) fn++;
    });
    const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
    const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support: tp + fn };
  });
}

export function macroF1(gold: string[], predicted: string[], labels: string[]): number {
  const reports = perClass(gold, predicted, labels);
  return reports.reduce((sum, report) => sum + report.f1, 0) / reports.length;
}

export function accuracy(gold: string[], predicted: string[]): number {
  return gold.filter((g, i) => g === predicted[i]).length / Math.max(gold.length, 1);
}

/** Micro-averaged binary F1 over (item, label) pairs: used for multi-label aspect detection. */
export function microF1(pairsGold: Set<string>, pairsPredicted: Set<string>): { precision: number; recall: number; f1: number } {
  let tp = 0;
  for (const pair of pairsPredicted) if (pairsGold.has(pair)) tp++;
  const precision = pairsPredicted.size > 0 ? tp / pairsPredicted.size : 0;
  const recall = pairsGold.size > 0 ? tp / pairsGold.size : 0;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/**
 * Expected calibration error over `bins` equal-width confidence bins (Guo et al. 2017): the count-weighted mean of
 * |accuracy - mean confidence| per bin, where confidence is the probability of the predicted label.
 */
export function calibrationError(confidences: number[], correct: boolean[], bins = 10): { ece: number; table: ReliabilityBin[] } {
  const table: ReliabilityBin[] = Array.from({ length: bins }, (_, index) => ({ from: index / bins, to: (index + 1) / bins, count: 0, meanConfidence: 0, accuracy: 0 }));
  confidences.forEach((confidence, i) => {
    const bin = table[Math.min(bins - 1, Math.max(0, Math.floor(confidence * bins)))];
    bin.count++;
    bin.meanConfidence += confidence;
    bin.accuracy += correct[i] ? 1 : 0;
  });
  let ece = 0;
  for (const bin of table) {
    if (bin.count === 0) continue;
    bin.meanConfidence /= bin.count;
    bin.accuracy /= bin.count;
    ece += (bin.count / Math.max(confidences.length, 1)) * Math.abs(bin.accuracy - bin.meanConfidence);
  }
  return { ece, table };
}
