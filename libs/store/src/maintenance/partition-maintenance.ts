import { DataSource } from 'typeorm';
import { rowsOf } from '../tables/insert-rows';
import { PARTITIONED_TABLES } from './partitioned-tables';

/** Months of partitions kept ready ahead of now, so inserts never fall into the default partition. */
export const MONTHS_AHEAD = 3;

/**
 * Creates every missing monthly partition from this month to `monthsAhead` months ahead (and moves rows
 * that had landed in a default partition into them). Returns how many partitions were created.
 */
export async function ensurePartitionsAhead(dataSource: DataSource, now: Date, monthsAhead = MONTHS_AHEAD): Promise<number> {
  return ensurePartitionsBetween(dataSource, now, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsAhead, 1)));
}

/** Creates the monthly partitions for a history import's range, before the import (operators' CLI). */
export async function ensurePartitionsBetween(dataSource: DataSource, from: Date, to: Date): Promise<number> {
  let created = 0;
  for (const { table } of PARTITIONED_TABLES) {
    const [row] = rowsOf<{ created: number }>(
      await dataSource.query('SELECT loops_ensure_month_partitions($1, $2::date, $3::date) AS created', [table, from, to]),
    );
    created += row.created;
  }
  return created;
}
