import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { createApiKey } from '@loops/auth';
import { createPipelineTopics, provisionInfrastructure, recreateDatabase, writeBenchmarkSection } from '@loops/infra';
import { kafkaSecurityEnv } from '@loops/kafka';
import { createDataSource, migrate } from '@loops/store';
import { LoadChunk, loadChunk, preparePartitions } from './store-growth/bench-store-loader';
import { EndpointLatency, measureEndpoints, STORE_SIZE_SQL } from './store-growth/measure';

// Report and dashboard latency with 100,000 and then 10,000,000 feedback items in the store, through the real
// root-cause HTTP service. The store grows the way a real one does: more history and more tenants. The measured
// tenant receives the same ~274 items a day throughout, so its 30-day report window holds the same number of
// items at both sizes; what grows is everything around it (other tenants, older months), which partitioning
// and the (tenant, time) indexes must keep out of its reports.
const repoRoot = resolve(__dirname, '..', '..');
const SMALL = Number(process.env.BENCH_SMALL ?? 100_000);
const LARGE = Number(process.env.BENCH_LARGE ?? 10_000_000);
const OTHER_TENANTS = 24;
const DAY = 86400_000;
const PORT = 27401;
// What a run has measured so far, so that a run cut short (PostgreSQL restarted by another job) can go on
// with BENCH_RESUME=1 and the kept database instead of loading ten million items again.
const CHECKPOINT = join(repoRoot, 'test', 'output', 'store-growth-checkpoint.json');

interface Checkpoint {
  now: number;
  small?: EndpointLatency[];
  smallLoad?: { items: number; seconds: number };
  smallBytes?: number;
  loadBefore?: number[];
  loadSmall?: number[];
  largeLoad?: { items: number; seconds: number };
}

function saveCheckpoint(c: Checkpoint): void {
  mkdirSync(join(repoRoot, 'test', 'output'), { recursive: true });
  writeFileSync(CHECKPOINT, JSON.stringify(c, null, 2));
}

function chunksForLargeStore(now: number): LoadChunk[] {
  const fourYears = new Date(now - 4 * 365 * DAY);
  const oneYear = new Date(now - 365 * DAY);
  // The measured tenant's older history, at its same daily rate.
  const history = Math.round(SMALL * 3);
  const perOther = Math.floor((LARGE - SMALL - history) / OTHER_TENANTS);
  const chunks: LoadChunk[] = [{ tenantId: 'bench-a', first: SMALL, count: history, from: fourYears, to: oneYear }];
  for (let t = 1; t <= OTHER_TENANTS; t++) {
    const tenantId = `bench-${String(t).padStart(2, '0')}`;
    // 400,000-item chunks keep each transaction (and its WAL) moderate.
    for (let first = 0; first < perOther; first += 400_000) {
      const count = Math.min(400_000, perOther - first);
      const span = (now - fourYears.getTime()) / perOther;
      chunks.push({ tenantId, first, count, from: new Date(fourYears.getTime() + first * span), to: new Date(fourYears.getTime() + (first + count) * span) });
    }
  }
  return chunks;
}

/** PostgreSQL on this machine is shared, and other runs may restart it: wait it out and go on. */
async function connected(url: string): Promise<Client> {
  for (let attempt = 1; ; attempt++) {
    const db = new Client({ connectionString: url });
    // An idle client whose server went away emits 'error'; the next query reports it instead of crashing.
    db.on('error', () => undefined);
    try {
      await db.connect();
      return db;
    } catch (error) {
      await db.end().catch(() => undefined);
      if (attempt >= 60) throw error;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

const restarts: string[] = [];

async function load(url: string, chunks: LoadChunk[]): Promise<{ items: number; seconds: number }> {
  const t0 = Date.now();
  let items = 0;
  let db = await connected(url);
  for (const chunk of chunks) {
    for (let attempt = 1; ; attempt++) {
      try {
        await loadChunk(db, chunk);
        break;
      } catch (error) {
        // Each chunk is one transaction: a chunk cut short by a restart left nothing behind, so it is redone.
        if (attempt >= 3) throw error;
        restarts.push(`${new Date().toISOString()}: ${(error as Error).message} while loading ${chunk.tenantId} ${chunk.first}; chunk redone`);
        console.warn(restarts.at(-1));
        await db.end().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 5000));
        db = await connected(url);
      }
    }
    items += chunk.count;
    console.log(`loaded ${chunk.tenantId} ${chunk.count} (${items.toLocaleString('en-US')} this phase, ${Math.round((Date.now() - t0) / 1000)} s)`);
  }
  const a = Date.now();
  await db.query('ANALYZE');
  console.log(`ANALYZE ${Math.round((Date.now() - a) / 1000)} s`);
  await db.end();
  return { items, seconds: (Date.now() - t0) / 1000 };
}

async function storeSize(url: string): Promise<{ total: number; tables: { table: string; bytes: number }[] }> {
  const db = await connected(url);
  const rows = (await db.query(STORE_SIZE_SQL)).rows as { table: string; bytes: string }[];
  const [{ total }] = (await db.query('SELECT pg_database_size(current_database())::bigint AS total')).rows as { total: string }[];
  await db.end();
  return { total: Number(total), tables: rows.map((r) => ({ table: r.table, bytes: Number(r.bytes) })) };
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`root-cause exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health/ready`)).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('root-cause did not become ready');
}

