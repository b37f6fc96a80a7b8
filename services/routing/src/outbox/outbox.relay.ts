import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { casesPastSlaSampler, outboxSampler, PipelineMetrics } from '@loops/observability';
import { PeriodicTasks, PLATFORM_ENV } from '@loops/platform';
import { RoutingEnv } from '../routing.env';
import { OutboxPublisher } from './outbox.publisher';

/**
 * Re-publishes alerts and case events left unpublished (the process died between commit and publish,
 * or the broker was down). Only rows older than a few seconds: fresh ones are being published inline.
 */
@Injectable()
export class OutboxRelay {
  constructor(
    private readonly outbox: OutboxPublisher,
    @Inject(PLATFORM_ENV) private readonly env: RoutingEnv,
    dataSource: DataSource,
    metrics: PipelineMetrics,
    tasks: PeriodicTasks,
  ) {
    // OUTBOX_RELAY_MS <= 0 switches the relay off (the task then never runs on its timer).
    tasks.schedule({
      name: 'routing outbox relay',
      everyMs: this.env.OUTBOX_RELAY_MS,
      run: () => this.outbox.relay(Math.max(this.env.OUTBOX_RELAY_MS, 5000)),
    });
    // Read once per scrape (see ScrapeSamplers), also when the relay itself is switched off.
    const query = (sql: string, params?: unknown[]) => dataSource.query(sql, params);
    metrics.samplers.add(
      'routing-outbox',
      outboxSampler(query, [
        { outbox: 'alerts', table: 'alerts', since: 'created_at' },
        { outbox: 'case_events', table: 'case_events', since: 'at' },
      ], { depth: metrics.outboxDepth, oldestAge: metrics.outboxOldestAge }),
    );
    metrics.samplers.add('cases-past-sla', casesPastSlaSampler(query, metrics.casesPastSla));
  }

}
