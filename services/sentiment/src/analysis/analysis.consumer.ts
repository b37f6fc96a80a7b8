import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { FeedbackReceived, Topics } from '@loops/contracts';
import { ConsumedEvent, EventProducer } from '@loops/kafka';
import { ConsumerHost } from '@loops/platform';
import type { Analyzer } from '@loops/text-analytics';
import { analyzedRecords } from './analyzed-records';
import { ANALYZER } from './analyzer.token';
import { AnalysisWriter } from './analysis-writer';
import { analyzeByTenant } from './analyze-by-tenant';
import { TenantTaxonomies } from './tenant-taxonomies';
import { TenantAdapters } from '../corrections/tenant-adapters';

export { ANALYZER };

/** feedback.received.v1 → analyzer → analyses table → feedback.analyzed.v1, one batch at a time. */
@Injectable()
export class AnalysisConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    private readonly writer: AnalysisWriter,
    private readonly producer: EventProducer,
    @Inject(ANALYZER) private readonly analyzer: Analyzer,
    private readonly taxonomies: TenantTaxonomies,
    private readonly adapters: TenantAdapters,
  ) {}

  onModuleInit(): void {
    this.host.register({
      topic: Topics.feedbackReceived,
      contract: FeedbackReceived,
      handler: (events) => this.handle(events),
    });
  }

  async handle(events: ConsumedEvent<FeedbackReceived>[]): Promise<void> {
    const analyzed = await analyzeByTenant(this.analyzer, this.taxonomies, events.map((e) => e.data), this.adapters);
    await this.writer.write(analyzed);
    // Published even when the rows already existed (a redelivery after a crash between the two steps):
    // downstream consumers are idempotent on the feedback event id.
    await this.producer.publish([
      { topic: Topics.feedbackAnalyzed, records: analyzedRecords(analyzed, events.map((e) => e.event.correlationid)) },
    ]);
  }
}
