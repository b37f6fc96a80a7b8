/** Tuning of the emerging-issue test; defaults suit hourly buckets. */
export interface EmergingConfig {
  /** EWMA smoothing: weight of the newest past bucket in the baseline. */
  alpha: number;
  /** Floor for the baseline so a theme that was silent does not open an issue on its second mention. */
  minBaseline: number;
  /** At least this many negative items in the bucket before anything opens. */
  minCount: number;
  /** One-sided Poisson p-value below which the bucket is significant. */
  pValue: number;
}

export const DEFAULT_EMERGING: EmergingConfig = { alpha: 0.3, minBaseline: 0.5, minCount: 5, pValue: 0.001 };

export interface EmergingVerdict {
  baseline: number;
  observed: number;
  /** P(X >= observed) for X ~ Poisson(baseline). */
  pValue: number;
  significant: boolean;
  /** Back within one standard deviation of the baseline. */
  subsided: boolean;
}

/** Exponentially weighted moving average of past buckets, oldest first. */
export function ewma(history: number[], alpha: number): number {
  if (history.length === 0) return 0;
  return history.slice(1).reduce((avg, x) => alpha * x + (1 - alpha) * avg, history[0]);
}

/** Upper tail of the Poisson distribution, P(X >= k), summed in log space to stay stable for large k. */
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
 * Is this bucket's count of negative feedback for a touchpoint × theme unusually high against the
 * learned baseline? Counts are Poisson-like, so the test is the Poisson upper tail at the EWMA.
 */
export function judgeBucket(history: number[], observed: number, config: EmergingConfig = DEFAULT_EMERGING): EmergingVerdict {
  const baseline = Math.max(config.minBaseline, ewma(history, config.alpha));
  const pValue = poissonUpperTail(observed, baseline);
  return {
    baseline,
    observed,
    pValue,
    significant: observed >= config.minCount && pValue < config.pValue,
    subsided: observed <= baseline + Math.sqrt(baseline),
  };
}
