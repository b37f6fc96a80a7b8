import { DEFAULT_EVIDENCE_GATE, EvidenceGate } from '@loops/contracts';

/** Tuning of the emerging-issue test; defaults suit hourly buckets (see README, "Emerging issues"). */
export interface EmergingConfig extends EvidenceGate {
  /** EWMA smoothing: weight of the newest past bucket in the baseline. */
  alpha: number;
  /** Floor for the baseline so a theme that was silent does not open an issue on its second mention. */
  minBaseline: number;
  /** The tenant and the theme must have feedback at least this many hours before the judged bucket. */
  warmupHours: number;
  /** Buckets that started longer ago than this (or lie in the future) update rollups but are never judged. */
  detectionWindowHours: number;
}

export const DEFAULT_EMERGING: EmergingConfig = {
  ...DEFAULT_EVIDENCE_GATE,
  alpha: 0.3,
  minBaseline: 0.5,
  warmupHours: 24,
  detectionWindowHours: 6,
};

export interface EmergingVerdict {
  baseline: number;
  observed: number;
  /** observed / baseline. */
  rateRatio: number;
  /** P(X >= observed) for X ~ Poisson(baseline). */
  pValue: number;
  /** Count and rate ratio are both high enough (the false-discovery step is applied across tests). */
  strongEnough: boolean;
  /** Back within one standard deviation of the baseline. */
  subsided: boolean;
}

/** Exponentially weighted moving average of past buckets, oldest first. */
export function ewma(history: number[], alpha: number): number {
  if (history.length === 0) return 0;
  return history.slice(1).reduce((avg, x) => alpha * x + (1 - alpha) * avg, history[0]);
}

/** Upper tail of the Poisson distribution, P(X >= k), summed term by term (stable for the counts we see). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  let term = Math.exp(-lambda); // P(X = 0)
  let cdf = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    cdf += term;
  }
  return Math.max(0, 1 - cdf);
}

/**
 * Benjamini-Hochberg adjusted p-values (q-values), in the input order. Rejecting every test whose
 * q-value is at most q keeps the expected share of false discoveries among them at most q.
 */
export function benjaminiHochberg(pValues: number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const q = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const { p, i } = order[rank - 1];
    running = Math.min(running, (p * m) / rank);
    q[i] = running;
  }
  return q;
}

/**
 * Is this bucket's count of negative feedback for a touchpoint × theme unusually high against the
 * learned baseline? Counts are Poisson-like, so the test is the Poisson upper tail at the EWMA; a
 * minimum count and a minimum rate ratio keep tiny or merely statistically-visible rises out.
 */
export function judgeBucket(history: number[], observed: number, config: EmergingConfig = DEFAULT_EMERGING): EmergingVerdict {
  const baseline = Math.max(config.minBaseline, ewma(history, config.alpha));
  const rateRatio = observed / baseline;
  return {
    baseline,
    observed,
    rateRatio,
    pValue: poissonUpperTail(observed, baseline),
    strongEnough: observed >= config.minCount && rateRatio >= config.minRateRatio,
    subsided: observed <= baseline + Math.sqrt(baseline),
  };
}

/** Whether a bucket is close enough to now to open or resolve anything. */
export function withinDetectionWindow(bucketStartMs: number, nowMs: number, config: EmergingConfig = DEFAULT_EMERGING): boolean {
  const hour = 3600_000;
  const currentBucket = Math.floor(nowMs / hour) * hour;
  return bucketStartMs <= currentBucket && bucketStartMs >= currentBucket - config.detectionWindowHours * hour;
}
