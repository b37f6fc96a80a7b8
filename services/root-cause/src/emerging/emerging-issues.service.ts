import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { deterministicUuid, EMERGING_EVIDENCE_VERSION, EmergingEvidence, Insight } from '@loops/contracts';
import { PLATFORM_ENV } from '@loops/platform';
import { rowsOf } from '@loops/store';
import { FeedbackFact } from '../facts/feedback-fact';
import { InsightOutbox } from '../insights/insight-outbox';
import { bucketStart } from '../rollups/rollup-contribution';
import { RootCauseEnv } from '../root-cause.env';
import { benjaminiHochberg, EmergingConfig, EmergingVerdict, judgeBucket, withinDetectionWindow } from './emerging-detector';
import { emergingConfigOf } from './emerging-config';

const HOUR = 3600_000;
const BASELINE_HOURS = 24;
/** History older than this before a bucket does not count towards warm-up (one stray old item is not a baseline). */
const WARMUP_LOOKBACK_HOURS = 30 * 24;
/** A warm tenant or theme stays warm for later buckets; remembered this long so the hot path skips the lookup. */
const WARM_CACHE_HOURS = 7 * 24;

interface WatchKey {
  tenantId: string;
  touchpoint: string;
  theme: string;
  bucket: string;
}

function watchId(key: { tenantId: string; touchpoint: string; theme: string } | string, touchpoint?: string, theme?: string): string {
  return typeof key === 'string' ? [key, touchpoint, theme].join('\u0000') : [key.tenantId, key.touchpoint, key.theme].join('\u0000');
}

interface Judged {
  key: WatchKey;
  verdict: EmergingVerdict;
  negative: number;
  total: number;
  warmup: { tenant: boolean; theme: boolean };
  open?: { issue_id: string; opened_bucket: Date };
}

/**
 * Watches negative feedback per tenant × touchpoint × theme in hourly buckets. After each batch, the
 * newest bucket of every key the batch touched is judged against the EWMA of the 24 before it. An
 * issue opens only when the count and the rate ratio are high enough, the tenant and the theme are
 * past their warm-up, and the test survives Benjamini-Hochberg across every key judged in the same
 * evaluation; it resolves once a later bucket is back near baseline. Buckets outside the detection
 * window (late or future-dated items) still count in rollups but are never judged.
 */
@Injectable()
export class EmergingIssuesService {
  private readonly config: EmergingConfig;
  /** `tenant` or `tenant\u0000theme` → the bucket (ms) at which it was last found warm. */
  private readonly warmAt = new Map<string, number>();

  constructor(
    private readonly insights: InsightOutbox,
    @Inject(PLATFORM_ENV) env: RootCauseEnv,
  ) {
    this.config = emergingConfigOf(env);
  }

  async evaluate(m: EntityManager, facts: FeedbackFact[], now: Date = new Date()): Promise<Insight[]> {
    const keys = new Map<string, WatchKey>();
    for (const f of facts) {
      const bucket = bucketStart(f.occurredAt, 'hour');
      if (!withinDetectionWindow(Date.parse(bucket), now.getTime(), this.config)) continue;
      for (const theme of f.themes) {
        const id = [f.tenantId, f.touchpoint, theme].join('\u0000');
        const seen = keys.get(id);
        if (!seen || seen.bucket < bucket) keys.set(id, { tenantId: f.tenantId, touchpoint: f.touchpoint, theme, bucket });
      }
    }
    const judged = await this.judgeAll(m, [...keys.values()]);

    // The family of tests run together: every key without an open issue that this evaluation judged.
    const candidates = judged.filter((j) => !j.open);
    const qValues = benjaminiHochberg(candidates.map((j) => j.verdict.pValue));
    const opening = candidates
      .map((j, i) => ({ judged: j, evidence: this.evidence(j, qValues[i], candidates.length), q: qValues[i] }))
      .filter(({ judged: j, q }) => j.verdict.strongEnough && j.warmup.tenant && j.warmup.theme && q <= this.config.fdrQ);
    const resolving = judged
      .filter((j) => j.open && j.open.opened_bucket.getTime() < Date.parse(j.key.bucket) && j.verdict.subsided)
      .map((j) => ({ judged: j, evidence: this.evidence(j, j.verdict.pValue, 1) }));
    const out = [...(await this.open(m, opening)), ...(await this.resolve(m, resolving))];
    if (out.length > 0) await this.insights.stage(m, out);
    return out;
  }

