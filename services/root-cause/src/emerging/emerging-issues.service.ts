import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { deterministicUuid, Insight } from '@loops/contracts';
import { rowsOf } from '@loops/store';
import { FeedbackFact } from '../facts/feedback-fact';
import { InsightOutbox } from '../insights/insight-outbox';
import { bucketStart } from '../rollups/rollup-contribution';
import { DEFAULT_EMERGING, EmergingConfig, judgeBucket } from './emerging-detector';

const HOUR = 3600_000;
const BASELINE_HOURS = 24;

interface WatchKey {
  tenantId: string;
  touchpoint: string;
  theme: string;
  bucket: string;
}

/**
 * Watches negative feedback per tenant × touchpoint × theme in hourly buckets. After each batch, the
 * newest bucket of every key the batch touched is judged against the EWMA of the 24 before it: an
 * issue opens when the count is significant and resolves once a later bucket is back near baseline.
 */
@Injectable()
export class EmergingIssuesService {
  private readonly config: EmergingConfig = DEFAULT_EMERGING;

  constructor(private readonly insights: InsightOutbox) {}

  async evaluate(m: EntityManager, facts: FeedbackFact[]): Promise<Insight[]> {
    const keys = new Map<string, WatchKey>();
    for (const f of facts) {
      const bucket = bucketStart(f.occurredAt, 'hour');
      for (const theme of f.themes) {
        const id = [f.tenantId, f.touchpoint, theme].join('\u0000');
        const seen = keys.get(id);
        if (!seen || seen.bucket < bucket) keys.set(id, { tenantId: f.tenantId, touchpoint: f.touchpoint, theme, bucket });
      }
    }
    const out: Insight[] = [];
    for (const key of keys.values()) {
      const insight = await this.judge(m, key);
      if (insight) out.push(insight);
    }
    if (out.length > 0) await this.insights.stage(m, out);
    return out;
  }

  private async judge(m: EntityManager, key: WatchKey): Promise<Insight | undefined> {
    const end = new Date(key.bucket).getTime();
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
    const verdict = judgeBucket(history, current.negative, this.config);
    const evidence = {
      bucket: key.bucket,
      negative: current.negative,
      total: current.total,
      baseline: Number(verdict.baseline.toFixed(3)),
      pValue: verdict.pValue,
      test: 'poisson-upper-tail vs EWMA(alpha=0.3) of the previous 24 hourly buckets',
    };
    const open = rowsOf<{ issue_id: string; opened_bucket: Date }>(
      await m.query(`SELECT issue_id, opened_bucket FROM emerging_issues WHERE tenant_id = $1 AND touchpoint = $2 AND theme = $3 AND status = 'open'`, [
        key.tenantId,
        key.touchpoint,
        key.theme,
      ]),
    )[0];

    if (!open && verdict.significant) {
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
        summary: `Emerging issue: ${current.negative} negative mentions of ${key.theme} at ${key.touchpoint} in the hour from ${key.bucket} (baseline ${evidence.baseline})`,
        evidence: { issueId, ...evidence },
        at: new Date().toISOString(),
      };
    }
    if (open && open.opened_bucket.getTime() < end && verdict.subsided) {
      await m.query(`UPDATE emerging_issues SET status = 'resolved', resolved_bucket = $2, updated_at = now() WHERE issue_id = $1`, [open.issue_id, key.bucket]);
      return {
        insightId: deterministicUuid('insight', open.issue_id, 'resolved'),
        tenantId: key.tenantId,
        kind: 'emerging_issue_resolved',
        touchpoint: key.touchpoint,
        theme: key.theme,
        summary: `Resolved: negative mentions of ${key.theme} at ${key.touchpoint} back to ${current.negative} in the hour from ${key.bucket} (baseline ${evidence.baseline})`,
        evidence: { issueId: open.issue_id, ...evidence },
        at: new Date().toISOString(),
      };
    }
    return undefined;
  }
}
