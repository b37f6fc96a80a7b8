/** NPS inputs for a group of feedback: how many answered NPS, and how many promoters and detractors. */
export interface NpsCounts {
  npsCount: number;
  promoters: number;
  detractors: number;
}

export interface ThemeCounts extends NpsCounts {
  theme: string;
  /** All items mentioning the theme in the window, with or without an NPS answer. */
  mentions: number;
}

export interface KeyDriver {
  theme: string;
  mentions: number;
  /** Share of NPS respondents who mention the theme. */
  prevalence: number;
  npsWith: number | null;
  npsWithout: number | null;
  /** NPS points the theme costs: NPS without its mentions minus NPS overall (positive = it hurts). */
  impact: number;
  /** 95% interval of the impact (normal approximation). */
  ci95: [number, number];
  /** The interval excludes zero. */
  significant: boolean;
}

export function nps(c: NpsCounts): number | null {
  return c.npsCount > 0 ? (100 * (c.promoters - c.detractors)) / c.npsCount : null;
}

/** Variance of an NPS estimate in points², from the multinomial of promoters / passives / detractors. */
function npsVariance(c: NpsCounts): number {
  if (c.npsCount === 0) return 0;
  const p = c.promoters / c.npsCount;
  const d = c.detractors / c.npsCount;
  return (10000 * (p + d - (p - d) ** 2)) / c.npsCount;
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Key-driver analysis by removal: how much higher would NPS be without the respondents who mention a
 * theme? With w the theme's share of respondents, overall = w·NPS_with + (1−w)·NPS_without, so the
 * impact is w·(NPS_without − NPS_with): prevalence times how much worse those respondents score.
 */
export function keyDrivers(overall: NpsCounts, themes: ThemeCounts[]): KeyDriver[] {
  const overallNps = nps(overall);
  return themes
    .map((t): KeyDriver => {
      const without: NpsCounts = {
        npsCount: overall.npsCount - t.npsCount,
        promoters: overall.promoters - t.promoters,
        detractors: overall.detractors - t.detractors,
      };
      const npsWith = nps(t);
      const npsWithout = nps(without);
      const w = overall.npsCount > 0 ? t.npsCount / overall.npsCount : 0;
      const impact = overallNps !== null && npsWithout !== null ? npsWithout - overallNps : 0;
      const se = w * Math.sqrt(npsVariance(t) + npsVariance(without));
      const ci95: [number, number] = [round(impact - 1.96 * se), round(impact + 1.96 * se)];
      return {
        theme: t.theme,
        mentions: t.mentions,
        prevalence: round(w),
        npsWith: npsWith === null ? null : round(npsWith),
        npsWithout: npsWithout === null ? null : round(npsWithout),
        impact: round(impact),
        ci95,
        significant: t.npsCount > 0 && without.npsCount > 0 && (ci95[0] > 0 || ci95[1] < 0),
      };
    })
    .sort((a, b) => b.impact - a.impact || b.mentions - a.mentions);
}