  /**
   * Judges every key of the batch with three set-based queries (counts per hour, warm-up, open issues),
   * each over arrays of the keys, instead of two or three queries per key.
   */
  private async judgeAll(m: EntityManager, keys: WatchKey[]): Promise<Judged[]> {
    if (keys.length === 0) return [];
    const ends = keys.map((k) => Date.parse(k.bucket));
    const [counts, warm, open] = [
      await this.hourlyCounts(m, keys),
      await this.warmups(m, keys, ends),
      await this.openIssues(m, keys),
    ];
    return keys.map((key, i) => {
      const end = ends[i];
      const byHour = counts.get(i) ?? new Map<number, { negative: number; total: number }>();
      const history = Array.from({ length: BASELINE_HOURS }, (_, h) => byHour.get(end - (BASELINE_HOURS - h) * HOUR)?.negative ?? 0);
      const current = byHour.get(end) ?? { negative: 0, total: 0 };
      return {
        key,
        verdict: judgeBucket(history, current.negative, this.config),
        negative: current.negative,
        total: current.total,
        warmup: warm[i],
        open: open.get(watchId(key)),
      };
    });
  }

  /** Negative and total counts per hour over each key's baseline window and its own bucket: key index → hour (ms) → counts. */
  private async hourlyCounts(m: EntityManager, keys: WatchKey[]): Promise<Map<number, Map<number, { negative: number; total: number }>>> {
    const rows = rowsOf<{ i: number; bucket: Date; negative: number; total: number }>(
      await m.query(
        `SELECT k.i::int - 1 AS i, date_trunc('hour', f.occurred_at, 'UTC') AS bucket,
                count(*) FILTER (WHERE f.sentiment_label = 'negative')::int AS negative, count(*)::int AS total
           FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) WITH ORDINALITY AS k(tenant_id, touchpoint, theme, bucket, i)
           JOIN feedback_facts f
             ON f.tenant_id = k.tenant_id AND f.touchpoint = k.touchpoint AND k.theme = ANY(f.themes)
            AND f.occurred_at >= k.bucket - make_interval(hours => $5) AND f.occurred_at < k.bucket + interval '1 hour'
          GROUP BY 1, 2`,
        [keys.map((k) => k.tenantId), keys.map((k) => k.touchpoint), keys.map((k) => k.theme), keys.map((k) => k.bucket), BASELINE_HOURS],
      ),
    );
    const out = new Map<number, Map<number, { negative: number; total: number }>>();
    for (const r of rows) {
      const perKey = out.get(r.i) ?? new Map<number, { negative: number; total: number }>();
      perKey.set(r.bucket.getTime(), { negative: r.negative, total: r.total });
      out.set(r.i, perKey);
    }
    return out;
  }

  /**
   * Warm-up by bucket: some feedback of the tenant (and of the theme) in a bucket at least warmupHours
   * before. Keys found warm recently are answered from memory; the rest in one query.
   */
  private async warmups(m: EntityManager, keys: WatchKey[], ends: number[]): Promise<{ tenant: boolean; theme: boolean }[]> {
    const cached = (k: string, end: number) => {
      const at = this.warmAt.get(k);
      return at !== undefined && at <= end && end - at <= WARM_CACHE_HOURS * HOUR;
    };
    const out = keys.map((k, i) => ({ tenant: cached(k.tenantId, ends[i]), theme: cached(`${k.tenantId}\u0000${k.theme}`, ends[i]) }));
    const ask = keys.map((_, i) => i).filter((i) => !(out[i].tenant && out[i].theme));
    if (ask.length === 0) return out;
    const rows = rowsOf<{ i: number; tenant: boolean; theme: boolean }>(
      await m.query(
        `SELECT k.i::int - 1 AS i,
                EXISTS (SELECT 1 FROM feedback_facts WHERE tenant_id = k.tenant_id AND occurred_at < k.before AND occurred_at >= k.since) AS tenant,
                EXISTS (SELECT 1 FROM feedback_facts WHERE tenant_id = k.tenant_id AND occurred_at < k.before AND occurred_at >= k.since
                           AND k.theme = ANY(themes)) AS theme
           FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS k(tenant_id, theme, before, since, i)`,
        [
          ask.map((i) => keys[i].tenantId),
          ask.map((i) => keys[i].theme),
          ask.map((i) => new Date(ends[i] - this.config.warmupHours * HOUR + HOUR)),
          ask.map((i) => new Date(ends[i] - WARMUP_LOOKBACK_HOURS * HOUR)),
        ],
      ),
    );
    for (const r of rows) {
      const i = ask[r.i];
      out[i] = { tenant: r.tenant, theme: r.theme };
      if (r.tenant) this.warmAt.set(keys[i].tenantId, ends[i]);
      if (r.theme) this.warmAt.set(`${keys[i].tenantId}\u0000${keys[i].theme}`, ends[i]);
    }
    return out;
  }

