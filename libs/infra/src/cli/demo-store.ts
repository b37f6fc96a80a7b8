import { Client } from 'pg';

/** What the store holds for one tenant, table by table: the figures the demo waits on and prints. */
export interface StoreCounts {
  feedback: number;
  /** Feedback items with at least one analysis. */
  analyses: number;
  /** Feedback items the outer loop counted (feedback_facts). */
  facts: number;
  alerts: number;
  cases: number;
  rollups: number;
}

export async function storeCounts(db: Client, tenantId: string): Promise<StoreCounts> {
  const r = await db.query<StoreCounts>(
    `SELECT (SELECT count(*)::int FROM feedback WHERE tenant_id = $1) AS feedback,
            (SELECT count(DISTINCT feedback_event_id)::int FROM analyses WHERE tenant_id = $1) AS analyses,
            (SELECT count(*)::int FROM feedback_facts WHERE tenant_id = $1) AS facts,
            (SELECT count(*)::int FROM alerts WHERE tenant_id = $1) AS alerts,
            (SELECT count(*)::int FROM cases WHERE tenant_id = $1) AS cases,
            (SELECT count(*)::int FROM rollups WHERE tenant_id = $1) AS rollups`,
    [tenantId],
  );
  return r.rows[0];
}

export interface SettleOptions {
  /** Every item must be analysed and counted, and no count may change for this long. */
  quietMs: number;
  /** Give up waiting after this long and report what the store holds then. */
  timeoutMs: number;
  pollMs?: number;
  /** Time source; the real clock unless a test drives it. */
  clock?: { now(): number; sleep(ms: number): Promise<void> };
}

export interface Settled {
  counts: StoreCounts;
  settled: boolean;
  waitedMs: number;
}

const same = (a: StoreCounts, b: StoreCounts) => (Object.keys(a) as (keyof StoreCounts)[]).every((k) => a[k] === b[k]);
const realClock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };

/**
 * Waits until the pipeline has settled: every feedback item has an analysis and a fact, and the counts
 * (alerts and cases included, which arrive after the analysis) have stood still for `quietMs`. The first
 * alert is not the end: the demo once printed "5 alerts" while three more were still on their way.
 */
export async function waitUntilSettled(read: () => Promise<StoreCounts>, expectedItems: number, o: SettleOptions): Promise<Settled> {
  const clock = o.clock ?? realClock;
  const started = clock.now();
  let last = await read();
  let stableSince = clock.now();
  for (;;) {
    const complete = last.feedback >= expectedItems && last.analyses >= last.feedback && last.facts >= last.feedback;
    if (complete && clock.now() - stableSince >= o.quietMs) return { counts: last, settled: true, waitedMs: clock.now() - started };
    if (clock.now() - started >= o.timeoutMs) return { counts: last, settled: false, waitedMs: clock.now() - started };
    await clock.sleep(o.pollMs ?? 500);
    const now = await read();
    if (!same(now, last)) stableSince = clock.now();
    last = now;
  }
}

const clip = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A few lines per table, so a newcomer sees what each stage of the pipeline wrote. */
export async function describeStore(db: Client, tenantId: string, counts: StoreCounts, perTable = 3): Promise<string[]> {
  const lines: string[] = [];
  const q = async <T extends object>(sql: string) => (await db.query<T>(sql, [tenantId, perTable])).rows;

  lines.push(`feedback: ${counts.feedback} items`);
  for (const f of await q<{ external_id: string; channel: string; text: string }>(
    'SELECT external_id, channel, text FROM feedback WHERE tenant_id = $1 ORDER BY external_id LIMIT $2',
  )) {
    lines.push(`  ${f.external_id} (${f.channel}) "${clip(f.text)}"`);
  }

  lines.push(`analyses: ${counts.analyses} items analysed, ${counts.facts} counted by the outer loop`);
  for (const a of await q<{ external_id: string; language: string; label: string; confidence: number; themes: string }>(
    `SELECT f.external_id, a.language, a.sentiment_label AS label, a.sentiment_confidence AS confidence,
            coalesce((SELECT string_agg(t->>'id', ', ') FROM jsonb_array_elements(a.themes) t), '') AS themes
       FROM analyses a JOIN feedback f ON f.event_id = a.feedback_event_id
      WHERE a.tenant_id = $1 ORDER BY f.external_id LIMIT $2`,
  )) {
    lines.push(`  ${a.external_id}: ${a.language}, ${a.label} (confidence ${a.confidence.toFixed(2)})${a.themes ? `, themes ${a.themes}` : ''}`);
  }

  lines.push(`alerts: ${counts.alerts}`);
  for (const a of await q<{ receiver: string; severity: string; summary: string }>(
    `SELECT receiver, severity, alert->>'summary' AS summary FROM alerts WHERE tenant_id = $1 ORDER BY created_at, alert_id LIMIT $2`,
  )) {
    lines.push(`  alert → alerts.${a.receiver}.v1 [${a.severity}] ${clip(a.summary ?? '', 80)}`);
  }

  lines.push(`cases: ${counts.cases}`);
  for (const c of await q<{ status: string; priority: string; owner_team: string; customer_key: string; due_at: Date }>(
    'SELECT status, priority, owner_team, customer_key, due_at FROM cases WHERE tenant_id = $1 ORDER BY opened_at, case_id LIMIT $2',
  )) {
    lines.push(`  ${c.status} ${c.priority} for ${c.owner_team}, customer ${c.customer_key}, due ${c.due_at.toISOString()}`);
  }

  lines.push(`rollups: ${counts.rollups} rows`);
  for (const r of await q<{ touchpoint: string; n: number; p: number; d: number; k: number }>(
    `SELECT touchpoint, sum(count)::int AS n, sum(promoters)::int AS p, sum(detractors)::int AS d, sum(nps_count)::int AS k
       FROM rollups WHERE tenant_id = $1 AND bucket_size = 'day' AND theme = '*' GROUP BY touchpoint ORDER BY touchpoint LIMIT $2`,
  )) {
    const score = r.k > 0 ? Math.round(((r.p - r.d) / r.k) * 100) : null;
    lines.push(`  ${r.touchpoint}: ${r.n} items, NPS ${score ?? 'n/a'}`);
  }
  return lines;
}
