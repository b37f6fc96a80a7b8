import { Estimate, npsEstimate, proportionEstimate, replicateMean, weightedSlope } from '../stats/intervals';
import { Goal, GoalMetric } from './goal.dto';

/** One UTC day of the goal's scope, summed from the day rollups (or the day's measure value). */
export interface DayCounts {
  day: Date;
  count: number;
  npsCount: number;
  promoters: number;
  detractors: number;
  csatCount: number;
  csatTop2: number;
  cesCount: number;
  cesSum: number;
  sentimentCount: number;
  sentimentSum: number;
  negativeCount: number;
  /** Operational measure goals: the day's value and its weight (observations). */
  measureValue?: number;
  measureWeight?: number;
}

export type GoalStatus = 'ahead' | 'behind' | 'uncertain' | 'no_data';

export interface GoalProgress {
  value: number | null;
  ci95: [number, number] | null;
  /** Answers (or measure observations) behind the value. */
  basis: number;
  gap: number | null;
  /** ahead: the whole interval is on the target's good side; behind: the whole interval misses it. */
  status: GoalStatus;
  /** Change per week over the period so far (weighted least squares on the daily values), with its interval. */
  trendPerWeek: Estimate | null;
  series: { day: Date; value: number | null; basis: number }[];
  method: string;
}

const METHODS: Record<GoalMetric, string> = {
  nps: 'NPS in points; 95% normal interval from the multinomial variance of promoters, passives and detractors',
  csat: 'share of CSAT answers in the top two boxes; 95% Wilson interval',
  negative_share: 'share of analysed feedback with negative sentiment; 95% Wilson interval',
  ces: 'mean CES; 95% normal interval from the spread of the daily means (days as replicates)',
  sentiment: 'mean sentiment score; 95% normal interval from the spread of the daily means (days as replicates)',
  measure: 'observation-weighted mean of the measure; 95% normal interval from the spread of the daily values (days as replicates)',
};

type Sum = Omit<DayCounts, 'day' | 'measureValue' | 'measureWeight'>;

function total(days: DayCounts[]): Sum {
  const keys: (keyof Sum)[] = ['count', 'npsCount', 'promoters', 'detractors', 'csatCount', 'csatTop2', 'cesCount', 'cesSum', 'sentimentCount', 'sentimentSum', 'negativeCount'];
  return Object.fromEntries(keys.map((k) => [k, days.reduce((a, d) => a + d[k], 0)])) as Sum;
}

/** The metric's value for a set of days, its interval, and the answers it rests on. */
function estimate(metric: GoalMetric, days: DayCounts[]): { estimate: Estimate | null; basis: number } {
  const t = total(days);
  switch (metric) {
    case 'nps':
      return { estimate: npsEstimate(t.npsCount, t.promoters, t.detractors), basis: t.npsCount };
    case 'csat':
      return { estimate: proportionEstimate(t.csatTop2, t.csatCount), basis: t.csatCount };
    case 'negative_share':
      return { estimate: proportionEstimate(t.negativeCount, t.sentimentCount), basis: t.sentimentCount };
    case 'ces':
    case 'sentiment': {
      const [sum, n] = metric === 'ces' ? ['cesSum', 'cesCount'] as const : ['sentimentSum', 'sentimentCount'] as const;
      const daily = days.filter((d) => d[n] > 0).map((d) => d[sum] / d[n]);
      const spread = replicateMean(daily);
      if (!spread || t[n] === 0) return { estimate: null, basis: t[n] };
      const value = t[sum] / t[n];
      return { estimate: { value: Math.round(value * 10000) / 10000, se: spread.se, ci95: [spread.ci95[0] - spread.value + value, spread.ci95[1] - spread.value + value] }, basis: t[n] };
    }
    case 'measure': {
      const withValue = days.filter((d) => d.measureValue !== undefined && (d.measureWeight ?? 0) > 0);
      const weight = withValue.reduce((a, d) => a + d.measureWeight!, 0);
      const spread = replicateMean(withValue.map((d) => d.measureValue!));
      if (!spread || weight === 0) return { estimate: null, basis: weight };
      const value = withValue.reduce((a, d) => a + d.measureValue! * d.measureWeight!, 0) / weight;
      return { estimate: { value: Math.round(value * 10000) / 10000, se: spread.se, ci95: [spread.ci95[0] - spread.value + value, spread.ci95[1] - spread.value + value] }, basis: weight };
    }
  }
}

function statusOf(goal: Pick<Goal, 'direction' | 'target'>, e: Estimate | null): GoalStatus {
  if (!e || !Number.isFinite(e.ci95[0]) || !Number.isFinite(e.ci95[1])) return e ? 'uncertain' : 'no_data';
  const [lo, hi] = e.ci95;
  if (goal.direction === 'at_least') return lo >= goal.target ? 'ahead' : hi < goal.target ? 'behind' : 'uncertain';
  return hi <= goal.target ? 'ahead' : lo > goal.target ? 'behind' : 'uncertain';
}

/** Progress of a goal from its scope's daily counts over the period so far. */
export function goalProgress(goal: Pick<Goal, 'metric' | 'direction' | 'target' | 'periodStart'>, days: DayCounts[]): GoalProgress {
  const { estimate: e, basis } = estimate(goal.metric, days);
  const series = days.map((d) => {
    const one = estimate(goal.metric, [d]);
    return { day: d.day, value: one.estimate?.value ?? null, basis: one.basis };
  });
  const start = goal.periodStart.getTime();
  const trend = weightedSlope(series.filter((s) => s.value !== null).map((s) => ({ x: (s.day.getTime() - start) / 86400_000, y: s.value!, weight: s.basis })));
  const perWeek = trend ? { value: Math.round(trend.value * 7 * 10000) / 10000, se: Math.round(trend.se * 7 * 10000) / 10000, ci95: [Math.round(trend.ci95[0] * 7 * 10000) / 10000, Math.round(trend.ci95[1] * 7 * 10000) / 10000] as [number, number] } : null;
  return {
    value: e?.value ?? null,
    ci95: e ? e.ci95.map((x) => Math.round(x * 10000) / 10000) as [number, number] : null,
    basis,
    gap: e ? Math.round((e.value - goal.target) * 10000) / 10000 : null,
    status: statusOf(goal, e),
    trendPerWeek: perWeek,
    series,
    method: METHODS[goal.metric],
  };
}