  /** The open issue of each (tenant, touchpoint, theme) of the batch, if any. */
  private async openIssues(m: EntityManager, keys: WatchKey[]): Promise<Map<string, { issue_id: string; opened_bucket: Date }>> {
    const rows = rowsOf<{ tenant_id: string; touchpoint: string; theme: string; issue_id: string; opened_bucket: Date }>(
      await m.query(
        `SELECT e.tenant_id, e.touchpoint, e.theme, e.issue_id, e.opened_bucket
           FROM emerging_issues e
           JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(tenant_id, touchpoint, theme)
             ON e.tenant_id = k.tenant_id AND e.touchpoint = k.touchpoint AND e.theme = k.theme
          WHERE e.status = 'open'`,
        [keys.map((k) => k.tenantId), keys.map((k) => k.touchpoint), keys.map((k) => k.theme)],
      ),
    );
    return new Map(rows.map((r) => [watchId(r.tenant_id, r.touchpoint, r.theme), { issue_id: r.issue_id, opened_bucket: r.opened_bucket }]));
  }

  private evidence(j: Judged, qValue: number, tests: number): EmergingEvidence {
    const { minCount, minRateRatio, fdrQ, alpha, warmupHours } = this.config;
    return {
      version: EMERGING_EVIDENCE_VERSION,
      bucket: j.key.bucket,
      negative: j.negative,
      total: j.total,
      baseline: Number(j.verdict.baseline.toFixed(3)),
      rateRatio: Number(j.verdict.rateRatio.toFixed(3)),
      pValue: j.verdict.pValue,
      qValue,
      tests,
      warmup: { ...j.warmup, hours: warmupHours },
      thresholds: { minCount, minRateRatio, fdrQ },
      test: `poisson-upper-tail vs EWMA(alpha=${alpha}) of the previous ${BASELINE_HOURS} hourly buckets, Benjamini-Hochberg across ${tests} test(s)`,
    };
  }

  /** Opens the issues in one statement; an issue already open (a redelivery, a concurrent instance) yields no insight. */
  private async open(m: EntityManager, opening: { judged: Judged; evidence: EmergingEvidence }[]): Promise<Insight[]> {
    if (opening.length === 0) return [];
    const issues = opening.map(({ judged: { key }, evidence }) => ({ key, evidence, issueId: deterministicUuid('issue', key.tenantId, key.touchpoint, key.theme, key.bucket) }));
    const inserted = new Set(
      rowsOf<{ issue_id: string }>(
        await m.query(
          `INSERT INTO emerging_issues (issue_id, tenant_id, touchpoint, theme, status, opened_bucket, evidence)
           SELECT issue_id, tenant_id, touchpoint, theme, 'open', opened_bucket, evidence
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::jsonb[])
                  AS i(issue_id, tenant_id, touchpoint, theme, opened_bucket, evidence)
           ON CONFLICT DO NOTHING RETURNING issue_id`,
          [
            issues.map((i) => i.issueId),
            issues.map((i) => i.key.tenantId),
            issues.map((i) => i.key.touchpoint),
            issues.map((i) => i.key.theme),
            issues.map((i) => i.key.bucket),
            issues.map((i) => JSON.stringify(i.evidence)),
          ],
        ),
      ).map((r) => r.issue_id),
    );
    const negative = new Map(opening.map((o) => [watchId(o.judged.key), o.judged.negative]));
    return issues
      .filter((i) => inserted.has(i.issueId))
      .map(({ key, evidence, issueId }) => ({
        insightId: deterministicUuid('insight', issueId, 'opened'),
        tenantId: key.tenantId,
        kind: 'emerging_issue_opened' as const,
        touchpoint: key.touchpoint,
        theme: key.theme,
        summary: `Emerging issue: ${negative.get(watchId(key))} negative mentions of ${key.theme} at ${key.touchpoint} in the hour from ${key.bucket} (baseline ${evidence.baseline}, ${evidence.rateRatio}x)`,
        evidence: { issueId, ...evidence },
        at: new Date().toISOString(),
      }));
  }

  /** Resolves the issues in one statement. */
  private async resolve(m: EntityManager, resolving: { judged: Judged; evidence: EmergingEvidence }[]): Promise<Insight[]> {
    if (resolving.length === 0) return [];
    await m.query(
      `UPDATE emerging_issues e SET status = 'resolved', resolved_bucket = r.bucket, updated_at = now()
         FROM unnest($1::uuid[], $2::timestamptz[]) AS r(issue_id, bucket)
        WHERE e.issue_id = r.issue_id`,
      [resolving.map((r) => r.judged.open!.issue_id), resolving.map((r) => r.judged.key.bucket)],
    );
    return resolving.map(({ judged: j, evidence }) => {
      const { key } = j;
      const issueId = j.open!.issue_id;
      return {
        insightId: deterministicUuid('insight', issueId, 'resolved'),
        tenantId: key.tenantId,
        kind: 'emerging_issue_resolved' as const,
        touchpoint: key.touchpoint,
        theme: key.theme,
        summary: `Resolved: negative mentions of ${key.theme} at ${key.touchpoint} back to ${j.negative} in the hour from ${key.bucket} (baseline ${evidence.baseline})`,
        evidence: { issueId, ...evidence },
        at: new Date().toISOString(),
      };
    });
  }
}
