import { differenceOf, Estimate, npsEstimate, proportionDifference, proportionEstimate } from '../stats/intervals';

/** A window's NPS answers and how many of its feedback items mention the theme. */
export interface WindowCounts {
  count: number;
  npsCount: number;
  promoters: number;
  detractors: number;
  themeMentions: number;
}

export interface Comparison {
  before: Estimate | null;
  after: Estimate | null;
  /** after − before, with its 95% interval. */
  change: Estimate | null;
  /** The interval of the change excludes zero. */
  significant: boolean;
}

export interface BeforeAfter {
  nps: Comparison & { respondents: { before: number; after: number } };
  /** Share of feedback items mentioning the theme; null when the action names no theme. */
  prevalence: (Comparison & { items: { before: number; after: number } }) | null;
}

const significant = (e: Estimate | null) => e !== null && (e.ci95[0] > 0 || e.ci95[1] < 0);

/**
 * Did the fix work? NPS before and after (multinomial normal intervals; the change's variance is the sum of
 * both sides'), and the theme's prevalence before and after (Wilson intervals each, Newcombe's interval for the
 * change). The two windows are independent samples of feedback; nothing here adjusts for seasonality or for
 * other changes in the same weeks.
 */
export function beforeAfter(before: WindowCounts, after: WindowCounts, withTheme: boolean): BeforeAfter {
  const nb = npsEstimate(before.npsCount, before.promoters, before.detractors);
  const na = npsEstimate(after.npsCount, after.promoters, after.detractors);
  const npsChange = nb && na ? differenceOf(na, nb) : null;
  const prevalenceChange = withTheme ? proportionDifference(before.themeMentions, before.count, after.themeMentions, after.count) : null;
  return {
    nps: { before: nb, after: na, change: npsChange, significant: significant(npsChange), respondents: { before: before.npsCount, after: after.npsCount } },
    prevalence: withTheme
      ? {
          before: proportionEstimate(before.themeMentions, before.count),
          after: proportionEstimate(after.themeMentions, after.count),
          change: prevalenceChange,
          significant: significant(prevalenceChange),
          items: { before: before.count, after: after.count },
        }
      : null,
  };
}

export interface CaseRateChange {
  before: { cases: number; perDay: number };
  after: { cases: number; perDay: number };
  /** after rate / before rate, with a 95% interval on the log scale (√(1/a + 1/b)); null when a side has no case. */
  rateRatio: { value: number; ci95: [number, number] } | null;
  significant: boolean;
}

/**
 * For an action on a root-cause code: how often resolved cases carried the code before and after, per day of
 * each window. Counts are treated as Poisson; the rate ratio's interval is the usual log-normal one.
 */
export function caseRateChange(beforeCases: number, beforeDays: number, afterCases: number, afterDays: number): CaseRateChange {
  const r = (x: number) => Math.round(x * 10000) / 10000;
  const perDay = (n: number, days: number) => (days > 0 ? r(n / days) : 0);
  let rateRatio: CaseRateChange['rateRatio'] = null;
  if (beforeCases > 0 && afterCases > 0 && beforeDays > 0 && afterDays > 0) {
    const log = Math.log(afterCases / afterDays / (beforeCases / beforeDays));
    const se = Math.sqrt(1 / afterCases + 1 / beforeCases);
    rateRatio = { value: r(Math.exp(log)), ci95: [r(Math.exp(log - 1.959964 * se)), r(Math.exp(log + 1.959964 * se))] };
  }
  return {
    before: { cases: beforeCases, perDay: perDay(beforeCases, beforeDays) },
    after: { cases: afterCases, perDay: perDay(afterCases, afterDays) },
    rateRatio,
    significant: rateRatio !== null && (rateRatio.ci95[0] > 1 || rateRatio.ci95[1] < 1),
  };
}
