import { DynamicModule, Global, Module, OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Kafka } from 'kafkajs';
import { LoggerModule } from 'nestjs-pino';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import type { PlatformEnv } from '@loops/config';
import { createKafka, EventProducer, kafkaSecurityFromEnv } from '@loops/kafka';
import { createLogger, loggerOptions, PipelineMetrics } from '@loops/observability';
import { createDataSource } from '@loops/store';
import { HealthController } from './health/health.controller';
import { KafkaHealthIndicator } from './health/kafka.health';
import { PostgresHealthIndicator } from './health/postgres.health';
import { MetricsController } from './metrics/metrics.controller';
import { ConsumerHost } from './consumer-host';
import { Outboxes } from './outbox/outboxes';
import { PeriodicTasks } from './periodic/periodic-tasks';
import { requestTraceFields } from './tracing/http-tracing.middleware';
import { KAFKA, PLATFORM_ENV, ROOT_LOGGER, SERVICE_NAME } from './tokens';

class PlatformLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly producer: EventProducer,
    private readonly dataSource: DataSource,
  ) {}

  // Runs after every module's onModuleDestroy: consumers have finished their batches by now.
  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * What every Loops service stands on: typed env, JSON logs, metrics, health, the reporting store and
 * the Kafka client and producer. Services import it once and add their own feature modules.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(service: string, env: PlatformEnv): DynamicModule {
    const rootLogger = createLogger(service, env.LOG_LEVEL);
    return {
      module: PlatformModule,
      imports: [
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
        LoggerModule.forRoot({
          pinoHttp: {
            ...loggerOptions(service, env.LOG_LEVEL),
            // Probes and scrapes would drown the request log.
            autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
            // The request's trace ids are bound to its logger once (the mixin would add them a second time).
            mixin: undefined,
            customProps: (req) => requestTraceFields(req as Request),
          },
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_NAME, useValue: service },
        { provide: PLATFORM_ENV, useValue: env },
        { provide: ROOT_LOGGER, useValue: rootLogger },
        { provide: PipelineMetrics, useValue: new PipelineMetrics(service) },
        {
          provide: KAFKA,
          useFactory: () =>
            createKafka({ brokers: env.brokers(), clientId: `loops-${service}`, logger: rootLogger, security: kafkaSecurityFromEnv(env) }),
        },
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = createDataSource({
              url: env.DATABASE_URL,
              applicationName: `loops-${service}`,
              poolSize: 10,
            });
            return dataSource.initialize();
          },
        },
        {
          provide: EventProducer,
          inject: [KAFKA, PipelineMetrics],
          useFactory: async (kafka: Kafka, metrics: PipelineMetrics) => {
            const producer = new EventProducer(kafka, metrics);
            await producer.connect();
            return producer;
          },
        },
        {
          provide: PlatformLifecycle,
          inject: [EventProducer, DataSource],
          useFactory: (producer: EventProducer, dataSource: DataSource) => new PlatformLifecycle(producer, dataSource),
        },
        KafkaHealthIndicator,
        PostgresHealthIndicator,
        ConsumerHost,
        PeriodicTasks,
        Outboxes,
      ],
      exports: [SERVICE_NAME, PLATFORM_ENV, ROOT_LOGGER, PipelineMetrics, KAFKA, DataSource, EventProducer, ConsumerHost, PeriodicTasks, Outboxes],
    };
  }
}
