import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@loops/store';
import { KeyDriver, keyDrivers, nps, ThemeCounts } from '../drivers/key-drivers';
import { themeLabel } from './theme-labels';
import { ExploreQuery } from './explore-query.dto';

/** Below this many NPS answers mentioning a theme, its driver figures are flagged as a small sample. */
export const SMALL_SAMPLE_NPS_ANSWERS = 30;

const ratio = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10000) / 10000 : null);
const mean = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);

/**
 * The facts in scope of the dashboard's filters, joined with their redacted words (one row each: the texts table
 * is keyed by the fact's id). Parameters $1..$7: tenant, from, to, touchpoint, channel, segment, language. The
 * language is the one detected on the item's words, so an item without words has none and drops out of a
 * language filter.
 */
const SCOPED = `
  FROM feedback_facts f
  LEFT JOIN complaint_texts t ON t.feedback_event_id = f.feedback_event_id AND t.tenant_id = f.tenant_id
 WHERE f.tenant_id = $1 AND f.occurred_at >= $2 AND f.occurred_at < $3
   AND ($4::text IS NULL OR f.touchpoint = $4) AND ($5::text IS NULL OR f.channel = $5)
   AND ($6::text IS NULL OR f.segment = $6) AND ($7::text IS NULL OR t.language = $7)`;

function scopeParams(tenantId: string, q: ExploreQuery, window = q.window()): unknown[] {
  return [tenantId, window.from, window.to, q.touchpoint ?? null, q.channel ?? null, q.segment ?? null, q.language ?? null];
}

export interface TrendPoint {
  bucketStart: string;
  count: number;
  nps: number | null;
  npsResponses: number;
  csatMean: number | null;
  csatResponses: number;
  cesMean: number | null;
  cesResponses: number;
  sentimentMean: number | null;
  negativeShare: number | null;
}

export interface ThemeStats extends ThemeCounts {
  label: string;
  negative: number;
  sentimentMean: number | null;
}

export interface ExploredDriver extends KeyDriver {
  label: string;
  /** NPS answers among the items that mention the theme. */
  npsResponses: number;
  /** Fewer than SMALL_SAMPLE_NPS_ANSWERS answers: the figures can move a lot with a few more. */
  smallSample: boolean;
}

export interface Verbatim {
  feedbackEventId: string;
  occurredAt: Date;
  touchpoint: string;
  channel: string;
  segment: string;
  language: string | null;
  sentiment: string;
  nps: number | null;
  themes: string[];
  /** The words as stored: redacted by ingestion before anything else saw them. */
  text: string;
}

/**
 * The analyst's reads over `feedback_facts` (every dimension the dashboard filters on, combinable) and the
 * redacted words root-cause keeps. Every query takes the key's tenant as $1.
 */
@Injectable()
export class ExploreService {
  constructor(private readonly dataSource: DataSource) {}

  /** The values each filter can take in the window, for the filter bar's menus. */
  async filterOptions(tenantId: string, q: ExploreQuery): Promise<Record<string, string[]>> {
    const { from, to } = q.window();
    const rows = rowsOf<{ dimension: string; value: string }>(
      await this.dataSource.query(
        `WITH f AS (SELECT f.touchpoint, f.channel, f.segment, t.language FROM feedback_facts f
                      LEFT JOIN complaint_texts t ON t.feedback_event_id = f.feedback_event_id AND t.tenant_id = f.tenant_id
                     WHERE f.tenant_id = $1 AND f.occurred_at >= $2 AND f.occurred_at < $3)
         SELECT DISTINCT 'touchpoints' AS dimension, touchpoint AS value FROM f
         UNION SELECT DISTINCT 'channels', channel FROM f
         UNION SELECT DISTINCT 'segments', segment FROM f
         UNION SELECT DISTINCT 'languages', language FROM f WHERE language IS NOT NULL
         ORDER BY 1, 2`,
        [tenantId, from, to],
      ),
    );
    const out: Record<string, string[]> = { touchpoints: [], channels: [], segments: [], languages: [] };
    for (const r of rows) out[r.dimension].push(r.value);
    return out;
  }

