import { differenceOf, npsEstimate, proportionDifference, replicateMean, weightedSlope, wilson } from './intervals';

describe('intervals', () => {
  it('NPS: multinomial standard error', () => {
    // 100 respondents, 50 P, 20 D: NPS 30, variance 10⁴(0.7 − 0.09)/100 = 61 → se 7.81.
    const e = npsEstimate(100, 50, 20)!;
    expect(e.value).toBe(30);
    expect(e.se).toBeCloseTo(7.8102, 3);
    expect(e.ci95[0]).toBeCloseTo(30 - 1.96 * 7.8102, 1);
    expect(npsEstimate(0, 0, 0)).toBeNull();
  });

  it('Wilson interval matches the textbook value and stays inside [0, 1]', () => {
    // 8 of 10: Wilson 95% interval 0.4902..0.9433 (Newcombe 1998, table I).
    const [lo, hi] = wilson(8, 10);
    expect(lo).toBeCloseTo(0.4902, 3);
    expect(hi).toBeCloseTo(0.9433, 3);
    expect(wilson(0, 5)[0]).toBe(0);
    expect(wilson(5, 5)[1]).toBe(1);
  });

  it("Newcombe's difference interval reproduces the published example", () => {
    // Newcombe 1998 example: 56/70 vs 48/80 → difference 0.2, interval 0.0524..0.3339 (p1 − p2; ours is p2 − p1).
    const d = proportionDifference(48, 80, 56, 70)!;
    expect(d.value).toBeCloseTo(0.2, 4);
    expect(d.ci95[0]).toBeCloseTo(0.0524, 3);
    expect(d.ci95[1]).toBeCloseTo(0.3339, 3);
  });

  it('differences add variances; replicate means use s/√k', () => {
    const d = differenceOf({ value: 10, se: 3, ci95: [0, 0] }, { value: 4, se: 4, ci95: [0, 0] });
    expect(d.value).toBe(6);
    expect(d.se).toBe(5);
    const m = replicateMean([1, 2, 3, 4, 5])!;
    expect(m.value).toBe(3);
    expect(m.se).toBeCloseTo(Math.sqrt(2.5 / 5), 4);
  });

  it('weighted slope recovers an exact line and widens with noise', () => {
    const exact = weightedSlope([0, 1, 2, 3].map((x) => ({ x, y: 5 - 2 * x, weight: 10 })))!;
    expect(exact.value).toBe(-2);
    expect(exact.se).toBe(0);
    const noisy = weightedSlope([0, 1, 2, 3, 4].map((x, i) => ({ x, y: 5 - 2 * x + (i % 2 ? 1 : -1), weight: 10 })))!;
    expect(noisy.ci95[0]).toBeLessThan(-2);
    expect(noisy.ci95[1]).toBeGreaterThan(-2);
    expect(weightedSlope([{ x: 1, y: 1, weight: 1 }])).toBeNull();
  });
});
