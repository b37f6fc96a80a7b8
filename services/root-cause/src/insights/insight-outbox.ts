import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Insight, INSIGHT_TYPE, newCloudEvent, toKafkaRecord, Topics } from '@loops/contracts';
import { Outbox, Outboxes } from '@loops/platform';
import { insertRows } from '@loops/store';
import { INSIGHTS } from '../store/root-cause.tables';

interface InsightRow {
  insight_id: string;
  tenant_id: string;
  kind: Insight['kind'];
  touchpoint: string | null;
  theme: string | null;
  summary: string;
  evidence: Record<string, unknown>;
  at: Date;
}

/**
 * Insights are stored with the transaction that produced them and published afterwards (outbox); the
 * relay publishes whatever a crash left behind. Inline publishes go through the relay's own pass
 * (publishPending), so the two never send the same rows at once.
 */
@Injectable()
export class InsightOutbox {
  private readonly outbox: Outbox<Insight, InsightRow>;

  constructor(outboxes: Outboxes) {
    this.outbox = outboxes.create<Insight, InsightRow>(
      {
        name: 'insights',
        table: 'insights',
        id: { column: 'insight_id', type: 'uuid' },
        since: 'at',
        select: 'insight_id, tenant_id, kind, touchpoint, theme, summary, evidence, at',
        fromRow: (r) => ({
          insightId: r.insight_id,
          tenantId: r.tenant_id,
          kind: r.kind,
          touchpoint: r.touchpoint ?? undefined,
          theme: r.theme ?? undefined,
          summary: r.summary,
          evidence: r.evidence,
          at: r.at.toISOString(),
        }),
        idOf: (i) => i.insightId,
        toRecords: (insights) => [
          {
            topic: Topics.insights,
            records: insights.map((insight) =>
              toKafkaRecord(newCloudEvent({ type: INSIGHT_TYPE, source: 'loops/root-cause', id: insight.insightId, subject: insight.kind, data: insight }), insight.tenantId),
            ),
          },
        ],
      },
      { relayEveryMs: 5000, relayAfterMs: 0, batchSize: 500 },
    );
  }

  async stage(m: EntityManager, insights: Insight[]): Promise<void> {
    await insertRows(
      m,
      INSIGHTS,
      insights.map((i) => ({
        insight_id: i.insightId,
        tenant_id: i.tenantId,
        kind: i.kind,
        touchpoint: i.touchpoint ?? null,
        theme: i.theme ?? null,
        summary: i.summary,
        evidence: i.evidence,
        at: i.at,
      })),
    );
  }

  /** Publishes every staged insight not yet published (also those a crash left behind). */
  publishPending(): Promise<number> {
    return this.outbox.publishPending();
  }
}