  /** NPS, CSAT, CES and sentiment per bucket, every bucket of the window present (null where nobody answered). */
  async trends(tenantId: string, q: ExploreQuery): Promise<TrendPoint[]> {
    const bucket = q.bucket ?? 'day';
    const rows = rowsOf<Record<string, number | Date | null>>(
      await this.dataSource.query(
        `WITH scoped AS (SELECT date_trunc($8, f.occurred_at AT TIME ZONE 'UTC') AS bucket, f.nps, f.csat, f.ces, f.sentiment_score, f.sentiment_label ${SCOPED}),
              buckets AS (SELECT generate_series(date_trunc($8, $2::timestamptz AT TIME ZONE 'UTC'),
                                                 ($3::timestamptz AT TIME ZONE 'UTC') - interval '1 microsecond', ('1 ' || $8)::interval) AS bucket)
         SELECT b.bucket AT TIME ZONE 'UTC' AS bucket_start, count(s.bucket)::int AS count,
                count(s.nps)::int AS nps_count, (count(*) FILTER (WHERE s.nps >= 9))::int AS promoters,
                (count(*) FILTER (WHERE s.nps <= 6))::int AS detractors,
                count(s.csat)::int AS csat_count, avg(s.csat)::float AS csat_mean, count(s.ces)::int AS ces_count, avg(s.ces)::float AS ces_mean,
                avg(s.sentiment_score)::float AS sentiment_mean, (count(*) FILTER (WHERE s.sentiment_label = 'negative'))::int AS negative
           FROM buckets b LEFT JOIN scoped s ON s.bucket = b.bucket
          GROUP BY b.bucket ORDER BY b.bucket`,
        [...scopeParams(tenantId, q), bucket],
      ),
    );
    return rows.map((r) => {
      const n = (k: string) => Number(r[k]);
      return {
        bucketStart: (r.bucket_start as Date).toISOString(),
        count: n('count'),
        nps: nps({ npsCount: n('nps_count'), promoters: n('promoters'), detractors: n('detractors') }),
        npsResponses: n('nps_count'),
        csatMean: mean(r.csat_mean as number | null),
        csatResponses: n('csat_count'),
        cesMean: mean(r.ces_mean as number | null),
        cesResponses: n('ces_count'),
        sentimentMean: mean(r.sentiment_mean as number | null),
        negativeShare: ratio(n('negative'), n('count')),
      };
    });
  }

  /** Per theme in scope: mentions, NPS counts, negative mentions and mean sentiment; plus the overall row ('*'). */
  async themeStats(tenantId: string, q: ExploreQuery): Promise<{ overall: ThemeCounts; themes: ThemeStats[] }> {
    const rows = rowsOf<{ theme: string; mentions: number; nps_count: number; promoters: number; detractors: number; negative: number; sentiment_mean: number | null }>(
      await this.dataSource.query(
        `WITH scoped AS (SELECT f.themes, f.nps, f.sentiment_label, f.sentiment_score ${SCOPED})
         SELECT theme, count(*)::int AS mentions, count(nps)::int AS nps_count, (count(*) FILTER (WHERE nps >= 9))::int AS promoters,
                (count(*) FILTER (WHERE nps <= 6))::int AS detractors, (count(*) FILTER (WHERE sentiment_label = 'negative'))::int AS negative,
                avg(sentiment_score)::float AS sentiment_mean
           FROM (SELECT '*' AS theme, nps, sentiment_label, sentiment_score FROM scoped
                 UNION ALL SELECT th, nps, sentiment_label, sentiment_score FROM scoped, unnest(scoped.themes) th) x
          GROUP BY theme`,
        scopeParams(tenantId, q),
      ),
    );
    const labels = await this.tenantLabels(tenantId);
    const counts = (r: (typeof rows)[number]): ThemeCounts => ({ theme: r.theme, mentions: r.mentions, npsCount: r.nps_count, promoters: r.promoters, detractors: r.detractors });
    const overallRow = rows.find((r) => r.theme === '*');
    return {
      overall: overallRow ? counts(overallRow) : { theme: '*', mentions: 0, npsCount: 0, promoters: 0, detractors: 0 },
      themes: rows
        .filter((r) => r.theme !== '*')
        .map((r) => ({ ...counts(r), label: themeLabel(r.theme, labels), negative: r.negative, sentimentMean: mean(r.sentiment_mean) }))
        .sort((a, b) => b.mentions - a.mentions || a.theme.localeCompare(b.theme)),
    };
  }

  /** Key drivers within the filters, labelled, with the sample size behind each and a small-sample flag. */
  async drivers(tenantId: string, q: ExploreQuery): Promise<{ overallNps: number | null; respondents: number; drivers: ExploredDriver[] }> {
    const { overall, themes } = await this.themeStats(tenantId, q);
    const byTheme = new Map(themes.map((t) => [t.theme, t]));
    return {
      overallNps: nps(overall),
      respondents: overall.npsCount,
      drivers: keyDrivers(overall, themes)
        .map((d) => {
          const t = byTheme.get(d.theme)!;
          return { ...d, label: t.label, npsResponses: t.npsCount, smallSample: t.npsCount < SMALL_SAMPLE_NPS_ANSWERS };
        })
        .slice(q.offset, q.offset + q.limit),
    };
  }

