import { measureEffect } from './measure-regression';

/** Small deterministic generator (mulberry32), so the planted-effect test is repeatable. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('NPS against an operational measure', () => {
  it('equals the respondent-level OLS fit computed directly', () => {
    const buckets = [
      { value: 60, npsCount: 4, promoters: 3, detractors: 0 },
      { value: 120, npsCount: 5, promoters: 2, detractors: 2 },
      { value: 300, npsCount: 3, promoters: 0, detractors: 3 },
    ];
    const xs: number[] = [];
    const ys: number[] = [];
    for (const b of buckets) {
      for (let i = 0; i < b.npsCount; i++) {
        xs.push(b.value);
        ys.push(i < b.promoters ? 100 : i < b.promoters + b.detractors ? -100 : 0);
      }
    }
    const n = xs.length;
    const xm = xs.reduce((a, b) => a + b) / n;
    const ym = ys.reduce((a, b) => a + b) / n;
    const sxy = xs.reduce((a, x, i) => a + (x - xm) * (ys[i] - ym), 0);
    const sxx = xs.reduce((a, x) => a + (x - xm) ** 2, 0);
    const slope = sxy / sxx;
    const rss = ys.reduce((a, y, i) => a + (y - ym - slope * (xs[i] - xm)) ** 2, 0);
    const effect = measureEffect(buckets)!;
    expect(effect.slope.value).toBeCloseTo(slope, 4);
    expect(effect.slope.se).toBeCloseTo(Math.sqrt(rss / (n - 2) / sxx), 4);
    expect(effect.respondents).toBe(12);
  });

  it('recovers a planted effect (−6 NPS points per minute of waiting) within its interval, with the right sign', () => {
    const random = rng(7);
    const buckets = Array.from({ length: 40 }, (_, i) => {
      const minutes = 1 + (i % 10);
      const pP = 0.6 - 0.03 * minutes;
      const pD = 0.2 + 0.03 * minutes; // true NPS = 40 − 6·minutes
      let promoters = 0;
      let detractors = 0;
      for (let r = 0; r < 60; r++) {
        const u = random();
        if (u < pP) promoters++;
        else if (u < pP + pD) detractors++;
      }
      return { value: minutes * 60, npsCount: 60, promoters, detractors };
    });
    const effect = measureEffect(buckets, 60)!;
    expect(effect.slope.value).toBeLessThan(0);
    expect(effect.significant).toBe(true);
    expect(effect.slope.ci95[0]).toBeLessThanOrEqual(-6);
    expect(effect.slope.ci95[1]).toBeGreaterThanOrEqual(-6);
  });

  it('needs three buckets with answers and some spread in the measure', () => {
    expect(measureEffect([{ value: 1, npsCount: 10, promoters: 5, detractors: 1 }])).toBeNull();
    expect(measureEffect([1, 2, 3].map(() => ({ value: 5, npsCount: 10, promoters: 5, detractors: 1 })))).toBeNull();
  });
});
