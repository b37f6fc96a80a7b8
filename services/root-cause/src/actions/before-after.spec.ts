import { beforeAfter, caseRateChange } from './before-after';

describe('before/after comparison of an action', () => {
  it('gives each side and the change with intervals', () => {
    const r = beforeAfter(
      { count: 200, npsCount: 100, promoters: 30, detractors: 40, themeMentions: 80 },
      { count: 200, npsCount: 100, promoters: 50, detractors: 20, themeMentions: 20 },
      true,
    );
    expect(r.nps.before!.value).toBe(-10);
    expect(r.nps.after!.value).toBe(30);
    expect(r.nps.change!.value).toBe(40);
    // se² = 10⁴(0.7 − 0.01)/100 + 10⁴(0.7 − 0.09)/100 = 69 + 61 = 130
    expect(r.nps.change!.se).toBeCloseTo(Math.sqrt(130), 3);
    expect(r.nps.significant).toBe(true);
    expect(r.prevalence!.before!.value).toBe(0.4);
    expect(r.prevalence!.after!.value).toBe(0.1);
    expect(r.prevalence!.change!.value).toBe(-0.3);
    expect(r.prevalence!.change!.ci95[1]).toBeLessThan(0);
  });

  it('leaves prevalence out without a theme, and the change out when a side has no answers', () => {
    const r = beforeAfter({ count: 0, npsCount: 0, promoters: 0, detractors: 0, themeMentions: 0 }, { count: 5, npsCount: 5, promoters: 5, detractors: 0, themeMentions: 0 }, false);
    expect(r.prevalence).toBeNull();
    expect(r.nps.change).toBeNull();
    expect(r.nps.significant).toBe(false);
  });
});

describe('root-cause code rate before/after', () => {
  it('compares cases per day with a log-normal interval on the rate ratio', () => {
    const c = caseRateChange(40, 10, 10, 10);
    expect(c.before.perDay).toBe(4);
    expect(c.after.perDay).toBe(1);
    expect(c.rateRatio!.value).toBe(0.25);
    // se = √(1/10 + 1/40) = 0.3536 → 0.25·e^(±1.96·0.3536) = 0.125..0.5
    expect(c.rateRatio!.ci95[0]).toBeCloseTo(0.125, 2);
    expect(c.rateRatio!.ci95[1]).toBeCloseTo(0.5, 2);
    expect(c.significant).toBe(true);
    expect(caseRateChange(0, 10, 3, 10).rateRatio).toBeNull();
  });
});
