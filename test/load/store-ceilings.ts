import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

export interface StoreCeiling {
  table: string;
  rows: number;
  /** Rows per second by each way of writing a batch of 1,000 rows (COPY: one stream of all rows). */
  multiRowInsert: number;
  unnest: number;
  copy: number;
}

interface Column {
  name: string;
  type: string;
}

const BATCH = 1000;
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** Values as PostgreSQL's text form, exactly what each column's input function reads back. */
const AS_TEXT = { getTypeParser: () => (value: string) => value };

async function columnsOf(db: Client, table: string): Promise<Column[]> {
  const { rows } = await db.query<Column>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a
      WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' AND a.attidentity <> 'a'
      ORDER BY a.attnum`,
    [table],
  );
  return rows;
}

async function timed(db: Client, target: string, write: () => Promise<void>): Promise<number> {
  await db.query(`TRUNCATE ${target}`);
  const t0 = process.hrtime.bigint();
  await write();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/**
 * The pipeline's own rows of `table` (tenant `tenantId`), written again into an empty copy of the table (same
 * columns, indexes and constraints) three ways: multi-row INSERT with one parameter per value (what the
 * services did), one INSERT ... SELECT FROM unnest() with one array parameter per column, and COPY FROM STDIN.
 */
export async function storeCeiling(url: string, table: string, tenantId: string): Promise<StoreCeiling> {
  const db = new Client({ connectionString: url });
  await db.connect();
  const target = `bench_ceiling_${table}`;
  try {
    const columns = await columnsOf(db, table);
    const names = columns.map((c) => quote(c.name)).join(', ');
    const source = `SELECT ${names} FROM ${quote(table)} WHERE tenant_id = '${tenantId.replace(/'/g, "''")}'`;
    const rows = (await db.query<unknown[]>({ text: source, rowMode: 'array', types: AS_TEXT })).rows;
    const copyChunks: Buffer[] = [];
    for await (const chunk of db.query(copyTo(`COPY (${source}) TO STDOUT`))) copyChunks.push(chunk as Buffer);
    await db.query(`DROP TABLE IF EXISTS ${target}`);
    await db.query(`CREATE TABLE ${target} (LIKE ${quote(table)} INCLUDING ALL)`);
    const batches = Array.from({ length: Math.ceil(rows.length / BATCH) }, (_, i) => rows.slice(i * BATCH, (i + 1) * BATCH));
    // PostgreSQL takes at most 65,535 parameters per statement.
    const perStatement = Math.max(1, Math.min(BATCH, Math.floor(65535 / columns.length)));

    const multiRow = await timed(db, target, async () => {
      for (const batch of batches) {
        for (let i = 0; i < batch.length; i += perStatement) {
          const slice = batch.slice(i, i + perStatement);
          const tuples = slice.map((_, r) => `(${columns.map((c, k) => `$${r * columns.length + k + 1}::${c.type}`).join(', ')})`);
          await db.query(`INSERT INTO ${target} (${names}) VALUES ${tuples.join(', ')}`, slice.flat());
        }
      }
    });
    // Every column travels as text[] and is cast per row, so array-typed columns (text[] of themes) survive
    // unnest, which would flatten a two-dimensional array.
    const aliases = columns.map((_, k) => `c${k}`);
    const unnestSql = `INSERT INTO ${target} (${names}) SELECT ${columns.map((c, k) => `${aliases[k]}::${c.type}`).join(', ')} FROM unnest(${columns.map((_, k) => `$${k + 1}::text[]`).join(', ')}) AS u(${aliases.join(', ')})`;
    const unnest = await timed(db, target, async () => {
      for (const batch of batches) await db.query(unnestSql, columns.map((_, k) => batch.map((row) => row[k])));
    });
    const copy = await timed(db, target, () => pipeline(Readable.from(copyChunks), db.query(copyFrom(`COPY ${target} (${names}) FROM STDIN`))));
    const check = Number((await db.query(`SELECT count(*) AS n FROM ${target}`)).rows[0].n);
    if (check !== rows.length) throw new Error(`${table}: COPY wrote ${check} rows of ${rows.length}`);
    return { table, rows: rows.length, multiRowInsert: rows.length / multiRow, unnest: rows.length / unnest, copy: rows.length / copy };
  } finally {
    await db.query(`DROP TABLE IF EXISTS ${target}`).catch(() => undefined);
    await db.end();
  }
}
