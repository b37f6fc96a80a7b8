import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedbackReceived, Topics } from '@loops/contracts';
import { EventProducer, TraceCarrier, withTraceHeaders } from '@loops/kafka';
import { Logger, outboxSampler, PipelineMetrics } from '@loops/observability';
import { PeriodicTasks, PLATFORM_ENV, ROOT_LOGGER } from '@loops/platform';
import { rowsOf } from '@loops/store';
import { IngestionEnv } from '../ingestion.env';
import { toReceivedRecord } from './feedback-outbox';

const RELAY_BATCH = 1000;

/**
 * Publishes accepted feedback whose publish never completed (the broker was down, the process died
 * between insert and publish). SKIP LOCKED lets several ingestion instances relay without overlap.
 * The pass runs as a platform periodic task: started at bootstrap, its pass in flight finished on shutdown.
 */
@Injectable()
export class OutboxRelay {
  private readonly log: Logger;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: EventProducer,
    @Inject(PLATFORM_ENV) private readonly env: IngestionEnv,
    @Inject(ROOT_LOGGER) logger: Logger,
    metrics: PipelineMetrics,
    tasks: PeriodicTasks,
  ) {
    this.log = logger.child({ component: 'outbox-relay' });
    tasks.schedule({
      name: 'ingestion outbox relay',
      everyMs: Math.min(5000, this.env.OUTBOX_RELAY_AFTER_MS),
      run: () => this.relayOnce(),
      logger: this.log,
    });
    // Depth and age of what still waits for Kafka, read once per scrape (see ScrapeSamplers).
    metrics.samplers.add(
      'ingestion-outbox',
      outboxSampler((sql, params) => this.dataSource.query(sql, params), [
        { outbox: 'feedback', table: 'feedback', since: 'received_at' },
        { outbox: 'privacy_erasures', table: 'privacy_erasures', since: 'requested_at' },
      ], { depth: metrics.outboxDepth, oldestAge: metrics.outboxOldestAge }),
    );
  }

  /** One pass; returns how many events it re-published. */
  async relayOnce(olderThanMs = this.env.OUTBOX_RELAY_AFTER_MS): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows = rowsOf<{ event_id: string; event: FeedbackReceived; trace_context: TraceCarrier | null }>(
        await m.query(
          `SELECT event_id, event, trace_context FROM feedback
            WHERE published_at IS NULL AND received_at < now() - ($1::int * interval '1 millisecond')
            ORDER BY received_at LIMIT ${RELAY_BATCH} FOR UPDATE SKIP LOCKED`,
          [olderThanMs],
        ),
      );
      if (rows.length === 0) return 0;
      await this.producer.publish([{ topic: Topics.feedbackReceived, records: rows.map((r) => withTraceHeaders(toReceivedRecord(r.event), r.trace_context)) }]);
      await m.query('UPDATE feedback SET published_at = now() WHERE event_id = ANY($1::uuid[])', [
        rows.map((r) => r.event_id),
      ]);
      this.log.info({ count: rows.length }, 'relayed unpublished feedback');
      return rows.length;
    });
  }
}
