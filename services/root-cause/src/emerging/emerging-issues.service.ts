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
    const judged: Judged[] = [];
    for (const key of keys.values()) judged.push(await this.judge(m, key));

    // The family of tests run together: every key without an open issue that this evaluation judged.
    const candidates = judged.filter((j) => !j.open);
    const qValues = benjaminiHochberg(candidates.map((j) => j.verdict.pValue));
    const out: Insight[] = [];
    for (const [i, j] of candidates.entries()) {
      const evidence = this.evidence(j, qValues[i], candidates.length);
      const passes = j.verdict.strongEnough && j.warmup.tenant && j.warmup.theme && qValues[i] <= this.config.fdrQ;
      if (passes) {
        const insight = await this.open(m, j, evidence);
        if (insight) out.push(insight);
      }
    }
    for (const j of judged) {
      if (j.open && j.open.opened_bucket.getTime() < Date.parse(j.key.bucket) && j.verdict.subsided) {
        out.push(await this.resolve(m, j, this.evidence(j, j.verdict.pValue, 1)));
      }
    }
    if (out.length > 0) await this.insights.stage(m, out);
    return out;
  }

  private async judge(m: EntityManager, key: WatchKey): Promise<Judged> {
    const end = Date.parse(key.bucket);
    const counts = rowsOf<{ bucket: Date; negative: number; total: number }>(
      await m.query(
        `SELECT date_trunc('hour', occurred_at, 'UTC') AS bucket,
                count(*) FILTER (WHERE sentiment_label = 'negative')::int AS negative, count(*)::int AS total
           FROM feedback_facts
          WHERE tenant_id = $1 AND touchpoint = $2 AND $3 = ANY(themes) AND occurred_at >= $4 AND occurred_at < $5
          GROUP BY 1`,
        [key.tenantId, key.touchpoint, key.theme, new Date(end - BASELINE_HOURS * HOUR), new Date(end + HOUR)],
      ),
    );
    const byHour = new Map(counts.map((c) => [c.bucket.getTime(), c]));
    const history = Array.from({ length: BASELINE_HOURS }, (_, i) => byHour.get(end - (BASELINE_HOURS - i) * HOUR)?.negative ?? 0);
    const current = byHour.get(end) ?? { negative: 0, total: 0 };
    const warm = await this.warmup(m, key, end);
    const open = rowsOf<{ issue_id: string; opened_bucket: Date }>(
      await m.query(`SELECT issue_id, opened_bucket FROM emerging_issues WHERE tenant_id = $1 AND touchpoint = $2 AND theme = $3 AND status = 'open'`, [
        key.tenantId,
        key.touchpoint,
        key.theme,
      ]),
    )[0];
    return { key, verdict: judgeBucket(history, current.negative, this.config), negative: current.negative, total: current.total, warmup: warm, open };
  }

  /** Warm-up by bucket: some feedback of the tenant (and of the theme) in a bucket at least warmupHours before. */
  private async warmup(m: EntityManager, key: WatchKey, end: number): Promise<{ tenant: boolean; theme: boolean }> {
    const tenantKey = key.tenantId;
    const themeKey = `${key.tenantId}\u0000${key.theme}`;
    const cached = (k: string) => {
      const at = this.warmAt.get(k);
      return at !== undefined && at <= end && end - at <= WARM_CACHE_HOURS * HOUR;
    };
    if (cached(tenantKey) && cached(themeKey)) return { tenant: true, theme: true };
    const warm = rowsOf<{ tenant: boolean; theme: boolean }>(
      await m.query(
        `SELECT EXISTS (SELECT 1 FROM feedback_facts WHERE tenant_id = $1 AND occurred_at < $2 AND occurred_at >= $3) AS tenant,
                EXISTS (SELECT 1 FROM feedback_facts WHERE tenant_id = $1 AND occurred_at < $2 AND occurred_at >= $3 AND $4 = ANY(themes)) AS theme`,
        [key.tenantId, new Date(end - this.config.warmupHours * HOUR + HOUR), new Date(end - WARMUP_LOOKBACK_HOURS * HOUR), key.theme],
      ),
    )[0];
    if (warm.tenant) this.warmAt.set(tenantKey, end);
    if (warm.theme) this.warmAt.set(themeKey, end);
    return warm;
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

  private async open(m: EntityManager, j: Judged, evidence: EmergingEvidence): Promise<Insight | undefined> {
    const { key } = j;
    const issueId = deterministicUuid('issue', key.tenantId, key.touchpoint, key.theme, key.bucket);
    const inserted = rowsOf<{ issue_id: string }>(
      await m.query(
        `INSERT INTO emerging_issues (issue_id, tenant_id, touchpoint, theme, status, opened_bucket, evidence)
         VALUES ($1, $2, $3, $4, 'open', $5, $6) ON CONFLICT DO NOTHING RETURNING issue_id`,
        [issueId, key.tenantId, key.touchpoint, key.theme, key.bucket, JSON.stringify(evidence)],
      ),
    );
    if (inserted.length === 0) return undefined;
    return {
      insightId: deterministicUuid('insight', issueId, 'opened'),
      tenantId: key.tenantId,
      kind: 'emerging_issue_opened',
      touchpoint: key.touchpoint,
      theme: key.theme,
      summary: `Emerging issue: ${j.negative} negative mentions of ${key.theme} at ${key.touchpoint} in the hour from ${key.bucket} (baseline ${evidence.baseline}, ${evidence.rateRatio}x)`,
      evidence: { issueId, ...evidence },
      at: new Date().toISOString(),
    };
  }

  private async resolve(m: EntityManager, j: Judged, evidence: EmergingEvidence): Promise<Insight> {
    const { key } = j;
    const issueId = j.open!.issue_id;
    await m.query(`UPDATE emerging_issues SET status = 'resolved', resolved_bucket = $2, updated_at = now() WHERE issue_id = $1`, [issueId, key.bucket]);
    return {
      insightId: deterministicUuid('insight', issueId, 'resolved'),
      tenantId: key.tenantId,
      kind: 'emerging_issue_resolved',
      touchpoint: key.touchpoint,
      theme: key.theme,
      summary: `Resolved: negative mentions of ${key.theme} at ${key.touchpoint} back to ${j.negative} in the hour from ${key.bucket} (baseline ${evidence.baseline})`,
      evidence: { issueId, ...evidence },
      at: new Date().toISOString(),
    };
  }
}
