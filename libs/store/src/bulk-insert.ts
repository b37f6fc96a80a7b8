import { EntityManager } from 'typeorm';

// PostgreSQL's wire protocol caps a statement at 65,535 bind parameters; chunk below it.
const MAX_PARAMETERS = 60000;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function assertIdentifier(name: string): void {
  if (!IDENTIFIER.test(name)) throw new Error(`unsafe SQL identifier "${name}"`);
}

export interface BulkInsert {
  table: string;
  columns: string[];
  rows: unknown[][];
  /** e.g. `ON CONFLICT (event_id) DO NOTHING` — fixed SQL from code, never from input. */
  onConflict?: string;
  /** e.g. `RETURNING event_id`. */
  returning?: string;
}

/**
 * One multi-row, parameterised INSERT per chunk: the hot path makes one round trip per batch,
 * not one per event. Values are always bound parameters; only identifiers come from code.
 */
export async function bulkInsert<R = Record<string, unknown>>(
  manager: EntityManager,
  spec: BulkInsert,
): Promise<R[]> {
  assertIdentifier(spec.table);
  spec.columns.forEach(assertIdentifier);
  if (spec.rows.length === 0) return [];
  const width = spec.columns.length;
  const rowsPerChunk = Math.max(1, Math.floor(MAX_PARAMETERS / width));
  const returned: R[] = [];
  for (let start = 0; start < spec.rows.length; start += rowsPerChunk) {
    const chunk = spec.rows.slice(start, start + rowsPerChunk);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      if (row.length !== width) throw new Error(`row has ${row.length} values, expected ${width}`);
      const placeholders = row.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    const sql = [
      `INSERT INTO ${spec.table} (${spec.columns.join(', ')}) VALUES ${tuples.join(', ')}`,
      spec.onConflict ?? '',
      spec.returning ?? '',
    ].join(' ');
    const result = await manager.query(sql, params);
    if (spec.returning) returned.push(...(result as R[]));
  }
  return returned;
}

/**
 * TypeORM's postgres driver returns `[rows, affected]` for UPDATE/DELETE ... RETURNING and plain rows
 * for SELECT/INSERT; this gives the rows either way.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
