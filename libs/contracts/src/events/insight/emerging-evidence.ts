/**
 * The evidence an `emerging_issue_opened` insight must carry before anyone acts on it. Root-cause
 * writes it; routing checks it again before it lets an incident inhibit paging, so an insight that
 * was produced by an older detector, written by hand, or tuned looser than routing allows never
 * silences the inner loop.
 */
export const EMERGING_EVIDENCE_VERSION = 2;

/** Thresholds every opened issue must pass; both services read them from the same variables. */
export interface EvidenceGate {
  /** At least this many negative items in the bucket (`EMERGING_MIN_COUNT`). */
  minCount: number;
  /** Observed count at least this many times the baseline (`EMERGING_MIN_RATE_RATIO`). */
  minRateRatio: number;
  /** Benjamini-Hochberg false-discovery level across the tests of one evaluation (`EMERGING_FDR_Q`). */
  fdrQ: number;
}

export const DEFAULT_EVIDENCE_GATE: EvidenceGate = { minCount: 8, minRateRatio: 3, fdrQ: 0.001 };

export interface EmergingEvidence {
  version: typeof EMERGING_EVIDENCE_VERSION;
  /** Start of the hourly bucket judged. */
  bucket: string;
  negative: number;
  total: number;
  baseline: number;
  /** negative / baseline. */
  rateRatio: number;
  /** One-sided Poisson p-value of this test alone. */
  pValue: number;
  /** Benjamini-Hochberg adjusted p-value among `tests` tests run together. */
  qValue: number;
  tests: number;
  /** The tenant and the theme each had feedback at least the warm-up before this bucket. */
  warmup: { tenant: boolean; theme: boolean; hours: number };
  thresholds: EvidenceGate;
  test: string;
}

/** Why this evidence does not justify an incident, or undefined when it does. */
export function evidenceShortfall(evidence: Record<string, unknown> | undefined, gate: EvidenceGate): string | undefined {
  const e = (evidence ?? {}) as Partial<EmergingEvidence>;
  if (e.version !== EMERGING_EVIDENCE_VERSION) return `evidence version ${String(e.version)} is not ${EMERGING_EVIDENCE_VERSION}`;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);
  if (!(num(e.negative) >= gate.minCount)) return `negative count ${String(e.negative)} is below ${gate.minCount}`;
  if (!(num(e.rateRatio) >= gate.minRateRatio)) return `rate ratio ${String(e.rateRatio)} is below ${gate.minRateRatio}`;
  if (!(num(e.qValue) <= gate.fdrQ)) return `q-value ${String(e.qValue)} is above ${gate.fdrQ}`;
  if (e.warmup?.tenant !== true) return 'the tenant is still warming up';
  if (e.warmup?.theme !== true) return 'the theme is still warming up';
  return undefined;
}
