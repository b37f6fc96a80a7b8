import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventProducer } from '@loops/kafka';
import type { Logger } from '@loops/observability';
import { PipelineMetrics } from '@loops/observability';
import { PeriodicTasks } from '../periodic/periodic-tasks';
import { ROOT_LOGGER } from '../tokens';
import { Outbox, OutboxDefinition, OutboxOptions } from './outbox';

/**
 * Makes a service's outboxes from the platform's store, producer, periodic tasks and metrics, so every
 * outbox is wired the same way (relay on PeriodicTasks, depth and age sampled per scrape).
 */
@Injectable()
export class Outboxes {
  private readonly names = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: EventProducer,
    private readonly tasks: PeriodicTasks,
    private readonly metrics: PipelineMetrics,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  create<Item, Row = Record<string, unknown>>(definition: OutboxDefinition<Item, Row>, options: OutboxOptions): Outbox<Item, Row> {
    if (this.names.has(definition.name)) throw new Error(`outbox ${definition.name} is created twice`);
    this.names.add(definition.name);
    return new Outbox(
      definition,
      {
        dataSource: this.dataSource,
        send: (batches) => this.producer.publish(batches),
        tasks: this.tasks,
        metrics: this.metrics,
        logger: this.logger.child({ component: `${definition.name}-outbox` }),
      },
      options,
    );
  }
}
