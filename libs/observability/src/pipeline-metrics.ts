import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { HttpMetrics } from './http-metrics';
import { ScrapeSamplers } from './scrape-samplers';

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

  /**
   * Read from the batch's high watermark in `eachBatch` (no admin round trip): exact at each batch, but it
   * does not move while a member is stalled, so alerts pair it with the last-batch timestamp below.
   */
  readonly consumerLag = new Gauge({
    name: 'loops_consumer_lag',
    help: 'Messages behind the high watermark after the last batch, by consumer group, topic and partition.',
    labelNames: ['group', 'topic', 'partition'],
    registers: [this.registry],
  });

  readonly consumerLastBatch = new Gauge({
    name: 'loops_consumer_last_batch_timestamp_seconds',
    help: 'Unix time this member last finished a batch, by consumer group, topic and partition.',
    labelNames: ['group', 'topic', 'partition'],
    registers: [this.registry],
  });

  /** Outbox rows staged but not yet on Kafka (set by a scrape-time sampler in the owning service). */
  readonly outboxDepth = new Gauge({
    name: 'loops_outbox_depth',
    help: 'Rows in an outbox table not yet published to Kafka, by outbox.',
    labelNames: ['outbox'],
    registers: [this.registry],
  });

  readonly outboxOldestAge = new Gauge({
    name: 'loops_outbox_oldest_age_seconds',
    help: 'Age of the oldest unpublished row in an outbox table (0 when empty), by outbox.',
    labelNames: ['outbox'],
    registers: [this.registry],
  });

  /** Routing: open cases nobody acknowledged before their due time. */
  readonly casesPastSla = new Gauge({
    name: 'loops_cases_past_sla',
    help: 'Open (unacknowledged) cases past their SLA due time, by priority.',
    labelNames: ['priority'],
    registers: [this.registry],
  });

  /** Routing: alerts published to their receiver's topic (counted once Kafka acknowledged them). */
  readonly alertsPublished = new Counter({
    name: 'loops_alerts_published_total',
    help: 'Alerts published to alerts.<receiver>.v1, by receiver.',
    labelNames: ['receiver'],
    registers: [this.registry],
  });

  /** Sentiment: time in the analyzer alone, store and Kafka excluded. */
  readonly analyzerBatchSeconds = new Histogram({
    name: 'loops_analyzer_batch_duration_seconds',
    help: 'Time the analyzer took for one consumed batch (all tenants in it, their taxonomy and adapter lookups included).',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly analyzerItemSeconds = new Histogram({
    name: 'loops_analyzer_item_duration_seconds',
    help: 'Mean analyzer time per item of a batch (batch time / items), observed once per batch.',
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
    registers: [this.registry],
  });

  readonly analyzedItems = new Counter({
    name: 'loops_analyzer_items_total',
    help: 'Feedback items the analyzer processed.',
    registers: [this.registry],
  });

  /** Store-backed gauges (outbox, SLA) are sampled here once per scrape. */
  readonly samplers = new ScrapeSamplers(this.registry);

  /** Requests, latency and refusals of the service's HTTP API (fed by the platform's middleware). */
  readonly http = new HttpMetrics(this.registry);

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }

  /** The exposition text, after the scrape-time samplers have refreshed their gauges. */
  async scrape(): Promise<string> {
    await this.samplers.runAll();
    return this.registry.metrics();
  }

  /** Registers a service-specific metric in the same registry. */
  counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  histogram(name: string, help: string, buckets: number[], labelNames: string[] = []): Histogram<string> {
    return new Histogram({ name, help, buckets, labelNames, registers: [this.registry] });
  }
}
