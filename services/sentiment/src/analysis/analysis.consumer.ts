import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { FeedbackReceived, Topics } from '@loops/contracts';
import { ConsumedEvent, EventProducer, withTraceHeaders } from '@loops/kafka';
import { PipelineMetrics } from '@loops/observability';
import { ConsumerHost } from '@loops/platform';
import type { Analyzer } from '@loops/text-analytics';
import { ANALYZED_V1_ALSO, analyzedBatches } from './analyzed-records';
import { ANALYZER } from './analyzer.token';
import { AnalysisWriter } from './analysis-writer';
import { analyzeByTenant } from './analyze-by-tenant';
import { TenantTaxonomies } from '../taxonomy/tenant-taxonomies';
import { TenantAdapters } from '../corrections/tenant-adapters';
import { ConsumedFeedback } from '../feedback/consumed-feedback';

export { ANALYZER };

/** feedback.received.v1 → sentiment_feedback, analyzer → analyses table → feedback.analyzed.v2 (and v1 if asked), one batch at a time. */
@Injectable()
export class AnalysisConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    private readonly writer: AnalysisWriter,
    private readonly feedback: ConsumedFeedback,
    private readonly producer: EventProducer,
    @Inject(ANALYZER) private readonly analyzer: Analyzer,
    private readonly taxonomies: TenantTaxonomies,
    private readonly adapters: TenantAdapters,
    private readonly metrics: PipelineMetrics,
    @Inject(ANALYZED_V1_ALSO) private readonly alsoV1: boolean,
  ) {}

  onModuleInit(): void {
    this.host.register({
      topic: Topics.feedbackReceived,
      contract: FeedbackReceived,
      handler: (events) => this.handle(events),
    });
  }

  async handle(events: ConsumedEvent<FeedbackReceived>[]): Promise<void> {
    const received = events.map((e) => e.data);
    const started = process.hrtime.bigint();
    const analysis = analyzeByTenant(this.analyzer, this.taxonomies, received, this.adapters).then((a) => {
      this.recordAnalyzerTime(Number(process.hrtime.bigint() - started) / 1e9, events.length);
      return a;
    });
    // The events are kept while the analyzer runs: both need only the event.
    const [analyzed] = await Promise.all([analysis, this.feedback.keep(received)]);
    await this.writer.write(analyzed);
    // Published even when the rows already existed (a redelivery after a crash between the two steps):
    // downstream consumers are idempotent on the feedback event id.
    // Each analysis is sent as a child of its own item's processing span: one item, one trace. The records of
    // every batch are in the order of `analyzed`.
    const traceOf = new Map(events.map((e) => [e.data.eventId, e.trace?.carrier]));
    const batches = analyzedBatches(analyzed, events.map((e) => e.event.correlationid), this.alsoV1);
    await this.producer.publish(
      batches.map((b) => ({ topic: b.topic, records: b.records.map((r, i) => withTraceHeaders(r, traceOf.get(analyzed[i].feedback.eventId))) })),
    );
  }

  /** One observation per batch: the per-item figure is the batch's mean, so the hot path stays untouched. */
  private recordAnalyzerTime(seconds: number, items: number): void {
    this.metrics.analyzerBatchSeconds.observe(seconds);
    this.metrics.analyzerItemSeconds.observe(seconds / Math.max(1, items));
    this.metrics.analyzedItems.inc(items);
  }
}
