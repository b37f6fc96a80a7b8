import { DayCounts, goalProgress } from './goal-progress';

const day = (i: number, over: Partial<DayCounts>): DayCounts => ({
  day: new Date(Date.UTC(2026, 9, 1 + i)),
  count: 0,
  npsCount: 0,
  promoters: 0,
  detractors: 0,
  csatCount: 0,
  csatTop2: 0,
  cesCount: 0,
  cesSum: 0,
  sentimentCount: 0,
  sentimentSum: 0,
  negativeCount: 0,
  ...over,
});
const goal = { metric: 'nps' as const, direction: 'at_least' as const, target: 20, periodStart: new Date(Date.UTC(2026, 9, 1)) };

describe('goal progress', () => {
  it('NPS over the period with its interval, the gap to target and the status', () => {
    // 3 days × 100 answers, 60 P / 10 D each: NPS 50, se √(10⁴(0.7 − 0.25)/300) = 3.873.
    const p = goalProgress(goal, [0, 1, 2].map((i) => day(i, { npsCount: 100, promoters: 60, detractors: 10, count: 100 })));
    expect(p.value).toBe(50);
    expect(p.ci95![0]).toBeCloseTo(50 - 1.96 * 3.873, 1);
    expect(p.gap).toBe(30);
    expect(p.status).toBe('ahead');
    expect(p.trendPerWeek!.value).toBe(0);
    expect(goalProgress({ ...goal, target: 80 }, [day(0, { npsCount: 100, promoters: 60, detractors: 10 })]).status).toBe('behind');
    expect(goalProgress({ ...goal, target: 48 }, [day(0, { npsCount: 100, promoters: 60, detractors: 10 })]).status).toBe('uncertain');
    expect(goalProgress(goal, []).status).toBe('no_data');
  });

  it('a rising daily NPS gives a positive weekly trend', () => {
    const days = [0, 1, 2, 3, 4, 5].map((i) => day(i, { npsCount: 100, promoters: 40 + 2 * i, detractors: 20 }));
    const p = goalProgress(goal, days);
    expect(p.trendPerWeek!.value).toBeCloseTo(14, 6); // +2 points a day
    expect(p.series.map((s) => s.value)).toEqual([20, 22, 24, 26, 28, 30]);
  });

  it('share of negative feedback: lower is better, Wilson interval', () => {
    const p = goalProgress({ ...goal, metric: 'negative_share', direction: 'at_most', target: 0.3 }, [day(0, { sentimentCount: 200, negativeCount: 20 })]);
    expect(p.value).toBe(0.1);
    expect(p.status).toBe('ahead');
  });

  it('operational measure goals average the days by observations', () => {
    const p = goalProgress({ ...goal, metric: 'measure', direction: 'at_most', target: 120 }, [
      day(0, { measureValue: 100, measureWeight: 1 }),
      day(1, { measureValue: 200, measureWeight: 3 }),
    ]);
    expect(p.value).toBe(175);
    expect(p.basis).toBe(4);
  });
});
