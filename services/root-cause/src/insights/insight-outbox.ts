import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Insight, INSIGHT_TYPE, newCloudEvent, toKafkaRecord, Topics } from '@loops/contracts';
import { EventProducer } from '@loops/kafka';
import { outboxSampler, PipelineMetrics } from '@loops/observability';
import { PeriodicTask, PeriodicTasks } from '@loops/platform';
import { bulkInsert, rowsOf } from '@loops/store';

/**
 * Insights are stored with the transaction that produced them and published afterwards (outbox); a
 * relay pass every few seconds publishes whatever a crash left behind. Both go through one periodic task,
 * so the relay and an inline publish never send the same rows at once.
 */
@Injectable()
export class InsightOutbox {
  private readonly relay: PeriodicTask<number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: EventProducer,
    metrics: PipelineMetrics,
    tasks: PeriodicTasks,
  ) {
    this.relay = tasks.schedule({ name: 'insight outbox relay', everyMs: 5000, run: () => this.publishOnce() });
    // Read once per scrape (see ScrapeSamplers).
    metrics.samplers.add(
      'insight-outbox',
      outboxSampler((sql, params) => this.dataSource.query(sql, params), [{ outbox: 'insights', table: 'insights', since: 'at' }], {
        depth: metrics.outboxDepth,
        oldestAge: metrics.outboxOldestAge,
      }),
    );
  }

  async stage(m: EntityManager, insights: Insight[]): Promise<void> {
    await bulkInsert(m, {
      table: 'insights',
      columns: ['insight_id', 'tenant_id', 'kind', 'touchpoint', 'theme', 'summary', 'evidence', 'at'],
      rows: insights.map((i) => [i.insightId, i.tenantId, i.kind, i.touchpoint ?? null, i.theme ?? null, i.summary, JSON.stringify(i.evidence), i.at]),
      onConflict: 'ON CONFLICT (insight_id) DO NOTHING',
    });
  }

  /** Publishes every staged insight not yet published (also those a crash left behind). */
  publishPending(): Promise<number> {
    return this.relay.runNow();
  }

  private async publishOnce(): Promise<number> {
    const rows = rowsOf<{ insight_id: string; tenant_id: string; kind: Insight['kind']; touchpoint: string | null; theme: string | null; summary: string; evidence: Record<string, unknown>; at: Date }>(
      await this.dataSource.query('SELECT * FROM insights WHERE published_at IS NULL ORDER BY at LIMIT 500'),
    );
    if (rows.length === 0) return 0;
    await this.producer.publish([
      {
        topic: Topics.insights,
        records: rows.map((r) => {
          const insight: Insight = {
            insightId: r.insight_id,
            tenantId: r.tenant_id,
            kind: r.kind,
            touchpoint: r.touchpoint ?? undefined,
            theme: r.theme ?? undefined,
            summary: r.summary,
            evidence: r.evidence,
            at: r.at.toISOString(),
          };
          return toKafkaRecord(newCloudEvent({ type: INSIGHT_TYPE, source: 'loops/root-cause', id: insight.insightId, subject: insight.kind, data: insight }), insight.tenantId);
        }),
      },
    ]);
    await this.dataSource.query('UPDATE insights SET published_at = now() WHERE insight_id = ANY($1::uuid[])', [rows.map((r) => r.insight_id)]);
    return rows.length;
  }
}
