import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { HttpMetrics } from './http-metrics';

/**
 * The Prometheus metrics every pipeline service exposes on /metrics. One registry per process so a
 * test that boots two services in one process does not mix their series.
 */
export class PipelineMetrics {
  readonly registry = new Registry();

  readonly consumed = new Counter({
    name: 'loops_messages_consumed_total',
    help: 'Kafka messages consumed, by topic.',
    labelNames: ['topic'],
    registers: [this.registry],
  });

  readonly produced = new Counter({
    name: 'loops_messages_produced_total',
    help: 'Kafka messages produced, by topic.',
    labelNames: ['topic'],
    registers: [this.registry],
  });

  readonly failed = new Counter({
    name: 'loops_messages_failed_total',
    help: 'Processing failures, by topic and kind (envelope, validation, processing, retry).',
    labelNames: ['topic', 'kind'],
    registers: [this.registry],
  });

  readonly deadLettered = new Counter({
    name: 'loops_messages_dead_lettered_total',
    help: 'Messages sent to the DLQ, by source topic and reason kind.',
    labelNames: ['topic', 'kind'],
    registers: [this.registry],
  });

  readonly batchSeconds = new Histogram({
    name: 'loops_batch_duration_seconds',
    help: 'Wall time to process one consumed batch, effects included.',
    labelNames: ['topic'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly batchSize = new Histogram({
    name: 'loops_batch_size',
    help: 'Messages per consumed batch.',
    labelNames: ['topic'],
    buckets: [1, 5, 10, 50, 100, 250, 500, 1000, 5000],
    registers: [this.registry],
  });

  readonly consumerLag = new Gauge({
    name: 'loops_consumer_lag',
    help: 'Messages behind the high watermark after the last batch, by topic and partition.',
    labelNames: ['topic', 'partition'],
    registers: [this.registry],
  });

  /** Requests, latency and refusals of the service's HTTP API (fed by the platform's middleware). */
  readonly http = new HttpMetrics(this.registry);

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Registers a service-specific metric in the same registry. */
  counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  histogram(name: string, help: string, buckets: number[], labelNames: string[] = []): Histogram<string> {
    return new Histogram({ name, help, buckets, labelNames, registers: [this.registry] });
  }
}