const gb = (b: number) => (Number.isNaN(b) ? 'size not recorded' : `${(b / 1024 ** 3).toFixed(2)} GB`);
const ms = (x: number) => x.toFixed(1);

function report(small: EndpointLatency[], large: EndpointLatency[], sizes: { small: number; large: number }, notes: string[]): string {
  const rows = small.map((s) => {
    const l = large.find((x) => x.name === s.name)!;
    return `| ${s.name} | ${s.samples} | ${ms(s.p50)} / ${ms(s.p99)} | ${ms(l.p50)} / ${ms(l.p99)} | ${(l.p50 / s.p50).toFixed(2)}× / ${(l.p99 / s.p99).toFixed(2)}× |`;
  });
  return [
    ...notes,
    '',
    `| call (tenant bench-a, 30-day default window) | samples | p50 / p99 ms at ${SMALL.toLocaleString('en-US')} items (${gb(sizes.small)}) | p50 / p99 ms at ${LARGE.toLocaleString('en-US')} items (${gb(sizes.large)}) | ratio p50 / p99 |`,
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LOOPS_INFRA: 'native',
    LOOPS_KAFKA_PORT: '27492',
    LOOPS_KAFKA_CONTROLLER_PORT: '27493',
    LOOPS_STATE_DIR: '/tmp/loops-bench-store',
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/loops_bench_store',
  };
  const infra = await provisionInfrastructure({ repoRoot, profile: 'test', env });
  let service: ChildProcess | undefined;
  try {
    const resume = process.env.BENCH_RESUME && existsSync(CHECKPOINT) ? (JSON.parse(readFileSync(CHECKPOINT, 'utf8')) as Checkpoint) : undefined;
    const cp: Checkpoint = resume ?? { now: Date.now() };
    const now = cp.now;
    if (!resume) {
      await recreateDatabase(infra.databaseUrl);
      await migrate(infra.databaseUrl);
      const db = await connected(infra.databaseUrl);
      await preparePartitions(db, new Date(now - 4 * 365 * DAY - 31 * DAY), new Date(now + 92 * DAY));
      await db.end();
    }
    await createPipelineTopics(infra.kafkaBrokers, 6, infra.kafkaSecurity('admin'));
    const ds = await createDataSource({ url: infra.databaseUrl, poolSize: 1 }).initialize();
    const key = await createApiKey(ds, { tenantId: 'bench-a', integrationId: 'bench', scopes: ['reports:read', 'cases:write'] });
    await ds.destroy();

    const url = `http://127.0.0.1:${PORT}`;
    const startRootCause = async () => {
      service = spawn(process.execPath, [join(repoRoot, 'dist/services/root-cause/src/main.js')], {
        cwd: repoRoot,
        env: { ...env, ...kafkaSecurityEnv(infra.kafkaSecurity('root-cause')), KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrl, PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
        stdio: 'inherit',
      });
      await waitReady(url, service);
    };
    if (!cp.small) {
      cp.smallLoad = await load(infra.databaseUrl, [{ tenantId: 'bench-a', first: 0, count: SMALL, from: new Date(now - 365 * DAY), to: new Date(now) }]);
      cp.smallBytes = (await storeSize(infra.databaseUrl)).total;
      await startRootCause();
      cp.loadBefore = loadavg();
      cp.small = await measureEndpoints(url, key.key);
      cp.loadSmall = loadavg();
      saveCheckpoint(cp);
      console.table(cp.small);
    }
    if (!cp.largeLoad) {
      cp.largeLoad = await load(infra.databaseUrl, chunksForLargeStore(now));
      saveCheckpoint(cp);
    } else {
      // The cut-short run may not have finished its ANALYZE.
      const db = await connected(infra.databaseUrl);
      await db.query('ANALYZE');
      await db.end();
    }
    if (!service) await startRootCause();
    const small = cp.small;
    const smallLoad = cp.smallLoad ?? { items: SMALL, seconds: NaN };
    const largeLoad = cp.largeLoad;
    const largeSize = await storeSize(infra.databaseUrl);
    const loadBeforeLarge = loadavg();
    const large = await measureEndpoints(url, key.key);
    const loadLarge = loadavg();
    console.table(large);
    const loadBefore = cp.loadBefore ?? [NaN, NaN, NaN];
    const loadSmall = cp.loadSmall ?? [NaN, NaN, NaN];
    const smallSize = { total: cp.smallBytes ?? NaN };

    const la = (l: number[]) => (l.some(Number.isNaN) ? 'not recorded' : l.map((x) => x.toFixed(2)).join(' / '));
    const tables = largeSize.tables.map((t) => `${t.table} ${gb(t.bytes)}`).join(', ');
    const notes = [
      `Measured ${new Date().toISOString().slice(0, 16)}Z on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, PostgreSQL 15 (stock settings) on the same machine, shared with other work: load average (1/5/15 min) ${la(loadBefore)} before and ${la(loadSmall)} after the 100k run, ${la(loadBeforeLarge)} before and ${la(loadLarge)} after the 10M run. Figures are lower bounds for a dedicated machine.`,
      '',
      `The store grows as a real one does: more tenants and more history. Tenant \`bench-a\` (the one measured) gets ~274 items a day in both runs; at ${SMALL.toLocaleString('en-US')} items the store is its last 365 days, at ${LARGE.toLocaleString('en-US')} it also holds three more years of its history and ${OTHER_TENANTS} other tenants' four years (monthly partitions of feedback, analyses, feedback_facts and alerts). Each item is stored as the pipeline stores it: feedback (+ identity), an analysis, a fact, complaint text for unthemed negatives, a case + alert + root cause for every 50th detractor, and the hour/day/week rollups; generated in SQL straight into a separate database (\`loops_bench_store\`, dropped afterwards), not through the services.`,
      'Generated tenant by tenant, so a tenant\'s rows sit together in each partition; in a store where tenants\' items arrive interleaved, a 30-day window touches more heap pages (up to one per item, ~8,200 here), which costs more when they are not cached.',
      `Load: ${smallLoad.items.toLocaleString('en-US')} items in ${Math.round(smallLoad.seconds)} s, then ${largeLoad.items.toLocaleString('en-US')} more in ${Math.round(largeLoad.seconds)} s (${Math.round(largeLoad.items / largeLoad.seconds).toLocaleString('en-US')} items/s with every table and index, ANALYZE after each phase).`,
      `Disk: ${gb(smallSize.total)} at ${SMALL.toLocaleString('en-US')} items, ${gb(largeSize.total)} at ${LARGE.toLocaleString('en-US')} (database size; by table, indexes included: ${tables}).`,
      '',
      'Each call is made sequentially through the root-cause HTTP service with the tenant\'s key (warm-up requests first); "dashboard" is the five calls the dashboard page makes on load, in parallel as the page makes them.',
    ];
    if (resume) notes.push('', `PostgreSQL was restarted by another job after the 10M load; the run was resumed (BENCH_RESUME=1) on the kept database: ANALYZE again, a new service process, then the 10M measurements.${cp.smallBytes === undefined ? ' The database size at 100k was not recorded in that run.' : ''}`);
    if (restarts.length > 0) notes.push('', `PostgreSQL went away during the run (another job restarted it) and the run went on: ${restarts.join('; ')}.`);
    const body = report(small, large, { small: smallSize.total, large: largeSize.total }, notes);
    const worst = Math.max(...small.map((s) => Math.max(large.find((l) => l.name === s.name)!.p50 / s.p50, large.find((l) => l.name === s.name)!.p99 / s.p99)));
    const verdict = `\nLargest ratio: ${worst.toFixed(2)}× (target: within 2×).\n\nReproduce: \`npm run build && npm run bench:store\` (about an hour and ~${Math.ceil(largeSize.total / 1024 ** 3) + 2} GB of disk; \`BENCH_LARGE\` sets the large size, \`BENCH_KEEP_DB=1\` keeps the database).`;
    writeBenchmarkSection(repoRoot, 'store-growth', 'PostgreSQL that grows: reports and dashboard at 100k and 10M feedback items', body + '\n' + verdict);
    console.log(body + verdict);
  } finally {
    if (service && service.exitCode === null) service.kill('SIGTERM');
    if (!process.env.BENCH_KEEP_DB) {
      const admin = new Client({ connectionString: infra.databaseUrl.replace(/\/[^/]+$/, '/postgres') });
      await admin.connect();
      const name = new URL(infra.databaseUrl).pathname.slice(1);
      // Identifiers cannot be bound; the name is checked against a strict pattern first.
      if (/^[A-Za-z0-9_]+$/.test(name)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
    await infra.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
