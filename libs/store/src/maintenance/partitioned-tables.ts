/**
 * The tables partitioned by month (migration 1732720000000) and the column each is partitioned on, and every
 * table a tenant's retention applies to, with the time it is judged by. Rollups are kept: they are aggregates
 * without any item's content, and reports over old periods keep working from them.
 */
export const PARTITIONED_TABLES = [
  { table: 'feedback', column: 'occurred_at' },
  { table: 'analyses', column: 'occurred_at' },
  { table: 'feedback_facts', column: 'occurred_at' },
  { table: 'alerts', column: 'created_at' },
] as const;

export const RETAINED_TABLES = [
  ...PARTITIONED_TABLES,
  { table: 'feedback_identities', column: 'occurred_at' },
  { table: 'complaint_texts', column: 'occurred_at' },
  // sentiment's copy of the consumed feedback events goes with the feedback it copies.
  { table: 'sentiment_feedback', column: 'occurred_at' },
] as const;

/** First instant after the month a partition named `<table>_pYYYYMM` covers; null for the default partition. */
export function partitionUpperBound(partition: string): Date | null {
  const m = /_p(\d{4})(\d{2})$/.exec(partition);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]), 1)) : null;
}
