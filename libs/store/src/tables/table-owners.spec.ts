import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TABLE_OWNERS, TableOwner } from './table-owners';

const ROOT = join(__dirname, '../../../..');
const SERVICES: TableOwner[] = ['ingestion', 'sentiment', 'routing', 'root-cause'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    // Tests may look into any table to assert an outcome; the running service may not.
    return e.name.endsWith('.ts') && !/[.-]spec\.ts$/.test(e.name) ? [path] : [];
  });
}

/** Comments name other services' tables to explain why they are not read; only code counts. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Where the SQL of `source` names `table`: FROM/JOIN/INTO/UPDATE/TABLE <table>, or a `defineTable` of it. */
function namesTable(source: string, table: string): boolean {
  const sql = new RegExp(`\\b(from|join|into|update|table)\\s+(only\\s+)?"?${table}"?(?![\\w.])`, 'i');
  const declared = new RegExp(`defineTable\\b[^(]*\\(\\s*\\{\\s*name:\\s*'${table}'`);
  return sql.test(source) || declared.test(source);
}

/** The tables the migrations leave in place, in order: created in an `up`, not dropped by a later one. */
function migratedTables(): string[] {
  const dir = join(ROOT, 'libs/store/src/migrations');
  const tables = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    const source = readFileSync(join(dir, file), 'utf8');
    const up = source.slice(source.indexOf('async up('), source.indexOf('async down(') > 0 ? source.indexOf('async down(') : undefined);
    for (const m of up.matchAll(/\b(CREATE|DROP) TABLE (IF (NOT )?EXISTS )?([a-z_][a-z0-9_]*)(\s+PARTITION OF)?/g)) {
      if (m[5]) continue; // a partition belongs to its parent's owner
      if (m[1] === 'CREATE') tables.add(m[4]);
      else tables.delete(m[4]);
    }
  }
  return [...tables].sort();
}

describe('one owner per table', () => {
  it.each(SERVICES)('%s names no table another service owns', (service) => {
    const foreign = Object.entries(TABLE_OWNERS).filter(([, owner]) => owner !== service);
    const crossings = sourceFiles(join(ROOT, 'services', service, 'src')).flatMap((file) => {
      const code = withoutComments(readFileSync(file, 'utf8'));
      return foreign.filter(([table]) => namesTable(code, table)).map(([table, owner]) => `${relative(ROOT, file)} → ${table} (owned by ${owner})`);
    });
    expect(crossings).toEqual([]);
  });

  it('gives every table the migrations create an owner', () => {
    expect(migratedTables().filter((t) => !(t in TABLE_OWNERS))).toEqual([]);
  });

  it('names only tables that exist', () => {
    const existing = new Set(migratedTables());
    expect(Object.keys(TABLE_OWNERS).filter((t) => !existing.has(t))).toEqual([]);
  });

  it('catches a read across services however the SQL is written', () => {
    expect(namesTable('await m.query(`SELECT event FROM feedback WHERE tenant_id = $1`)', 'feedback')).toBe(true);
    expect(namesTable("q('SELECT * FROM corrections c JOIN feedback f ON f.event_id = c.feedback_event_id')", 'feedback')).toBe(true);
    expect(namesTable("q('INSERT INTO tenant_themes (tenant_id) VALUES ($1)')", 'tenant_themes')).toBe(true);
    expect(namesTable("q('update CASES set status = $1')", 'cases')).toBe(true);
    expect(namesTable("export const X = defineTable<Row>({\n  name: 'analyses',", 'analyses')).toBe(true);
    // Other tables that share a prefix, and words in prose, are not the table.
    expect(namesTable("q('SELECT * FROM feedback_facts')", 'feedback')).toBe(false);
    expect(namesTable("q('SELECT * FROM sentiment_feedback')", 'feedback')).toBe(false);
    expect(withoutComments('// root-cause never reads from cases\nconst url = "http://x"; /* join cases */')).not.toMatch(/cases/);
  });
});
