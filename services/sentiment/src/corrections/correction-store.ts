import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FeedbackReceived } from '@loops/contracts';
import { rowsOf } from '@loops/store';
import type { CorrectedSentiment } from './correction.dto';

/** The item as the tenant sees it: its feedback event and its latest analysis. */
export interface CorrectableItem {
  feedback: FeedbackReceived;
  analysis: { name: string; version: string; label: CorrectedSentiment; themes: string[] } | null;
}

export interface CorrectionRow {
  correction_id: string;
  feedback_event_id: string;
  analyzer_name: string;
  analyzer_version: string;
  original_label: CorrectedSentiment;
  original_themes: string[];
  corrected_label: CorrectedSentiment | null;
  themes_added: string[];
  themes_removed: string[];
  note: string | null;
  corrected_by: string;
  created_at: Date;
}

export interface NewCorrection extends Omit<CorrectionRow, 'created_at'> {
  tenant_id: string;
}

/** One week and one analyzer version (shipped, or an adapter revision) of the corrected analyses. */
export interface WeekAccuracy {
  week_start: Date;
  analyzer_version: string;
  reviewed: number;
  sentiment_reviewed: number;
  sentiment_agreed: number;
  themes_agreed: number;
}

const COLUMNS = `correction_id, feedback_event_id, analyzer_name, analyzer_version, original_label, original_themes, corrected_label,
  themes_added, themes_removed, note, corrected_by, created_at`;

/**
 * SQL of the corrections tables; every query is scoped by the caller's tenant. The item's event comes from
 * sentiment's own `sentiment_feedback` (its read model of feedback.received.v1), never ingestion's `feedback`.
 */
@Injectable()
export class CorrectionStore {
  constructor(private readonly dataSource: DataSource) {}

  async item(tenantId: string, feedbackEventId: string): Promise<CorrectableItem | undefined> {
    const [row] = rowsOf<{
      event: FeedbackReceived;
      analyzer_name: string | null;
      analyzer_version: string;
      sentiment_label: CorrectedSentiment;
      themes: { id: string }[];
    }>(
      await this.dataSource.query(
        `SELECT f.event, a.analyzer_name, a.analyzer_version, a.sentiment_label, a.themes
           FROM sentiment_feedback f
           LEFT JOIN LATERAL (
             SELECT analyzer_name, analyzer_version, sentiment_label, themes FROM analyses
              WHERE feedback_event_id = f.event_id AND tenant_id = f.tenant_id
              ORDER BY analyzed_at DESC, analyzer_version DESC LIMIT 1) a ON true
          WHERE f.tenant_id = $1 AND f.event_id = $2`,
        [tenantId, feedbackEventId],
      ),
    );
    if (!row) return undefined;
    return {
      feedback: row.event,
      analysis:
        row.analyzer_name === null
          ? null
          : {
              name: row.analyzer_name,
              version: row.analyzer_version,
              label: row.sentiment_label,
              themes: row.themes.map((t) => t.id),
            },
    };
  }

  /** Inserts the correction unless the same one was recorded before; says which. */
  async insert(c: NewCorrection): Promise<{ created: boolean; row: CorrectionRow }> {
    const inserted = rowsOf<CorrectionRow>(
      await this.dataSource.query(
        `INSERT INTO corrections (correction_id, tenant_id, feedback_event_id, analyzer_name, analyzer_version, original_label, original_themes,
            corrected_label, themes_added, themes_removed, note, corrected_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9::jsonb, $10::jsonb, $11, $12)
         ON CONFLICT (correction_id) DO NOTHING RETURNING ${COLUMNS}`,
        [
          c.correction_id,
          c.tenant_id,
          c.feedback_event_id,
          c.analyzer_name,
          c.analyzer_version,
          c.original_label,
          JSON.stringify(c.original_themes),
          c.corrected_label,
          JSON.stringify(c.themes_added),
          JSON.stringify(c.themes_removed),
          c.note,
          c.corrected_by,
        ],
      ),
    );
    if (inserted.length > 0) return { created: true, row: inserted[0] };
    const [existing] = rowsOf<CorrectionRow>(
      await this.dataSource.query(
        `SELECT ${COLUMNS} FROM corrections WHERE correction_id = $1 AND tenant_id = $2`,
        [c.correction_id, c.tenant_id],
      ),
    );
    return { created: false, row: existing };
  }

  /** Newest first, keyset-paginated on (created_at, correction_id). */
  async list(
    tenantId: string,
    limit: number,
    after: { at: string; id: string } | undefined,
    feedbackEventId: string | undefined,
  ): Promise<CorrectionRow[]> {
    return rowsOf<CorrectionRow>(
      await this.dataSource.query(
        `SELECT ${COLUMNS} FROM corrections
          WHERE tenant_id = $1 AND ($2::uuid IS NULL OR feedback_event_id = $2)
            AND ($3::timestamptz IS NULL OR (created_at, correction_id) < ($3::timestamptz, $4::uuid))
          ORDER BY created_at DESC, correction_id DESC LIMIT $5`,
        [tenantId, feedbackEventId ?? null, after?.at ?? null, after?.id ?? null, limit],
      ),
    );
  }

  /** The latest correction of each reviewed item, with the item's feedback event: what an adapter learns from. */
  async trainingSet(
    manager: EntityManager,
    tenantId: string,
    limit: number,
  ): Promise<(CorrectionRow & { event: FeedbackReceived })[]> {
    return rowsOf<CorrectionRow & { event: FeedbackReceived }>(
      await manager.query(
        `SELECT * FROM (
           SELECT DISTINCT ON (c.feedback_event_id) c.*, f.event
             FROM corrections c JOIN sentiment_feedback f ON f.event_id = c.feedback_event_id AND f.tenant_id = c.tenant_id
            WHERE c.tenant_id = $1
            ORDER BY c.feedback_event_id, c.created_at DESC, c.correction_id DESC) latest
          ORDER BY created_at DESC, correction_id DESC LIMIT $2`,
        [tenantId, limit],
      ),
    );
  }

  /**
   * Per week of review and analyzer version of the corrected analysis: items reviewed (each counted once, by its
   * latest correction), how many stated a sentiment and agreed with the analysis, and how many left the themes unchanged.
   */
  async accuracy(tenantId: string, since: Date): Promise<WeekAccuracy[]> {
    return rowsOf<WeekAccuracy>(
      await this.dataSource.query(
        `SELECT date_trunc('week', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS week_start, analyzer_version,
                count(*)::int AS reviewed,
                count(*) FILTER (WHERE corrected_label IS NOT NULL)::int AS sentiment_reviewed,
                count(*) FILTER (WHERE corrected_label = original_label)::int AS sentiment_agreed,
                count(*) FILTER (WHERE themes_added = '[]'::jsonb AND themes_removed = '[]'::jsonb)::int AS themes_agreed
           FROM (SELECT DISTINCT ON (feedback_event_id) * FROM corrections
                  WHERE tenant_id = $1 AND created_at >= $2
                  ORDER BY feedback_event_id, created_at DESC, correction_id DESC) latest
          GROUP BY 1, 2 ORDER BY 1, 2`,
        [tenantId, since],
      ),
    );
  }
}
