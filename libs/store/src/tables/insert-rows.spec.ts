import { insertSql } from './insert-rows';
import { defineTable } from './table';

interface Row {
  id: string;
  tenant_id: string;
  tags: string[];
  doc: object;
  n: number;
}

const table = defineTable<Row>({ name: 'things', columns: { id: 'uuid', tenant_id: 'text', tags: 'text[]', doc: 'jsonb', n: 'int' }, conflictKey: ['tenant_id', 'id'] });

describe('insertSql', () => {
  it('is one INSERT ... SELECT FROM unnest with one array parameter per column and the table key as conflict target', () => {
    expect(insertSql(table)).toBe(
      'INSERT INTO things (id, tenant_id, tags, doc, n) ' +
        'SELECT id, tenant_id, CASE WHEN tags IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(tags))::text[] END, doc, n ' +
        'FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[], $5::int[]) AS u(id, tenant_id, tags, doc, n) ' +
        'ON CONFLICT (tenant_id, id) DO NOTHING',
    );
  });

  it('adds the update, returning and no-key variants', () => {
    expect(insertSql(table, { onConflict: { set: 'n = things.n + EXCLUDED.n' }, returning: ['id'] })).toMatch(
      /ON CONFLICT \(tenant_id, id\) DO UPDATE SET n = things\.n \+ EXCLUDED\.n RETURNING id$/,
    );
    expect(insertSql(table, { onConflict: 'error', returning: '*' })).toMatch(/AS u\(id, tenant_id, tags, doc, n\) RETURNING \*$/);
    const anyKey = defineTable<Row>({ ...table, conflictKey: [] });
    expect(insertSql(anyKey)).toMatch(/ON CONFLICT DO NOTHING$/);
    expect(() => insertSql(anyKey, { onConflict: { set: 'n = 1' } })).toThrow(/DO UPDATE needs a conflict key/);
  });
});
