import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource } from '../data-source';
import { insertRows, insertSql } from './insert-rows';
import { defineTable, Table } from './table';

interface SampleRow {
  id: string;
  tenant_id: string;
  n: number | null;
  score: number;
  ok: boolean;
  at: Date | string;
  tags: string[] | null;
  refs: string[];
  doc: object | null;
}

// The data-access layer's one write primitive, against the real PostgreSQL of the test run.
describe('insertRows (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let name: string;
  let table: Table<SampleRow>;

  beforeAll(async () => {
    dataSource = await createDataSource({ url: process.env.DATABASE_URL!, poolSize: 2 }).initialize();
  });

  beforeEach(async () => {
    name = `test_rows_${randomUUID().slice(0, 8)}`;
    await dataSource.query(`
      CREATE TABLE ${name} (
        id uuid PRIMARY KEY, tenant_id text NOT NULL, n int, score float8 NOT NULL, ok boolean NOT NULL,
        at timestamptz NOT NULL, tags text[], refs uuid[] NOT NULL, doc jsonb, hits int NOT NULL DEFAULT 1,
        UNIQUE (tenant_id, n))`);
    table = defineTable<SampleRow>({
      name,
      columns: { id: 'uuid', tenant_id: 'text', n: 'int', score: 'float8', ok: 'boolean', at: 'timestamptz', tags: 'text[]', refs: 'uuid[]', doc: 'jsonb' },
      conflictKey: ['id'],
    });
  });

  afterEach(async () => {
    await dataSource.query(`DROP TABLE ${name}`);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const row = (over: Partial<SampleRow> = {}): SampleRow => ({
    id: randomUUID(),
    tenant_id: 't1',
    n: null,
    score: 0.5,
    ok: true,
    at: new Date('2026-11-20T10:00:00Z'),
    tags: ['a', 'b'],
    refs: [],
    doc: { hello: 'world' },
    ...over,
  });

  it('stores every column type as given, arrays and JSON with quotes, commas, braces and nulls intact', async () => {
    const tricky = row({
      n: 7,
      score: -1.25,
      ok: false,
      at: '2026-11-20T11:30:00.000Z',
      tags: ['with "quotes"', 'comma, brace {x}', 'back\\slash', ''],
      refs: [randomUUID(), randomUUID()],
      doc: { text: 'ünïcödé "quoted"', list: [1, null, { deep: true }] },
    });
    const empty = row({ tags: null, doc: null, refs: [] });
    await insertRows(dataSource, table, [tricky, empty]);
    const stored = await dataSource.query(`SELECT * FROM ${name} ORDER BY n NULLS LAST`);
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({
      id: tricky.id,
      n: 7,
      score: -1.25,
      ok: false,
      at: new Date('2026-11-20T11:30:00Z'),
      tags: tricky.tags,
      refs: tricky.refs,
      doc: tricky.doc,
    });
    expect(stored[1]).toMatchObject({ id: empty.id, n: null, tags: null, refs: [], doc: null });
  });

  it('a repeat of the key changes nothing and returns only the rows actually inserted', async () => {
    const first = [row(), row()];
    const inserted = await insertRows<SampleRow, { id: string }>(dataSource, table, first, { returning: ['id'] });
    expect(inserted.map((r) => r.id).sort()).toEqual(first.map((r) => r.id).sort());
    const again = [{ ...first[0], score: 99 }, row()];
    const second = await insertRows<SampleRow, { id: string }>(dataSource, table, again, { returning: ['id'] });
    expect(second.map((r) => r.id)).toEqual([again[1].id]);
    const [{ score }] = await dataSource.query(`SELECT score FROM ${name} WHERE id = $1`, [first[0].id]);
    expect(score).toBe(0.5);
  });

  it('DO UPDATE adds to what the row holds (the rollups pattern)', async () => {
    const r = row();
    const add = { set: `hits = ${name}.hits + 1, score = ${name}.score + EXCLUDED.score` };
    await insertRows(dataSource, table, [r], { onConflict: add });
    await insertRows(dataSource, table, [r], { onConflict: add });
    const [stored] = await dataSource.query(`SELECT hits, score FROM ${name} WHERE id = $1`, [r.id]);
    expect(stored).toEqual({ hits: 2, score: 1 });
  });

  it('with no conflict key any unique index absorbs a repeat; with onConflict "error" a repeat fails', async () => {
    const anyKey = defineTable<SampleRow>({ ...table, conflictKey: [] });
    await insertRows(dataSource, anyKey, [row({ n: 1 })]);
    await insertRows(dataSource, anyKey, [row({ n: 1 })]); // another id, same (tenant_id, n)
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM ${name}`);
    expect(count).toBe(1);
    const r = row({ n: 2 });
    await insertRows(dataSource, table, [r], { onConflict: 'error' });
    await expect(insertRows(dataSource, table, [r], { onConflict: 'error' })).rejects.toThrow(/duplicate key/);
  });

  it('takes 20,000 rows in one statement with one parameter per column', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => row({ n: i }));
    await insertRows(dataSource, table, many);
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM ${name}`);
    expect(count).toBe(20_000);
    expect(insertSql(table)).toContain('unnest($1::uuid[], $2::text[], $3::int[], $4::float8[], $5::boolean[], $6::timestamptz[], $7::jsonb[], $8::jsonb[], $9::jsonb[])');
  });

  it('refuses an unsafe identifier when the table is declared', () => {
    expect(() => defineTable<{ a: string }>({ name: 'x; DROP TABLE feedback', columns: { a: 'text' }, conflictKey: [] })).toThrow(/unsafe SQL identifier/);
    expect(() => defineTable<{ a: string }>({ name: 'x', columns: { a: 'text' }, conflictKey: ['b' as 'a'] })).toThrow();
  });
});