  /**
   * The redacted words behind a theme, a filter or an emerging issue, newest first. For an issue, its touchpoint,
   * theme and time (from its opening hour to its resolution, or now) replace the window, and only negative items count.
   */
  async verbatims(tenantId: string, q: ExploreQuery): Promise<Verbatim[]> {
    let window = q.window();
    let theme = q.theme ?? null;
    let sentiment = q.sentiment ?? null;
    let touchpoint = q.touchpoint ?? null;
    if (q.issueId) {
      const issue = rowsOf<{ touchpoint: string; theme: string; opened_bucket: Date; resolved_bucket: Date | null }>(
        await this.dataSource.query('SELECT touchpoint, theme, opened_bucket, resolved_bucket FROM emerging_issues WHERE tenant_id = $1 AND issue_id = $2', [tenantId, q.issueId]),
      )[0];
      // A touchpoint owner's key (q.touchpoint narrowed to it) sees no issue of another touchpoint.
      if (!issue || (touchpoint !== null && issue.touchpoint !== touchpoint)) {
        throw new NotFoundException({ error: 'not_found', message: `no emerging issue ${q.issueId} for this tenant${touchpoint !== null ? ` at touchpoint ${touchpoint}` : ''}` });
      }
      window = { from: issue.opened_bucket, to: issue.resolved_bucket ? new Date(issue.resolved_bucket.getTime() + 3600_000) : new Date() };
      touchpoint = issue.touchpoint;
      theme = issue.theme === '*' ? null : issue.theme;
      sentiment = 'negative';
    }
    const params = scopeParams(tenantId, Object.assign(new ExploreQuery(), q, { touchpoint: touchpoint ?? undefined }), window);
    const rows = rowsOf<{ feedback_event_id: string; occurred_at: Date; touchpoint: string; channel: string; segment: string; language: string | null; sentiment_label: string; nps: number | null; themes: string[]; text: string }>(
      await this.dataSource.query(
        `SELECT f.feedback_event_id, f.occurred_at, f.touchpoint, f.channel, f.segment, t.language, f.sentiment_label, f.nps, f.themes, t.text
           ${SCOPED} AND t.text IS NOT NULL
            AND ($8::text IS NULL OR $8 = ANY(f.themes)) AND ($9::text IS NULL OR f.sentiment_label = $9)
            AND ($10::uuid IS NULL OR f.feedback_event_id = $10)
          ORDER BY f.occurred_at DESC, f.feedback_event_id LIMIT $11 OFFSET $12`,
        [...params, theme, sentiment, q.feedbackEventId ?? null, q.limit, q.offset],
      ),
    );
    return rows.map((r) => ({
      feedbackEventId: r.feedback_event_id,
      occurredAt: r.occurred_at,
      touchpoint: r.touchpoint,
      channel: r.channel,
      segment: r.segment,
      language: r.language,
      sentiment: r.sentiment_label,
      nps: r.nps,
      themes: r.themes,
      text: r.text,
    }));
  }

  /** Emerging issues opened in the window (touchpoint filter applies), newest first, with their theme's label. */
  async emergingIssues(tenantId: string, q: ExploreQuery, status?: string): Promise<Record<string, unknown>[]> {
    const { from, to } = q.window();
    const rows = rowsOf<{ issue_id: string; touchpoint: string; theme: string; status: string; opened_bucket: Date; resolved_bucket: Date | null; evidence: Record<string, unknown> }>(
      await this.dataSource.query(
        `SELECT issue_id, touchpoint, theme, status, opened_bucket, resolved_bucket, evidence FROM emerging_issues
          WHERE tenant_id = $1 AND opened_bucket >= $2 AND opened_bucket < $3 AND ($4::text IS NULL OR touchpoint = $4)
            AND ($5::text IS NULL OR status = $5)
          ORDER BY opened_bucket DESC, issue_id LIMIT $6 OFFSET $7`,
        [tenantId, from, to, q.touchpoint ?? null, status ?? null, q.limit, q.offset],
      ),
    );
    const labels = await this.tenantLabels(tenantId);
    return rows.map((r) => ({
      issueId: r.issue_id,
      touchpoint: r.touchpoint,
      theme: r.theme,
      label: themeLabel(r.theme, labels),
      status: r.status,
      openedBucket: r.opened_bucket,
      resolvedBucket: r.resolved_bucket,
      evidence: r.evidence,
    }));
  }

  private async tenantLabels(tenantId: string): Promise<Map<string, string>> {
    const rows = rowsOf<{ theme_id: string; label: string }>(await this.dataSource.query('SELECT theme_id, label FROM tenant_themes WHERE tenant_id = $1', [tenantId]));
    return new Map(rows.map((r) => [r.theme_id, r.label]));
  }
}
