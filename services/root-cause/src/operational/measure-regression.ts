import { Estimate, normalEstimate } from '../stats/intervals';

/** One bucket of a touchpoint: the operational measure's value and the NPS answers given in that bucket. */
export interface MeasureBucketCounts {
  value: number;
  npsCount: number;
  promoters: number;
  detractors: number;
}

export interface MeasureEffect {
  /** NPS points per `per` units of the measure (negative: NPS falls as the measure rises). */
  slope: Estimate;
  per: number;
  buckets: number;
  respondents: number;
  /** Respondent-weighted mean of the measure. */
  meanValue: number;
  significant: boolean;
}

/**
 * How NPS moves with an operational measure: ordinary least squares of each respondent's NPS score (+100
 * promoter, 0 passive, −100 detractor) on the measure of the bucket they answered in. The rollups hold exactly
 * the sufficient statistics (n, promoters, detractors per bucket), so this is the respondent-level regression,
 * computed without reading a single fact: Σy = 100(P − D), Σy² = 10⁴(P + D) per bucket.
 *
 * Interval: the OLS slope's standard error √(σ²/Sxx) with σ² = RSS/(N − 2), normal quantile. It treats
 * respondents as independent; respondents of one bucket share their bucket's other conditions, so with few
 * buckets the interval is optimistic (a cluster-robust interval would be wider).
 */
export function measureEffect(buckets: MeasureBucketCounts[], per = 1): MeasureEffect | null {
  const used = buckets.filter((b) => b.npsCount > 0 && Number.isFinite(b.value));
  const n = used.reduce((a, b) => a + b.npsCount, 0);
  if (used.length < 3 || n < 3) return null;
  const xMean = used.reduce((a, b) => a + b.npsCount * b.value, 0) / n;
  const sumY = used.reduce((a, b) => a + 100 * (b.promoters - b.detractors), 0);
  const sumY2 = used.reduce((a, b) => a + 10000 * (b.promoters + b.detractors), 0);
  const sxx = used.reduce((a, b) => a + b.npsCount * (b.value - xMean) ** 2, 0);
  if (sxx === 0) return null;
  const sxy = used.reduce((a, b) => a + (b.value - xMean) * 100 * (b.promoters - b.detractors), 0);
  const slope = sxy / sxx;
  const rss = Math.max(0, sumY2 - (sumY * sumY) / n - slope * sxy);
  const se = Math.sqrt(rss / (n - 2) / sxx);
  const estimate = normalEstimate(slope * per, se * per);
  return {
    slope: estimate,
    per,
    buckets: used.length,
    respondents: n,
    meanValue: Math.round(xMean * 1000) / 1000,
    significant: estimate.ci95[0] > 0 || estimate.ci95[1] < 0,
  };
}
