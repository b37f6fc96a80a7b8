import type { Gauge } from 'prom-client';
import type { Sampler } from './scrape-samplers';

/** Runs one parameterised SQL query and returns its rows (a DataSource's `query`, bound). */
export type QueryRows = (sql: string, params?: unknown[]) => Promise<unknown>;

/**
 * An outbox: rows written with the transaction that caused them and marked `published_at` once on Kafka.
 * `table` and `since` are identifiers from code, never from input; they are checked anyway because they are
 * spliced into SQL (identifiers cannot be bound as parameters).
 */
export interface OutboxSpec {
  /** Label value, e.g. `feedback`, `alerts`. */
  outbox: string;
  table: string;
  /** The column holding when the row was staged. */
  since: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function outboxQuery(specs: OutboxSpec[]): string {
  if (specs.length === 0) throw new Error('outboxQuery needs at least one outbox');
  return specs
    .map((s, i) => {
      if (!IDENTIFIER.test(s.table) || !IDENTIFIER.test(s.since)) throw new Error(`outbox ${s.outbox}: bad table or column name`);
      // count(*) and min() over `published_at IS NULL` use each table's partial "unpublished" index, so the
      // cost follows the backlog (normally a handful of rows), not the table.
      return `SELECT $${i + 1}::text AS outbox, count(*)::bigint AS depth,
              COALESCE(EXTRACT(EPOCH FROM (now() - min(${s.since}))), 0)::float8 AS age
         FROM ${s.table} WHERE published_at IS NULL`;
    })
    .join('\nUNION ALL\n');
}

/** Sets `loops_outbox_depth` and `loops_outbox_oldest_age_seconds` for each outbox with one query. */
export function outboxSampler(
  query: QueryRows,
  specs: OutboxSpec[],
  gauges: { depth: Gauge<'outbox'>; oldestAge: Gauge<'outbox'> },
): Sampler {
  const sql = outboxQuery(specs);
  const names = specs.map((s) => s.outbox);
  return async () => {
    const rows = (await query(sql, names)) as { outbox: string; depth: string | number; age: string | number }[];
    for (const row of rows) {
      gauges.depth.set({ outbox: row.outbox }, Number(row.depth));
      gauges.oldestAge.set({ outbox: row.outbox }, Math.max(0, Number(row.age)));
    }
  };
}

/** The labels every priority keeps, so a priority whose overdue cases were all handled drops back to 0. */
export function casesPastSlaSampler(query: QueryRows, gauge: Gauge<'priority'>): Sampler {
  const seen = new Set<string>();
  return async () => {
    // Uses the partial index cases_due (due_at WHERE status = 'open'). Acknowledged cases are being handled:
    // only cases nobody has picked up count as past their SLA, the same rule the escalation ladder uses.
    const rows = (await query(
      `SELECT priority, count(*)::bigint AS n FROM cases WHERE status = 'open' AND due_at < now() GROUP BY priority`,
    )) as { priority: string; n: string | number }[];
    const counts = new Map(rows.map((r) => [r.priority, Number(r.n)] as const));
    for (const priority of counts.keys()) seen.add(priority);
    for (const priority of seen) gauge.set({ priority }, counts.get(priority) ?? 0);
  };
}
