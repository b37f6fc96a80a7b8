import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { writeBenchmarkSection } from '@loops/infra';
import { createDataSource, defineTable, ensureDatabase, insertRows } from '@loops/store';

// Rows/s into an `analyses`-shaped table three ways, on the machine's PostgreSQL: the multi-row
// `INSERT ... VALUES ($1, ...), (...)` the hot path used (bulkInsert, chunked below 65,535 parameters),
// `insertRows` (one array per column through unnest), both with ON CONFLICT DO NOTHING on the key.
// Run under /tmp/loops-e2e.lock: it shares the machine's PostgreSQL with the tests.
const repoRoot = resolve(__dirname, '..', '..');
const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/loops_bench_rows';
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 40);
const ROUNDS = 5;

interface AnalysisRow {
  feedback_event_id: string;
  analyzer_name: string;
  analyzer_version: string;
  tenant_id: string;
  language: string;
  sentiment_label: string;
  sentiment_score: number;
  sentiment_confidence: number;
  themes: unknown[];
  key_phrases: unknown[];
  analyzed_at: string;
}

const TABLE = defineTable<AnalysisRow>({
  name: 'bench_analyses',
  columns: {
    feedback_event_id: 'uuid',
    analyzer_name: 'text',
    analyzer_version: 'text',
    tenant_id: 'text',
    language: 'text',
    sentiment_label: 'text',
    sentiment_score: 'float8',
    sentiment_confidence: 'float8',
    themes: 'jsonb',
    key_phrases: 'jsonb',
    analyzed_at: 'timestamptz',
  },
  conflictKey: ['feedback_event_id', 'analyzer_name', 'analyzer_version'],
});
const COLUMNS = Object.keys(TABLE.columns) as (keyof AnalysisRow)[];

function rows(n: number): AnalysisRow[] {
  return Array.from({ length: n }, (_, i) => ({
    feedback_event_id: randomUUID(),
    analyzer_name: 'loops-lexicon',
    analyzer_version: '3.2.0',
    tenant_id: `tenant-${i % 7}`,
    language: 'en',
    sentiment_label: i % 3 === 0 ? 'negative' : 'positive',
    sentiment_score: (i % 200) / 100 - 1,
    sentiment_confidence: 0.8,
    themes: [{ id: 'delivery', label: 'Delivery', confidence: 0.9, evidence: ['late parcel'] }],
    key_phrases: ['late parcel', 'courier never came'],
    analyzed_at: new Date().toISOString(),
  }));
}

type Query = (sql: string, params: unknown[]) => Promise<unknown>;

/** What bulkInsert did: one multi-row VALUES statement per chunk of at most 60,000 parameters. */
async function valuesInsert(query: Query, batch: AnalysisRow[]): Promise<void> {
  const perChunk = Math.floor(60000 / COLUMNS.length);
  for (let start = 0; start < batch.length; start += perChunk) {
    const params: unknown[] = [];
    const tuples = batch.slice(start, start + perChunk).map((r) => {
      const slots = COLUMNS.map((c) => {
        const v = r[c];
        params.push(Array.isArray(v) ? JSON.stringify(v) : v);
        return `$${params.length}`;
      });
      return `(${slots.join(', ')})`;
    });
    await query(
      `INSERT INTO bench_analyses (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (feedback_event_id, analyzer_name, analyzer_version) DO NOTHING`,
      params,
    );
  }
}

async function main(): Promise<void> {
  await ensureDatabase(URL);
  const ds = await createDataSource({ url: URL, poolSize: 1 }).initialize();
  const query: Query = (sql, params) => ds.query(sql, params);
  const ways: Record<string, (batch: AnalysisRow[]) => Promise<unknown>> = {
    'multi-row INSERT ... VALUES (bulkInsert, before)': (batch) => valuesInsert(query, batch),
    'insertRows: INSERT ... SELECT FROM unnest (now)': (batch) => insertRows(ds, TABLE, batch),
  };
  const results: Record<string, number[]> = {};
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, insert] of Object.entries(ways)) {
        await ds.query('DROP TABLE IF EXISTS bench_analyses');
        await ds.query(`CREATE TABLE bench_analyses (
          feedback_event_id uuid NOT NULL, analyzer_name text NOT NULL, analyzer_version text NOT NULL, tenant_id text NOT NULL,
          language text NOT NULL, sentiment_label text NOT NULL, sentiment_score double precision NOT NULL,
          sentiment_confidence double precision NOT NULL, themes jsonb NOT NULL, key_phrases jsonb NOT NULL, analyzed_at timestamptz NOT NULL,
          PRIMARY KEY (feedback_event_id, analyzer_name, analyzer_version))`);
        const batches = Array.from({ length: BATCHES }, () => rows(BATCH));
        const t0 = process.hrtime.bigint();
        for (const b of batches) await insert(b);
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        (results[name] ??= []).push((BATCH * BATCHES) / seconds);
      }
    }
    await ds.query('DROP TABLE IF EXISTS bench_analyses');
  } finally {
    await ds.destroy();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const [before, after] = Object.values(results).map(median);
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, the machine's PostgreSQL; ` +
      `load average ${loadavg()[0].toFixed(1)} at the end (other work shared the machine: figures are lower bounds).`,
    `${BATCHES} batches of ${BATCH} \`analyses\`-shaped rows (11 columns, two jsonb), ON CONFLICT DO NOTHING on the key, one connection; median of ${ROUNDS} rounds.`,
    '',
    '| write | rows/s |',
    '|---|---|',
    ...Object.entries(results).map(([name, xs]) => `| ${name} | ${Math.round(median(xs)).toLocaleString('en-US')} |`),
    '',
    `insertRows / multi-row VALUES: ${(after / before).toFixed(2)}×. Reproduce: \`flock /tmp/loops-e2e.lock npm run bench:insert-rows\`.`,
  ];
  writeBenchmarkSection(repoRoot, 'insert-rows', 'Data access: unnest against multi-row INSERT', lines.join('\n'));
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
