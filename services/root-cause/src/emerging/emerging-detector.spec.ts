import { evidenceShortfall, DEFAULT_EVIDENCE_GATE } from '@loops/contracts';
import { benjaminiHochberg, DEFAULT_EMERGING, ewma, judgeBucket, poissonUpperTail, withinDetectionWindow } from './emerging-detector';

describe('emerging-issue detector', () => {
  it('computes the EWMA oldest first', () => {
    expect(ewma([10, 0], 0.5)).toBe(5);
    expect(ewma([2, 2, 2], 0.3)).toBeCloseTo(2);
  });

  it('computes the Poisson upper tail', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2));
    expect(poissonUpperTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * (1 + 1 + 0.5));
  });

  it.each([
    ['a spike far above a quiet baseline is strong enough', [1, 1, 2, 1, 1, 1], 12, true],
    ['normal volume is not', [3, 4, 2, 3, 5, 3], 5, false],
    ['five complaints are below the minimum count, however quiet the past', [0, 0, 0, 0], 5, false],
    ['a busy theme needs a proportionally bigger spike (rate ratio)', [40, 42, 38, 41], 70, false],
    ['a busy theme at three times its rate is strong enough', [40, 42, 38, 41], 130, true],
  ])('%s', (_name, history, observed, strong) => {
    expect(judgeBucket(history as number[], observed as number).strongEnough).toBe(strong);
  });

  it('calls a bucket back near the baseline subsided', () => {
    const verdict = judgeBucket([1, 1, 1, 20], 1);
    expect(verdict.subsided).toBe(true);
    expect(verdict.strongEnough).toBe(false);
  });

  it('adjusts p-values with Benjamini-Hochberg, in input order', () => {
    // Sorted p: .01 (rank 1), .02 (2), .03 (3), .5 (4); q = min over ranks >= k of p*m/rank.
    expect(benjaminiHochberg([0.03, 0.5, 0.01, 0.02])).toEqual([0.04, 0.5, 0.04, 0.04]);
    expect(benjaminiHochberg([0.0004])).toEqual([0.0004]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('lets many tests together open fewer issues than each alone', () => {
    // A p-value that passes q = .001 alone fails among 100 tests of ordinary noise.
    const alone = benjaminiHochberg([0.0005])[0];
    const together = benjaminiHochberg([0.0005, ...Array.from({ length: 99 }, (_, i) => 0.05 + i / 200)])[0];
    expect(alone).toBeLessThanOrEqual(DEFAULT_EMERGING.fdrQ);
    expect(together).toBeGreaterThan(DEFAULT_EMERGING.fdrQ);
  });

  it('judges only buckets from the detection window up to the current hour', () => {
    const now = Date.parse('2026-11-24T10:30:00Z');
    expect(withinDetectionWindow(Date.parse('2026-11-24T10:00:00Z'), now)).toBe(true);
    expect(withinDetectionWindow(Date.parse('2026-11-24T04:00:00Z'), now)).toBe(true);
    expect(withinDetectionWindow(Date.parse('2026-11-24T03:00:00Z'), now)).toBe(false);
    expect(withinDetectionWindow(Date.parse('2026-11-24T11:00:00Z'), now)).toBe(false);
    expect(withinDetectionWindow(Date.parse('9999-12-31T23:00:00Z'), now)).toBe(false);
  });

  it('names what evidence is missing before routing lets an incident inhibit paging', () => {
    const good = { version: 2, negative: 12, rateRatio: 10, qValue: 0.0001, warmup: { tenant: true, theme: true, hours: 24 } };
    expect(evidenceShortfall(good, DEFAULT_EVIDENCE_GATE)).toBeUndefined();
    expect(evidenceShortfall({ count: 42, baseline: 7 }, DEFAULT_EVIDENCE_GATE)).toBe('evidence version undefined is not 2');
    expect(evidenceShortfall({ ...good, negative: 5 }, DEFAULT_EVIDENCE_GATE)).toBe('negative count 5 is below 8');
    expect(evidenceShortfall({ ...good, rateRatio: 1.5 }, DEFAULT_EVIDENCE_GATE)).toBe('rate ratio 1.5 is below 3');
    expect(evidenceShortfall({ ...good, qValue: 0.2 }, DEFAULT_EVIDENCE_GATE)).toBe('q-value 0.2 is above 0.001');
    expect(evidenceShortfall({ ...good, warmup: { tenant: false, theme: true } }, DEFAULT_EVIDENCE_GATE)).toBe('the tenant is still warming up');
    expect(evidenceShortfall({ ...good, warmup: { tenant: true, theme: false } }, DEFAULT_EVIDENCE_GATE)).toBe('the theme is still warming up');
  });
});
