/** Two-sided 95% normal quantile. */
export const Z95 = 1.959964;

export interface Estimate {
  value: number;
  /** Standard error, same unit as the value. */
  se: number;
  ci95: [number, number];
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

export function normalEstimate(value: number, se: number): Estimate {
  return { value: round(value), se: round(se), ci95: [round(value - Z95 * se), round(value + Z95 * se)] };
}

/**
 * NPS in points with its 95% interval. Each respondent scores +100 (promoter), 0 (passive) or −100
 * (detractor); the multinomial variance of the mean is 10⁴·(p + d − (p − d)²)/n.
 */
export function npsEstimate(n: number, promoters: number, detractors: number): Estimate | null {
  if (n <= 0) return null;
  const p = promoters / n;
  const d = detractors / n;
  return normalEstimate(100 * (p - d), Math.sqrt((10000 * (p + d - (p - d) ** 2)) / n));
}

/** Wilson score interval of a proportion: well-behaved near 0 and 1 and for small n, unlike the Wald interval. */
export function wilson(successes: number, n: number): [number, number] {
  if (n <= 0) return [0, 1];
  const p = successes / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [round(Math.max(0, centre - half)), round(Math.min(1, centre + half))];
}

export function proportionEstimate(successes: number, n: number): Estimate | null {
  if (n <= 0) return null;
  const p = successes / n;
  return { value: round(p), se: round(Math.sqrt((p * (1 - p)) / n)), ci95: wilson(successes, n) };
}

/** Difference of two independent estimates (after − before), normal approximation. */
export function differenceOf(after: Estimate, before: Estimate): Estimate {
  return normalEstimate(after.value - before.value, Math.sqrt(after.se ** 2 + before.se ** 2));
}

/**
 * Difference of two independent proportions (p₂ − p₁) with Newcombe's hybrid score interval (method 10 of
 * Newcombe 1998), built from each side's Wilson interval; better coverage than Wald for small shares.
 */
export function proportionDifference(x1: number, n1: number, x2: number, n2: number): Estimate | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const [l1, u1] = wilson(x1, n1);
  const [l2, u2] = wilson(x2, n2);
  const diff = p2 - p1;
  const lower = diff - Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2);
  const upper = diff + Math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2);
  return { value: round(diff), se: round(Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2)), ci95: [round(lower), round(upper)] };
}

/**
 * Mean of replicate values (e.g. daily means) with a normal interval from their spread, s/√k. Used where the
 * rollups keep sums but not sums of squares (CES, sentiment, operational measures): the days are the replicates.
 */
export function replicateMean(values: number[]): Estimate | null {
  if (values.length === 0) return null;
  const k = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / k;
  if (k === 1) return { value: round(mean), se: Number.NaN, ci95: [Number.NaN, Number.NaN] };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (k - 1);
  return normalEstimate(mean, Math.sqrt(variance / k));
}

export interface WeightedPoint {
  x: number;
  y: number;
  weight: number;
}

/**
 * Weighted least-squares slope of y on x with its 95% interval (weights = respondents behind each point, residual
 * variance estimated from the fit, n − 2 degrees of freedom, normal quantile). Null with fewer than three points.
 */
export function weightedSlope(points: WeightedPoint[]): Estimate | null {
  const pts = points.filter((p) => p.weight > 0 && Number.isFinite(p.y));
  if (pts.length < 3) return null;
  const W = pts.reduce((a, p) => a + p.weight, 0);
  const xm = pts.reduce((a, p) => a + p.weight * p.x, 0) / W;
  const ym = pts.reduce((a, p) => a + p.weight * p.y, 0) / W;
  const sxx = pts.reduce((a, p) => a + p.weight * (p.x - xm) ** 2, 0);
  if (sxx === 0) return null;
  const sxy = pts.reduce((a, p) => a + p.weight * (p.x - xm) * (p.y - ym), 0);
  const slope = sxy / sxx;
  // Weights are frequencies scaled to the points' count, so σ² is per point of average weight.
  const rss = pts.reduce((a, p) => a + p.weight * (p.y - ym - slope * (p.x - xm)) ** 2, 0);
  const sigma2 = (rss / (pts.length - 2)) * (pts.length / W);
  return normalEstimate(slope, Math.sqrt(sigma2 / (sxx * (pts.length / W))));
}
