import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@loops/store';
import { CandidateTheme, candidateThemes } from '../discovery/candidate-themes';
import { keyDrivers, KeyDriver, nps, ThemeCounts } from '../drivers/key-drivers';
import { factFromRow, FactRow } from '../facts/feedback-fact';
import { ChurnModel, DEFAULT_CHURN_MODEL, revenueAtRisk, RevenueAtRisk } from '../revenue/revenue-at-risk';
import { READ_DATA_SOURCE } from '../store/read-data-source';
import { ReportQuery } from './report-query.dto';

type Row = Record<string, unknown>;

/** Discovery on 10,000 complaints takes under 2 s; a wider window is sampled to its newest complaints. */
const MAX_DISCOVERY_ITEMS = 10000;

const ratio = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10000) / 10000 : null);

/**
 * Read models over the reporting store. Every query takes the tenant as its first bound parameter;
 * callers pass the tenant of the API key, never one from the request. Reads go to `reads` (a replica when
 * DATABASE_READ_URL is set); the two writes (churn model, theme promotion) go to the primary.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(READ_DATA_SOURCE) private readonly reads: DataSource,
  ) {}

  async metrics(tenantId: string, q: ReportQuery): Promise<Row[]> {
    const { from, to } = q.window();
    const rows = rowsOf<Record<string, number | Date>>(
      await this.reads.query(
        `SELECT bucket_start, sum(count)::int AS count, sum(nps_count)::int AS nps_count, sum(promoters)::int AS promoters,
                sum(passives)::int AS passives, sum(detractors)::int AS detractors, sum(csat_count)::int AS csat_count,
                sum(csat_sum)::float AS csat_sum, sum(csat_top2)::int AS csat_top2, sum(ces_count)::int AS ces_count,
                sum(ces_sum)::float AS ces_sum, sum(sentiment_count)::int AS sentiment_count,
                sum(sentiment_sum)::float AS sentiment_sum, sum(negative_count)::int AS negative_count
           FROM rollups
          WHERE tenant_id = $1 AND bucket_size = $2 AND bucket_start >= $3 AND bucket_start < $4 AND theme = $5
            AND ($6::text IS NULL OR touchpoint = $6) AND ($7::text IS NULL OR channel = $7) AND ($8::text IS NULL OR segment = $8)
          GROUP BY bucket_start ORDER BY bucket_start LIMIT $9 OFFSET $10`,
        [tenantId, q.bucket ?? 'day', from, to, q.theme ?? '*', q.touchpoint ?? null, q.channel ?? null, q.segment ?? null, q.limit, q.offset],
      ),
    );
    return rows.map((r) => {
      const n = (k: string) => Number(r[k]);
      return {
        bucketStart: r.bucket_start,
        count: n('count'),
        nps: nps({ npsCount: n('nps_count'), promoters: n('promoters'), detractors: n('detractors') }),
        npsResponses: n('nps_count'),
        promoters: n('promoters'),
        passives: n('passives'),
        detractors: n('detractors'),
        csatMean: ratio(n('csat_sum'), n('csat_count')),
        csatTop2Box: ratio(n('csat_top2'), n('csat_count')),
        cesMean: ratio(n('ces_sum'), n('ces_count')),
        sentimentMean: ratio(n('sentiment_sum'), n('sentiment_count')),
        negativeShare: ratio(n('negative_count'), n('sentiment_count')),
      };
    });
  }

  async drivers(tenantId: string, q: ReportQuery): Promise<{ overallNps: number | null; respondents: number; drivers: KeyDriver[] }> {
    const { from, to } = q.window();
    const rows = rowsOf<{ theme: string; mentions: number; nps_count: number; promoters: number; detractors: number }>(
      await this.reads.query(
        `SELECT theme, sum(count)::int AS mentions, sum(nps_count)::int AS nps_count, sum(promoters)::int AS promoters, sum(detractors)::int AS detractors
           FROM rollups
          WHERE tenant_id = $1 AND bucket_size = 'hour' AND bucket_start >= $2 AND bucket_start < $3 AND ($4::text IS NULL OR touchpoint = $4)
          GROUP BY theme`,
        [tenantId, from, to, q.touchpoint ?? null],
      ),
    );
    const toCounts = (r: (typeof rows)[number]): ThemeCounts => ({ theme: r.theme, mentions: r.mentions, npsCount: r.nps_count, promoters: r.promoters, detractors: r.detractors });
    const overall = rows.find((r) => r.theme === '*');
    const overallCounts = overall ? toCounts(overall) : { theme: '*', mentions: 0, npsCount: 0, promoters: 0, detractors: 0 };
    return {
      overallNps: nps(overallCounts),
      respondents: overallCounts.npsCount,
      drivers: keyDrivers(overallCounts, rows.filter((r) => r.theme !== '*').map(toCounts)).slice(q.offset, q.offset + q.limit),
    };
  }

  async churnModel(tenantId: string, source: DataSource = this.reads): Promise<ChurnModel> {
    const row = rowsOf<{ promoter: number; passive: number; detractor: number; unscored_negative: number; unscored_other: number }>(
      await source.query('SELECT * FROM churn_models WHERE tenant_id = $1', [tenantId]),
    )[0];
    return row
      ? { promoter: row.promoter, passive: row.passive, detractor: row.detractor, unscoredNegative: row.unscored_negative, unscoredOther: row.unscored_other }
      : DEFAULT_CHURN_MODEL;
  }

  /** Returns the model as stored on the primary (a replica may not have it yet). */
  async setChurnModel(tenantId: string, model: ChurnModel): Promise<ChurnModel> {
    await this.dataSource.query(
      `INSERT INTO churn_models (tenant_id, promoter, passive, detractor, unscored_negative, unscored_other) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id) DO UPDATE SET promoter = $2, passive = $3, detractor = $4, unscored_negative = $5, unscored_other = $6, updated_at = now()`,
      [tenantId, model.promoter, model.passive, model.detractor, model.unscoredNegative, model.unscoredOther],
    );
    return this.churnModel(tenantId, this.dataSource);
  }

  async revenueAtRisk(tenantId: string, q: ReportQuery): Promise<RevenueAtRisk & { churnModel: ChurnModel }> {
    const { from, to } = q.window();
    const facts = rowsOf<FactRow>(
      await this.reads.query(
        `SELECT * FROM feedback_facts WHERE tenant_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND ($4::text IS NULL OR touchpoint = $4)`,
        [tenantId, from, to, q.touchpoint ?? null],
      ),
    ).map(factFromRow);
    const model = await this.churnModel(tenantId);
    return { ...revenueAtRisk(facts, model), churnModel: model };
  }

  async insights(tenantId: string, q: ReportQuery): Promise<Row[]> {
    const { from, to } = q.window();
    return rowsOf<Row>(
      await this.reads.query(
        `SELECT insight_id AS "insightId", kind, touchpoint, theme, summary, evidence, at FROM insights
          WHERE tenant_id = $1 AND at >= $2 AND at < $3 AND ($4::text IS NULL OR touchpoint = $4) AND ($5::text IS NULL OR theme = $5)
          ORDER BY at DESC LIMIT $6 OFFSET $7`,
        [tenantId, from, to, q.touchpoint ?? null, q.theme ?? null, q.limit, q.offset],
      ),
    );
  }

  async emergingIssues(tenantId: string, q: ReportQuery): Promise<Row[]> {
    return rowsOf<Row>(
      await this.reads.query(
        `SELECT issue_id AS "issueId", touchpoint, theme, status, opened_bucket AS "openedBucket", resolved_bucket AS "resolvedBucket", evidence
           FROM emerging_issues WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2)
            AND ($3::text IS NULL OR touchpoint = $3) AND ($4::text IS NULL OR theme = $4)
          ORDER BY opened_bucket DESC LIMIT $5 OFFSET $6`,
        [tenantId, q.status ?? null, q.touchpoint ?? null, q.theme ?? null, q.limit, q.offset],
      ),
    );
  }

  /**
   * Negative feedback that matched no theme, grouped by what customers say (discovery over the redacted texts,
   * newest 10,000 in the window): candidates for new themes, largest first.
   */
  async candidateThemes(tenantId: string, q: ReportQuery): Promise<CandidateTheme[]> {
    const { from, to } = q.window();
    const rows = rowsOf<{ feedback_event_id: string; touchpoint: string; occurred_at: Date; language: string | null; text: string }>(
      await this.reads.query(
        `SELECT f.feedback_event_id, f.touchpoint, f.occurred_at, t.language, t.text
           FROM feedback_facts f JOIN complaint_texts t ON t.feedback_event_id = f.feedback_event_id AND t.tenant_id = f.tenant_id
          WHERE f.tenant_id = $1 AND f.occurred_at >= $2 AND f.occurred_at < $3 AND f.sentiment_label = 'negative' AND cardinality(f.themes) = 0
            AND ($4::text IS NULL OR f.touchpoint = $4)
          ORDER BY f.occurred_at DESC, f.feedback_event_id LIMIT ${MAX_DISCOVERY_ITEMS}`,
        [tenantId, from, to, q.touchpoint ?? null],
      ),
    );
    const items = rows.map((r) => ({ feedbackEventId: r.feedback_event_id, touchpoint: r.touchpoint, occurredAt: r.occurred_at, language: r.language, text: r.text }));
    return candidateThemes(items, q.offset + q.limit).slice(q.offset, q.offset + q.limit);
  }

  async cases(tenantId: string, q: ReportQuery): Promise<Row[]> {
    return rowsOf<Row>(
      await this.reads.query(
        // Root-cause's read model of cases.v1 (routing owns the cases table).
        `SELECT case_id AS "caseId", status, priority, owner_team AS "ownerTeam", assignee, opened_at AS "openedAt", due_at AS "dueAt",
                (status = 'open' AND due_at < now()) AS "pastSla", escalation_level AS "escalationLevel", root_cause_code AS "rootCauseCode"
           FROM case_summaries
          WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2) AND (NOT $3 OR (status = 'open' AND due_at < now()))
          ORDER BY due_at LIMIT $4 OFFSET $5`,
        [tenantId, q.status ?? null, q.pastSla === 'true', q.limit, q.offset],
      ),
    );
  }

  /** Root-cause codes of resolved cases, ranked: what the inner loop found behind the complaints. */
  async rootCauses(tenantId: string, q: ReportQuery): Promise<Row[]> {
    const { from, to } = q.window();
    return rowsOf<Row>(
      await this.reads.query(
        `SELECT root_cause_code AS "rootCauseCode", count(*)::int AS cases, max(resolved_at) AS "lastResolvedAt"
           FROM case_root_causes WHERE tenant_id = $1 AND resolved_at >= $2 AND resolved_at < $3
          GROUP BY root_cause_code ORDER BY cases DESC, root_cause_code LIMIT $4 OFFSET $5`,
        [tenantId, from, to, q.limit, q.offset],
      ),
    );
  }
}
