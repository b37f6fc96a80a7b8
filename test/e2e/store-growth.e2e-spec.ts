import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate } from '@loops/store';
import { createApiKey } from '../support/api-keys';
import { REPO_ROOT, RunningService, startService, stopService } from '../support/service-process';
import { withStore } from '../support/store';

const PORT = 27402;
const CLI = join(REPO_ROOT, 'dist', 'services', 'root-cause', 'src', 'cli', 'store-maintenance.js');
// A database of its own stands in for the replica: migrated, given rows the primary does not have, then made
// read-only for every session (default_transaction_read_only), as a hot standby is. Why not a streaming replica
// here: see docs/operations.md ("Read replica").
const READ_COPY = 'loops_pggrowth_read_copy';

function storeCli(...args: string[]): unknown {
  const out = execFileSync(process.execPath, [CLI, ...args], { env: { ...process.env }, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function urlOf(database: string): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withDatabase<T>(database: string, fn: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: urlOf(database) });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

/** One item as the pipeline stores it (feedback, analysis, fact, complaint text, case + alert), at `at`. */
async function storeItem(db: Client, tenantId: string, externalId: string, at: string): Promise<string> {
  const eventId = randomUUID();
  const caseId = randomUUID();
  await db.query(
    // Stored as already published: a fixture, not something for ingestion's outbox relay to send.
    `INSERT INTO feedback (event_id, tenant_id, integration_id, external_id, channel, occurred_at, received_at, text, event, published_at)
     VALUES ($1, $2, 'store', $3, 'survey', $4, now(), 'late again', '{}', now())`,
    [eventId, tenantId, externalId, at],
  );
  await db.query(
    `INSERT INTO analyses (feedback_event_id, analyzer_name, analyzer_version, tenant_id, language, sentiment_label, sentiment_score,
                           sentiment_confidence, themes, key_phrases, analyzed_at, occurred_at)
     VALUES ($1, 'a', '1', $2, 'en', 'negative', -0.5, 0.9, '[]', '[]', now(), $3)`,
    [eventId, tenantId, at],
  );
  await db.query(
    `INSERT INTO feedback_facts (feedback_event_id, tenant_id, occurred_at, touchpoint, channel, segment, sentiment_label, sentiment_score, themes, key_phrases, analyzer)
     VALUES ($1, $2, $3, 'delivery', 'survey', 'smb', 'negative', -0.5, '{}', '{}', 'a@1')`,
    [eventId, tenantId, at],
  );
  await db.query(`INSERT INTO complaint_texts (feedback_event_id, tenant_id, occurred_at, text) VALUES ($1, $2, $3, 'late again')`, [eventId, tenantId, at]);
  await db.query(
    `INSERT INTO cases (case_id, tenant_id, customer_key, status, priority, owner_team, receiver, opened_at, due_at, last_alert_at)
     VALUES ($1, $2, $3, 'resolved', 'p2', 'ops', 'ops', $4, $4, $4)`,
    [caseId, tenantId, `customer:${externalId}`, at],
  );
  await db.query(
    `INSERT INTO alerts (alert_id, tenant_id, case_id, receiver, feedback_event_id, rule_path, severity, alert, created_at)
     VALUES ($1, $2, $3, 'ops', $4, '{root}', 'high', '{}', $5)`,
    [randomUUID(), tenantId, caseId, eventId, at],
  );
  return eventId;
}

const TABLES = ['feedback', 'feedback_identities', 'analyses', 'feedback_facts', 'complaint_texts', 'alerts'];

async function rowsPerTable(db: Client, tenantId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    out[table] = (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenantId])).rows[0].n;
  }
  return out;
}

const each = (n: number) => Object.fromEntries(TABLES.map((t) => [t, n]));

