import { ApiKeyRepository, createApiKey } from '@loops/auth';
import { createDataSource, migrate } from '@loops/store';
import { SharedRateLimiter } from '../src/auth/shared-rate-limiter';

// What authentication and the shared rate limit add to each ingestion request: the uncached key lookup
// and the one-statement token bucket, timed against a real PostgreSQL (DATABASE_URL, migrated here).
// Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/loops_test \
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register services/ingestion/bench/key-lookup-and-limit.bench.ts
const N = Number(process.env.BENCH_N ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function timed(label: string, n: number, concurrency: number, op: () => Promise<unknown>): Promise<void> {
  const samples: number[] = [];
  const started = process.hrtime.bigint();
  let left = n;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) {
        const t = process.hrtime.bigint();
        await op();
        samples.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  samples.sort((a, b) => a - b);
  console.log(
    `${label}: n=${n} concurrency=${concurrency} p50=${percentile(samples, 50).toFixed(3)} ms p99=${percentile(samples, 99).toFixed(3)} ms throughput=${Math.round(n / wall)}/s`,
  );
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  await migrate(url);
  const ds = await createDataSource({ url, poolSize: CONCURRENCY, applicationName: 'loops-bench-auth' }).initialize();
  try {
    const tenant = `bench-auth-${Date.now()}`;
    const { key, keyId } = await createApiKey(ds, { tenantId: tenant, integrationId: 'bench', scopes: ['ingest'] });
    const keys = new ApiKeyRepository(ds);
    const limiter = new SharedRateLimiter(ds);
    for (let i = 0; i < 200; i++) await keys.findByKey(key); // warm-up: pool connections, plan cache
    await timed('key lookup (uncached, unique index)', N, 1, () => keys.findByKey(key));
    await timed('key lookup (uncached, unique index)', N, CONCURRENCY, () => keys.findByKey(key));
    await timed('rate-limit take, one key', N, 1, () => limiter.take(`bench:${keyId}`, 500, 1e9, 2));
    // Every instance's requests for one key serialise on its bucket row: the worst case.
    await timed('rate-limit take, one key (contended)', N, CONCURRENCY, () => limiter.take(`bench:${keyId}`, 500, 1e9, 2));
    let k = 0;
    await timed('rate-limit take, distinct keys', N, CONCURRENCY, () => limiter.take(`bench:${keyId}:${k++ % 64}`, 500, 1e9, 2));
    await ds.query('DELETE FROM rate_limit_buckets WHERE bucket_key LIKE $1', [`bench:${keyId}%`]);
  } finally {
    await ds.destroy();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
