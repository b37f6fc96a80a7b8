import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedbackAnalyzed } from '@loops/contracts';
import { bulkInsert } from '@loops/store';
import { aggregate } from './rollup-contribution';

const COUNT_COLUMNS = [
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

const ADD_ON_CONFLICT =
  'ON CONFLICT (tenant_id, bucket_size, bucket_start, touchpoint, channel, segment, theme) DO UPDATE SET ' +
  COUNT_COLUMNS.map((c) => `${c} = rollups.${c} + EXCLUDED.${c}`).join(', ') +
  ', updated_at = now()';

/**
 * Adds a batch of analyzed feedback to the rollups, exactly once: in one transaction the ledger
 * admits only events it has not seen, and only those are added. A redelivered event finds itself in
 * the ledger and adds nothing.
 */
@Injectable()
export class RollupWriter {
  constructor(private readonly dataSource: DataSource) {}

  async add(items: FeedbackAnalyzed[]): Promise<number> {
    if (items.length === 0) return 0;
    return this.dataSource.transaction(async (m) => {
      const firstPerEvent = new Map(items.map((i) => [i.feedback.eventId, i]));
      const admitted = await bulkInsert<{ feedback_event_id: string }>(m, {
        table: 'rollup_ledger',
        columns: ['feedback_event_id', 'tenant_id'],
        rows: [...firstPerEvent.values()].map((i) => [i.feedback.eventId, i.feedback.tenantId]),
        onConflict: 'ON CONFLICT (feedback_event_id) DO NOTHING',
        returning: 'RETURNING feedback_event_id',
      });
      const fresh = admitted.map((r) => firstPerEvent.get(r.feedback_event_id)!);
      const rows = aggregate(fresh);
      await bulkInsert(m, {
        table: 'rollups',
        columns: ['tenant_id', 'bucket_size', 'bucket_start', 'touchpoint', 'channel', 'segment', 'theme', ...COUNT_COLUMNS],
        rows: rows.map(({ key: k, counts: c }) => [
          k.tenantId,
          k.bucketSize,
          k.bucketStart,
          k.touchpoint,
          k.channel,
          k.segment,
          k.theme,
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
        ]),
        onConflict: ADD_ON_CONFLICT,
      });
      return fresh.length;
    });
  }
}
