import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@loops/store';
import { factFromRow, FactRow } from '../facts/feedback-fact';
import { aggregate, keyString, RollupCounts } from './rollup-contribution';
import { COUNT_COLUMNS, RollupWriter } from './rollup.writer';

export interface RollupDifference {
  key: string;
  stored: Partial<RollupCounts> | null;
  recomputed: Partial<RollupCounts> | null;
}

const CAMEL: Record<(typeof COUNT_COLUMNS)[number], keyof RollupCounts> = {
  count: 'count',
  nps_count: 'npsCount',
  promoters: 'promoters',
  passives: 'passives',
  detractors: 'detractors',
  csat_count: 'csatCount',
  csat_sum: 'csatSum',
  csat_top2: 'csatTop2',
  ces_count: 'cesCount',
  ces_sum: 'cesSum',
  sentiment_count: 'sentimentCount',
  sentiment_sum: 'sentimentSum',
  negative_count: 'negativeCount',
};

function same(a: RollupCounts, b: RollupCounts): boolean {
  // Sums of doubles added in a different order may differ in the last bits.
  return (Object.keys(a) as (keyof RollupCounts)[]).every((k) => Math.abs(a[k] - b[k]) < 1e-9);
}

/**
 * Recomputes a tenant's rollups from its stored facts with the same aggregation the consumer uses, and
 * compares (verify) or replaces (rebuild) what the incremental path wrote.
 */
@Injectable()
export class RollupRecompute {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: RollupWriter,
  ) {}

  async verify(tenantId: string): Promise<RollupDifference[]> {
    const facts = rowsOf<FactRow>(await this.dataSource.query('SELECT * FROM feedback_facts WHERE tenant_id = $1', [tenantId])).map(factFromRow);
    const expected = new Map(aggregate(facts).map((r) => [keyString(r.key), r.counts]));
    const stored = new Map<string, RollupCounts>();
    const rows = rowsOf<Record<string, unknown>>(await this.dataSource.query('SELECT * FROM rollups WHERE tenant_id = $1', [tenantId]));
    for (const r of rows) {
      const key = keyString({
        tenantId: r.tenant_id as string,
        bucketSize: r.bucket_size as 'hour',
        bucketStart: (r.bucket_start as Date).toISOString(),
        touchpoint: r.touchpoint as string,
        channel: r.channel as string,
        segment: r.segment as string,
        theme: r.theme as string,
      });
      const counts = Object.fromEntries(COUNT_COLUMNS.map((c) => [CAMEL[c], Number(r[c])])) as unknown as RollupCounts;
      stored.set(key, counts);
    }
    const differences: RollupDifference[] = [];
    for (const key of new Set([...expected.keys(), ...stored.keys()])) {
      const e = expected.get(key);
      const s = stored.get(key);
      if (!e || !s || !same(e, s)) differences.push({ key: key.split('\u0000').join(' | '), stored: s ?? null, recomputed: e ?? null });
    }
    return differences;
  }

  async rebuild(tenantId: string): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      await m.query('DELETE FROM rollups WHERE tenant_id = $1', [tenantId]);
      const facts = rowsOf<FactRow>(await m.query('SELECT * FROM feedback_facts WHERE tenant_id = $1', [tenantId])).map(factFromRow);
      await this.writer.upsert(m, facts);
      return facts.length;
    });
  }
}
