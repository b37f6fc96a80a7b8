import { ColumnType, Table } from './table';

/** Anything that runs one parameterised statement: a DataSource, an EntityManager, a QueryRunner. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface InsertOptions<Row> {
  /**
   * On a conflict on the table's key: nothing (the default; a redelivery changes nothing), an error (no
   * ON CONFLICT clause), or these assignments, fixed SQL from code (e.g. `count = rollups.count + EXCLUDED.count`).
   */
  onConflict?: 'nothing' | 'error' | { set: string };
  /** Columns (or `*`) to return for the rows actually inserted (or updated). */
  returning?: readonly (keyof Row & string)[] | '*';
}

/**
 * Array columns cannot travel inside an unnest of a 2-D array (unnest flattens it), so they are sent as
 * JSON and rebuilt per row.
 */
function selectExpression(column: string, type: ColumnType): string {
  if (!type.endsWith('[]')) return column;
  return `CASE WHEN ${column} IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(${column}))::${type} END`;
}

function parameterType(type: ColumnType): string {
  return type.endsWith('[]') ? 'jsonb' : type;
}

function parameterValue(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // jsonb values are JS values (objects, arrays, strings), always serialised here, never by the caller.
  if (type === 'jsonb' || type.endsWith('[]')) return JSON.stringify(value);
  return value;
}

/** The statement insertRows runs, exposed so a reviewer (or a test) can read it. */
export function insertSql<Row>(table: Table<Row>, options: InsertOptions<Row> = {}): string {
  const columns = Object.keys(table.columns) as (keyof Row & string)[];
  const types = columns.map((c) => table.columns[c]);
  // No key: any unique index of the table (e.g. a partial "one open per ..." index) makes the row a repeat.
  const target = table.conflictKey.length > 0 ? `(${table.conflictKey.join(', ')}) ` : '';
  if (typeof options.onConflict === 'object' && !target) {
    throw new Error(`table ${table.name}: DO UPDATE needs a conflict key`);
  }
  const conflict =
    options.onConflict === 'error'
      ? ''
      : options.onConflict === undefined || options.onConflict === 'nothing'
        ? `ON CONFLICT ${target}DO NOTHING`
        : `ON CONFLICT ${target}DO UPDATE SET ${options.onConflict.set}`;
  return [
    `INSERT INTO ${table.name} (${columns.join(', ')})`,
    `SELECT ${columns.map((c, i) => selectExpression(c, types[i])).join(', ')}`,
    `FROM unnest(${types.map((t, i) => `$${i + 1}::${parameterType(t)}[]`).join(', ')}) AS u(${columns.join(', ')})`,
    conflict,
    options.returning === '*' ? 'RETURNING *' : options.returning?.length ? `RETURNING ${options.returning.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * Inserts many rows in one statement whose parameters are one array per column (`INSERT ... SELECT FROM
 * unnest(...)`): the statement text is the same for every batch size (the server plans it once), there
 * are as many parameters as columns (no 65,535-parameter chunking), and the idempotency key of the table
 * decides what a redelivery does. Returns the `returning` columns of the rows written.
 */
export async function insertRows<Row, Returned = Partial<Row>>(
  db: Queryable,
  table: Table<Row>,
  rows: readonly Row[],
  options: InsertOptions<Row> = {},
): Promise<Returned[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(table.columns) as (keyof Row & string)[];
  const params = columns.map((c) => {
    const type = table.columns[c];
    return rows.map((r) => parameterValue(type, r[c]));
  });
  const result = await db.query(insertSql(table, options), params);
  return options.returning?.length ? rowsOf<Returned>(result) : [];
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
