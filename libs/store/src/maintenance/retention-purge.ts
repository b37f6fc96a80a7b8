import { DataSource } from 'typeorm';
import { rowsOf } from '../tables/insert-rows';
import { PARTITIONED_TABLES, partitionUpperBound, RETAINED_TABLES } from './partitioned-tables';

export interface TenantRetention {
  tenantId: string;
  retentionDays: number;
}

export interface PurgeOutcome {
  /** Whole monthly partitions dropped: every row in them belonged to tenants whose retention had passed. */
  droppedPartitions: string[];
  /** Rows deleted one tenant at a time, by table. */
  deletedRows: Record<string, number>;
}

const DAY_MS = 86400_000;

export async function tenantRetentions(dataSource: DataSource): Promise<TenantRetention[]> {
  return rowsOf<{ tenant_id: string; retention_days: number }>(
    await dataSource.query('SELECT tenant_id, retention_days FROM tenant_retention ORDER BY tenant_id'),
  ).map((r) => ({ tenantId: r.tenant_id, retentionDays: r.retention_days }));
}

/** The instant before which a tenant's rows are past its retention. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/**
 * Applies every tenant's retention as of `now`. Tenants without a setting keep everything.
 *
 * 1. A monthly partition whose whole month is past the retention of some tenants, and which holds rows of
 *    theirs and of no other tenant, is dropped: the cheap path when a store's oldest months have expired for everyone in them.
 * 2. Then, per tenant, rows older than its cutoff are deleted from every retained table (this covers the
 *    months shared with tenants who keep longer, and the default partitions).
 */
export async function purgeExpired(dataSource: DataSource, now: Date): Promise<PurgeOutcome> {
  const retentions = await tenantRetentions(dataSource);
  const outcome: PurgeOutcome = { droppedPartitions: [], deletedRows: {} };
  if (retentions.length === 0) return outcome;
  const cutoffs = retentions.map((r) => ({ tenantId: r.tenantId, cutoff: retentionCutoff(now, r.retentionDays) }));

  for (const { table } of PARTITIONED_TABLES) {
    const partitions = rowsOf<{ name: string }>(
      await dataSource.query(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass ORDER BY 1`,
        [table],
      ),
    ).map((r) => r.name);
    for (const partition of partitions) {
      const upper = partitionUpperBound(partition);
      if (!upper) continue;
      const expired = cutoffs.filter((c) => c.cutoff.getTime() >= upper.getTime()).map((c) => c.tenantId);
      if (expired.length === 0) continue;
      // The partition name comes from the catalog and matched the _pYYYYMM pattern; identifiers cannot be bound.
      // An empty month is left alone: dropping it gains nothing, and late rows for it would fall to the default.
      const [{ expiredRows, others }] = rowsOf<{ expiredRows: boolean; others: boolean }>(
        await dataSource.query(
          `SELECT EXISTS (SELECT 1 FROM "${partition}") AS "expiredRows",
                  EXISTS (SELECT 1 FROM "${partition}" WHERE tenant_id <> ALL($1::text[])) AS others`,
          [expired],
        ),
      );
      if (!expiredRows || others) continue;
      await dataSource.query(`DROP TABLE "${partition}"`);
      outcome.droppedPartitions.push(partition);
    }
  }

  for (const { table, column } of RETAINED_TABLES) {
    let deleted = 0;
    for (const { tenantId, cutoff } of cutoffs) {
      const result = (await dataSource.query(`DELETE FROM ${table} WHERE tenant_id = $1 AND ${column} < $2`, [tenantId, cutoff])) as [unknown, number];
      deleted += result[1] ?? 0;
    }
    outcome.deletedRows[table] = deleted;
  }
  return outcome;
}