describe('PostgreSQL that grows: partitions, retention, read replica', () => {
  const expiring = `pg-exp-${randomUUID().slice(0, 6)}`;
  const keeping = `pg-keep-${randomUUID().slice(0, 6)}`;
  const replicaTenant = `pg-read-${randomUUID().slice(0, 6)}`;
  let service: RunningService;
  let adminKey: string;
  let readerKey: string;
  let replicaKey: string;

  const call = async (method: string, path: string, key: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${PORT}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    adminKey = createApiKey(expiring, 'store', ['admin', 'reports:read']).apiKey;
    readerKey = createApiKey(expiring, 'reader', ['reports:read']).apiKey;
    replicaKey = createApiKey(replicaTenant, 'store', ['admin', 'reports:read']).apiKey;

    await withStore(async (db) => db.query(`DROP DATABASE IF EXISTS ${READ_COPY} WITH (FORCE)`));
    await migrate(urlOf(READ_COPY));
    // The same rollup bucket with different counts: the primary says 3, the read copy says 7.
    const rollup = `INSERT INTO rollups (tenant_id, bucket_size, bucket_start, touchpoint, channel, segment, theme, count, nps_count, promoters,
                      passives, detractors, csat_count, csat_sum, csat_top2, ces_count, ces_sum, sentiment_count, sentiment_sum, negative_count)
                    VALUES ($1, 'day', '2026-11-10T00:00:00Z', 'delivery', 'survey', 'smb', '*', $2, $2, 0, 0, $2, 0, 0, 0, 0, 0, $2, 0, $2)`;
    await withStore(async (db) => db.query(rollup, [replicaTenant, 3]));
    await withDatabase(READ_COPY, async (db) => {
      await db.query(rollup, [replicaTenant, 7]);
      await db.query(`ALTER DATABASE ${READ_COPY} SET default_transaction_read_only = on`);
    });
    service = await startService('root-cause', PORT, { DATABASE_READ_URL: urlOf(READ_COPY), STORE_MAINTENANCE_MS: '0' });
  });

  afterAll(async () => {
    if (service) await stopService(service);
    await withStore(async (db) => db.query(`DROP DATABASE IF EXISTS ${READ_COPY} WITH (FORCE)`));
  });

  it('keeps feedback identity exact across partitions: a retry with another occurredAt is a duplicate', async () => {
    await withStore(async (db) => {
      const insert = (at: string) =>
        db.query(
          `INSERT INTO feedback (event_id, tenant_id, integration_id, external_id, channel, occurred_at, received_at, text, event, published_at)
           VALUES ($1, $2, 'retry', 'same-item', 'survey', $3, now(), 'x', '{}', now())
           ON CONFLICT (tenant_id, integration_id, external_id, occurred_at) DO NOTHING RETURNING event_id`,
          [randomUUID(), keeping, at],
        );
      expect((await insert('2026-11-20T10:00:00Z')).rowCount).toBe(1);
      expect((await insert('2026-11-20T10:00:00Z')).rowCount).toBe(0);
      // A different month, so a different partition: still the same item.
      expect((await insert('2026-09-01T10:00:00Z')).rowCount).toBe(0);
      const rows = await db.query(`SELECT tableoid::regclass::text AS partition FROM feedback WHERE tenant_id = $1 AND integration_id = 'retry'`, [keeping]);
      expect(rows.rows).toEqual([{ partition: 'feedback_p202611' }]);
      // Once erased, the identity may be accepted again, as before partitioning.
      await db.query(`DELETE FROM feedback WHERE tenant_id = $1 AND integration_id = 'retry'`, [keeping]);
      expect((await insert('2026-09-01T10:00:00Z')).rowCount).toBe(1);
    });
  });

  it('stores a tenant\'s retention through the admin API, with field-level errors and the admin scope required', async () => {
    expect((await call('GET', '/v1/admin/retention', adminKey)).body).toMatchObject({ tenantId: expiring, retentionDays: null });
    const zero = await call('PUT', '/v1/admin/retention', adminKey, { retentionDays: 0 });
    expect(zero.status).toBe(400);
    expect(JSON.stringify(zero.body)).toContain('retentionDays must not be less than 1');
    const unknown = await call('PUT', '/v1/admin/retention', adminKey, { retentionDays: 30, tenantId: keeping });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('property tenantId should not exist');
    expect((await call('PUT', '/v1/admin/retention', readerKey, { retentionDays: 30 })).status).toBe(403);
    const set = await call('PUT', '/v1/admin/retention', adminKey, { retentionDays: 30 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ tenantId: expiring, retentionDays: 30 });
    expect(await withStore(async (db) => (await db.query('SELECT tenant_id, retention_days FROM tenant_retention WHERE tenant_id = ANY($1)', [[expiring, keeping]])).rows)).toEqual([
      { tenant_id: expiring, retention_days: 30 },
    ]);
  });

  it('purges the expired tenant\'s old rows, drops a month only that tenant had, and keeps everything else', async () => {
    // Two old months: March 2011 holds only the expiring tenant, April 2011 both tenants.
    expect(storeCli('partitions', '--from', '2011-03-01', '--to', '2011-04-01')).toEqual({ partitionsCreated: 8 });
    const recent = new Date(Date.now() - 2 * 86400_000).toISOString();
    await withStore(async (db) => {
      await storeItem(db, expiring, 'old-march', '2011-03-10T12:00:00Z');
      await storeItem(db, expiring, 'old-april', '2011-04-10T12:00:00Z');
      await storeItem(db, expiring, 'recent', recent);
      await storeItem(db, keeping, 'old-april', '2011-04-11T12:00:00Z');
      await storeItem(db, keeping, 'recent', recent);
    });
    const before = await withStore((db) => rowsPerTable(db, expiring));
    expect(before).toEqual(each(3));

    const outcome = storeCli('purge') as { droppedPartitions: string[]; deletedRows: Record<string, number> };
    expect(outcome.droppedPartitions.sort()).toEqual(['alerts_p201103', 'analyses_p201103', 'feedback_facts_p201103', 'feedback_p201103']);

    await withStore(async (db) => {
      // The expiring tenant keeps only its recent item; the other tenant keeps its old and recent items (and
      // the identity-retry rows of the first test).
      expect(await rowsPerTable(db, expiring)).toEqual(each(1));
      const kept = await rowsPerTable(db, keeping);
      expect(kept.feedback_facts).toBe(2);
      expect(kept.alerts).toBe(2);
      expect((await db.query(`SELECT external_id FROM feedback WHERE tenant_id = $1 AND integration_id = 'store' ORDER BY 1`, [keeping])).rows).toEqual([
        { external_id: 'old-april' },
        { external_id: 'recent' },
      ]);
      expect((await db.query(`SELECT external_id FROM feedback WHERE tenant_id = $1`, [expiring])).rows).toEqual([{ external_id: 'recent' }]);
      const partitions = await db.query(`SELECT to_regclass('feedback_p201103')::text AS march, to_regclass('feedback_p201104')::text AS april`);
      expect(partitions.rows[0]).toEqual({ march: null, april: 'feedback_p201104' });
    });
    // A second pass finds nothing more to do.
    expect(storeCli('purge')).toMatchObject({ droppedPartitions: [], deletedRows: each(0) });
  });

  it('serves reports from DATABASE_READ_URL and sends writes to the primary', async () => {
    const window = 'bucket=day&from=2026-11-10T00:00:00Z&to=2026-11-11T00:00:00Z';
    const metrics = await call('GET', `/v1/reports/metrics?${window}`, replicaKey);
    expect(metrics.status).toBe(200);
    expect((metrics.body.items as { count: number }[]).map((i) => i.count)).toEqual([7]);

    // The read copy refuses writes, so this succeeding shows it went to the primary.
    const model = { promoter: 0.01, passive: 0.05, detractor: 0.3, unscoredNegative: 0.2, unscoredOther: 0.05 };
    const put = await call('PUT', '/v1/reports/churn-model', replicaKey, model);
    expect(put.status).toBe(200);
    expect(put.body).toEqual(model);
    expect(await withStore(async (db) => (await db.query('SELECT detractor FROM churn_models WHERE tenant_id = $1', [replicaTenant])).rows)).toEqual([{ detractor: 0.3 }]);
    expect(await withDatabase(READ_COPY, async (db) => (await db.query('SELECT count(*)::int AS n FROM churn_models')).rows[0].n)).toBe(0);

    // The service's read pool is connected to the read copy under its own application name.
    const readers = await withStore(async (db) =>
      (await db.query(`SELECT DISTINCT datname FROM pg_stat_activity WHERE application_name = 'loops-root-cause-reads'`)).rows,
    );
    expect(readers).toEqual([{ datname: READ_COPY }]);
  });
});
