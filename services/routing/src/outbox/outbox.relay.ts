import { Inject, Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { casesPastSlaSampler, type Logger, outboxSampler, PipelineMetrics } from '@loops/observability';
import { PLATFORM_ENV, ROOT_LOGGER } from '@loops/platform';
import { RoutingEnv } from '../routing.env';
import { OutboxPublisher } from './outbox.publisher';

/**
 * Re-publishes alerts and case events left unpublished (the process died between commit and publish,
 * or the broker was down). Only rows older than a few seconds: fresh ones are being published inline.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly outbox: OutboxPublisher,
    @Inject(PLATFORM_ENV) private readonly env: RoutingEnv,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    dataSource: DataSource,
    metrics: PipelineMetrics,
  ) {
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

  onApplicationBootstrap(): void {
    if (this.env.OUTBOX_RELAY_MS <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = true;
      this.outbox
        .relay(Math.max(this.env.OUTBOX_RELAY_MS, 5000))
        .catch((error: Error) => this.logger.warn({ err: error }, 'outbox relay failed; retrying next tick'))
        .finally(() => (this.running = false));
    }, this.env.OUTBOX_RELAY_MS);
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
