import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { bulkInsert, rowsOf } from '@loops/store';
import { FACT_COLUMNS, FeedbackFact, factFromRow, FactRow, factRow } from '../facts/feedback-fact';
import { aggregate, BUCKET_SIZES, bucketStart, RollupCounts, RollupKey } from './rollup-contribution';

export const COUNT_COLUMNS = [
  'count',
  'nps_count',
  'promoters',
  'passives',
  'detractors',
  'csat_count',
  'csat_sum',
  'csat_top2',
  'ces_count',
  'ces_sum',
  'sentiment_count',
  'sentiment_sum',
  'negative_count',
] as const;

const KEY_COLUMNS = ['tenant_id', 'bucket_size', 'bucket_start', 'touchpoint', 'channel', 'segment', 'theme'] as const;

const ADD_ON_CONFLICT =
  `ON CONFLICT (${KEY_COLUMNS.join(', ')}) DO UPDATE SET ` +
  COUNT_COLUMNS.map((c) => `${c} = rollups.${c} + EXCLUDED.${c}`).join(', ') +
  ', updated_at = now()';

export function rollupRow(key: RollupKey, c: RollupCounts): unknown[] {
  return [
    key.tenantId,
    key.bucketSize,
    key.bucketStart,
    key.touchpoint,
    key.channel,
    key.segment,
    key.theme,
    c.count,
    c.npsCount,
    c.promoters,
    c.passives,
    c.detractors,
    c.csatCount,
    c.csatSum,
    c.csatTop2,
    c.cesCount,
    c.cesSum,
    c.sentimentCount,
    c.sentimentSum,
    c.negativeCount,
  ];
}

/**
 * Adds a batch to the rollups exactly once. In one transaction the facts table admits only events it
 * has not seen (its primary key is the feedback event id), and only those are added to the rollups:
 * a redelivered event finds its fact and adds nothing.
 */
@Injectable()
export class RollupWriter {
  /** Returns the facts that were new (the ones that now count). */
  async add(m: EntityManager, facts: FeedbackFact[]): Promise<FeedbackFact[]> {
    if (facts.length === 0) return [];
    const byId = new Map(facts.map((f) => [f.feedbackEventId, f]));
    const admitted = await bulkInsert<{ feedback_event_id: string }>(m, {
      table: 'feedback_facts',
      columns: [...FACT_COLUMNS],
      rows: [...byId.values()].map(factRow),
      // Partitioned by occurred_at, which a redelivered event always carries unchanged: still exactly once.
      onConflict: 'ON CONFLICT (feedback_event_id, occurred_at) DO NOTHING',
      returning: 'RETURNING feedback_event_id',
    });
    const fresh = admitted.map((r) => byId.get(r.feedback_event_id)!);
    await this.upsert(m, fresh);
    return fresh;
  }

  async upsert(m: EntityManager, facts: FeedbackFact[]): Promise<void> {
    const rows = aggregate(facts);
    await bulkInsert(m, {
      table: 'rollups',
      columns: [...KEY_COLUMNS, ...COUNT_COLUMNS],
      rows: rows.map(({ key, counts }) => rollupRow(key, counts)),
      onConflict: ADD_ON_CONFLICT,
    });
  }

  /**
   * Re-derives, from the facts that remain, every rollup bucket the removed facts had counted in (each
   * bucket size and start they touched, all dimensions): the rows are deleted and rebuilt with the same
   * aggregation, so they equal a recomputation. Returns the number of rows written.
   */
  async rederive(m: EntityManager, tenantId: string, removed: FeedbackFact[]): Promise<number> {
    if (removed.length === 0) return 0;
    const touched = new Set(removed.flatMap((f) => BUCKET_SIZES.map((size) => `${size}|${bucketStart(f.occurredAt, size)}`)));
    for (const size of BUCKET_SIZES) {
      const starts = [...touched].filter((t) => t.startsWith(`${size}|`)).map((t) => t.slice(size.length + 1));
      await m.query('DELETE FROM rollups WHERE tenant_id = $1 AND bucket_size = $2 AND bucket_start = ANY($3::timestamptz[])', [tenantId, size, starts]);
    }
    // Hours and days nest in ISO weeks, so the facts of the touched weeks cover every touched bucket.
    const weeks = [...new Set(removed.map((f) => bucketStart(f.occurredAt, 'week')))];
    const remaining = rowsOf<FactRow>(
      await m.query(
        `SELECT f.* FROM feedback_facts f JOIN unnest($2::timestamptz[]) AS w(start)
            ON f.occurred_at >= w.start AND f.occurred_at < w.start + interval '7 days'
          WHERE f.tenant_id = $1`,
        [tenantId, weeks],
      ),
    ).map(factFromRow);
    const rows = aggregate(remaining).filter((r) => touched.has(`${r.key.bucketSize}|${r.key.bucketStart}`));
    await bulkInsert(m, {
      table: 'rollups',
      columns: [...KEY_COLUMNS, ...COUNT_COLUMNS],
      rows: rows.map(({ key, counts }) => rollupRow(key, counts)),
      onConflict: ADD_ON_CONFLICT,
    });
    return rows.length;
  }
}
