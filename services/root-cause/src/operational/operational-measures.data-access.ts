import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OperationalMeasure } from '@loops/contracts';
import { rowsOf } from '@loops/store';
import { MeasureBucketCounts } from './measure-regression';

export interface MeasureSeriesRow extends MeasureBucketCounts {
  measure: string;
  unit: string | null;
  touchpoint: string;
  bucketStart: Date;
  observations: number | null;
}

/** The only module that reads or writes `operational_measures`. Every query is bound to one tenant. */
@Injectable()
export class OperationalMeasuresDataAccess {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One statement per batch. A later report of the same bucket replaces the value (the integration corrected
   * it); a redelivered older event (received earlier) never overwrites a newer one.
   */
  async upsert(events: OperationalMeasure[]): Promise<void> {
    // Within a batch, the last report of a bucket wins (ON CONFLICT cannot touch one row twice in a statement).
    const latest = new Map<string, OperationalMeasure>();
    for (const e of events) {
      const prior = latest.get(e.measureId);
      if (!prior || prior.receivedAt <= e.receivedAt) latest.set(e.measureId, e);
    }
    const rows = [...latest.values()];
    if (rows.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO operational_measures (tenant_id, measure, touchpoint, bucket_size, bucket_start, value, count, unit, integration_id, measure_id, received_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::float8[], $7::int[], $8::text[], $9::text[], $10::uuid[], $11::timestamptz[])
       ON CONFLICT (tenant_id, measure, touchpoint, bucket_size, bucket_start) DO UPDATE
         SET value = EXCLUDED.value, count = EXCLUDED.count, unit = EXCLUDED.unit, integration_id = EXCLUDED.integration_id,
             measure_id = EXCLUDED.measure_id, received_at = EXCLUDED.received_at
       WHERE operational_measures.received_at <= EXCLUDED.received_at`,
      [
        rows.map((e) => e.tenantId),
        rows.map((e) => e.measure),
        rows.map((e) => e.touchpoint),
        rows.map((e) => e.bucket),
        rows.map((e) => e.bucketStart),
        rows.map((e) => e.value),
        rows.map((e) => e.count ?? null),
        rows.map((e) => e.unit ?? null),
        rows.map((e) => e.integrationId),
        rows.map((e) => e.measureId),
        rows.map((e) => e.receivedAt),
      ],
    );
  }

  /**
   * Each measure bucket beside the NPS answers of the same touchpoint and bucket (rollups, all channels and
   * segments, theme `*`). Buckets without answers come back with zero counts, so the series shows them.
   */
  async series(tenantId: string, q: { from: Date; to: Date; measure?: string; touchpoint?: string; bucket?: 'hour' | 'day' }): Promise<MeasureSeriesRow[]> {
    const rows = rowsOf<{ measure: string; unit: string | null; touchpoint: string; bucket_start: Date; value: number; count: number | null; nps_count: number; promoters: number; detractors: number }>(
      await this.dataSource.query(
        `SELECT m.measure, m.unit, m.touchpoint, m.bucket_start, m.value, m.count,
                coalesce(sum(r.nps_count), 0)::int AS nps_count, coalesce(sum(r.promoters), 0)::int AS promoters, coalesce(sum(r.detractors), 0)::int AS detractors
           FROM operational_measures m
           LEFT JOIN rollups r ON r.tenant_id = m.tenant_id AND r.bucket_size = m.bucket_size AND r.bucket_start = m.bucket_start
                              AND r.touchpoint = m.touchpoint AND r.theme = '*'
          WHERE m.tenant_id = $1 AND m.bucket_start >= $2 AND m.bucket_start < $3
            AND ($4::text IS NULL OR m.measure = $4) AND ($5::text IS NULL OR m.touchpoint = $5) AND ($6::text IS NULL OR m.bucket_size = $6)
          GROUP BY m.measure, m.unit, m.touchpoint, m.bucket_size, m.bucket_start, m.value, m.count
          ORDER BY m.measure, m.bucket_start, m.touchpoint
          LIMIT 50000`,
        [tenantId, q.from, q.to, q.measure ?? null, q.touchpoint ?? null, q.bucket ?? null],
      ),
    );
    return rows.map((r) => ({
      measure: r.measure,
      unit: r.unit,
      touchpoint: r.touchpoint,
      bucketStart: r.bucket_start,
      value: Number(r.value),
      observations: r.count,
      npsCount: r.nps_count,
      promoters: r.promoters,
      detractors: r.detractors,
    }));
  }

  /** A measure per UTC day over a scope and window, weighted by observations where given (goals on a measure). */
  async values(tenantId: string, q: { from: Date; to: Date; measure: string; touchpoint?: string }): Promise<{ bucketStart: Date; value: number; weight: number }[]> {
    const rows = rowsOf<{ bucket_start: Date; value: number; weight: number }>(
      await this.dataSource.query(
        `SELECT date_trunc('day', bucket_start) AS bucket_start,
                sum(value * coalesce(count, 1)) / sum(coalesce(count, 1)) AS value, sum(coalesce(count, 1))::float8 AS weight
           FROM operational_measures
          WHERE tenant_id = $1 AND measure = $2 AND bucket_start >= $3 AND bucket_start < $4 AND ($5::text IS NULL OR touchpoint = $5)
          GROUP BY 1 ORDER BY 1`,
        [tenantId, q.measure, q.from, q.to, q.touchpoint ?? null],
      ),
    );
    return rows.map((r) => ({ bucketStart: r.bucket_start, value: Number(r.value), weight: Number(r.weight) }));
  }
}
