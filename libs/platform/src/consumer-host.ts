import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ClassConstructor } from 'class-transformer';
import { Kafka } from 'kafkajs';
import type { PlatformEnv } from '@loops/config';
import { Topics } from '@loops/contracts';
import { BatchConsumer, BatchConsumerOptions, BatchHandler, ensureTopics, EventProducer } from '@loops/kafka';
import { Logger, PipelineMetrics } from '@loops/observability';
import { KAFKA, PLATFORM_ENV, ROOT_LOGGER, SERVICE_NAME } from './tokens';

export interface ConsumerRegistration<T extends object> {
  topic: string;
  contract: ClassConstructor<T>;
  handler: BatchHandler<T>;
  /**
   * Defaults to `loops-<service>.<topic>`; every instance of a service shares it, so Kafka splits the
   * partitions. One group per topic: kafkajs members of one group must subscribe to the same topics, or
   * partitions get assigned to members that ignore them.
   */
  groupId?: string;
  /** Custom decoding before validation (e.g. sanitising untrusted input); defaults to the CloudEvent data. */
  decode?: BatchConsumerOptions<T>['decode'];
}

/**
 * Owns a service's consumers: feature modules register one handler per topic during init; at bootstrap
 * the host refuses duplicates, makes sure the topics exist, and starts them; on SIGTERM it stops them
 * (each finishes its batch and commits) before the producer and the store close.
 */
@Injectable()
export class ConsumerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly registrations = new Map<string, ConsumerRegistration<object>>();
  private readonly running: BatchConsumer<object>[] = [];

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PLATFORM_ENV) private readonly env: PlatformEnv,
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly producer: EventProducer,
    private readonly metrics: PipelineMetrics,
  ) {}

  register<T extends object>(registration: ConsumerRegistration<T>): void {
    if (this.registrations.has(registration.topic)) {
      throw new Error(`${this.service}: topic ${registration.topic} has more than one handler`);
    }
    this.registrations.set(registration.topic, registration as unknown as ConsumerRegistration<object>);
  }

  async onApplicationBootstrap(): Promise<void> {
    const fixed = Object.values(Topics).map((topic) => ({ topic, numPartitions: this.env.KAFKA_PARTITIONS }));
    await ensureTopics(this.kafka, fixed);
    for (const registration of this.registrations.values()) {
      const consumer = new BatchConsumer(this.kafka, this.producer, {
        service: this.service,
        groupId: registration.groupId ?? `loops-${this.service}.${registration.topic}`,
        topic: registration.topic,
        contract: registration.contract,
        handler: registration.handler,
        decode: registration.decode,
        logger: this.logger,
        metrics: this.metrics,
        maxAttempts: this.env.KAFKA_MAX_ATTEMPTS,
      });
      await consumer.start();
      this.running.push(consumer);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.running.map((consumer) => consumer.stop()));
    this.running.length = 0;
  }
}
