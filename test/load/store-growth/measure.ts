import { performance } from 'node:perf_hooks';

export interface EndpointLatency {
  name: string;
  samples: number;
  p50: number;
  p99: number;
}

/** The reporting API's read endpoints, as an integration calls them (defaults: the last 30 days). */
const REPORT_CALLS: { name: string; path: string; samples: number }[] = [
  // p99 needs a few hundred samples to be more than the single slowest request on a shared machine.
  { name: 'GET /v1/reports/metrics?bucket=day', path: '/v1/reports/metrics?bucket=day', samples: 400 },
  { name: 'GET /v1/reports/metrics?bucket=hour', path: '/v1/reports/metrics?bucket=hour&limit=1000', samples: 300 },
  { name: 'GET /v1/reports/drivers', path: '/v1/reports/drivers', samples: 400 },
  { name: 'GET /v1/reports/revenue-at-risk', path: '/v1/reports/revenue-at-risk', samples: 200 },
  { name: 'GET /v1/reports/insights', path: '/v1/reports/insights', samples: 400 },
  { name: 'GET /v1/reports/emerging-issues', path: '/v1/reports/emerging-issues', samples: 400 },
  { name: 'GET /v1/reports/candidate-themes', path: '/v1/reports/candidate-themes', samples: 100 },
  { name: 'GET /v1/reports/cases', path: '/v1/reports/cases', samples: 400 },
  { name: 'GET /v1/reports/root-causes', path: '/v1/reports/root-causes', samples: 400 },
];

/** What the dashboard page fetches on load (services/root-cause/src/dashboard/dashboard.page.ts), in parallel. */
export const DASHBOARD_CALLS = [
  '/v1/reports/metrics?bucket=day',
  '/v1/reports/drivers?limit=10',
  '/v1/reports/revenue-at-risk',
  '/v1/reports/emerging-issues?status=open',
  '/v1/reports/cases?pastSla=true',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function call(url: string, key: string): Promise<void> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
}

async function timed(samples: number, run: () => Promise<unknown>): Promise<{ samples: number; p50: number; p99: number }> {
  // Warm-up: JIT, connection pool and PostgreSQL caches, so the first run is not charged for them.
  for (let i = 0; i < 20; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { samples, p50: percentile(times, 50), p99: percentile(times, 99) };
}

/**
 * A call's whole series is measured again if a request fails (PostgreSQL shared with other jobs may restart):
 * a series with an outage in it would not measure the store.
 */
async function retried<T>(name: string, measure: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await measure();
    } catch (error) {
      if (attempt >= 5) throw error;
      console.warn(`${name}: ${(error as Error).message}; measuring it again in 10 s`);
      await new Promise((r) => setTimeout(r, 10000));
    }
  }
}

/** p50/p99 of each report call (sequential requests) and of the dashboard's load (its calls in parallel). */
export async function measureEndpoints(base: string, key: string): Promise<EndpointLatency[]> {
  const out: EndpointLatency[] = [];
  await call(`${base}/dashboard`, key);
  for (const c of REPORT_CALLS) out.push({ name: c.name, ...(await retried(c.name, () => timed(c.samples, () => call(base + c.path, key)))) });
  out.push({ name: 'dashboard: its 5 data calls in parallel', ...(await retried('dashboard', () => timed(200, () => Promise.all(DASHBOARD_CALLS.map((p) => call(base + p, key)))))) });
  out.push({ name: 'GET /dashboard (page)', ...(await retried('page', () => timed(400, () => call(`${base}/dashboard`, key)))) });
  return out;
}

/** Bytes per logical table, partitions and indexes included (a partitioned parent has no storage of its own). */
export const STORE_SIZE_SQL = `
  SELECT coalesce(p.relname, c.relname) AS table, sum(pg_total_relation_size(c.oid))::bigint AS bytes
    FROM pg_class c
    LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
    LEFT JOIN pg_class p ON p.oid = i.inhparent
   WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
     AND coalesce(p.relname, c.relname) IN ('feedback', 'feedback_identities', 'analyses', 'feedback_facts', 'complaint_texts', 'alerts', 'cases', 'rollups')
   GROUP BY 1 ORDER BY 2 DESC`;
