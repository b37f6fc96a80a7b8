import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedbackAnalyzed, FeedbackAnalyzedV2, Topics } from '@loops/contracts';
import { ConsumedEvent, recordItemStep } from '@loops/kafka';
import { ConsumerHost } from '@loops/platform';
import { storeComplaintTexts } from '../discovery/complaint-texts';
import { EmergingIssuesService } from '../emerging/emerging-issues.service';
import { factOf } from '../facts/feedback-fact';
import { InsightOutbox } from '../insights/insight-outbox';
import { RollupWriter } from './rollup.writer';

/**
 * feedback.analyzed.v2 (and v1 while it drains) → facts and rollups (exactly once), the words of negative feedback (candidate
 * themes are discovered from them) and emerging-issue detection, in one transaction; the insights it
 * produced are published after commit.
 */
@Injectable()
export class RollupConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    private readonly dataSource: DataSource,
    private readonly writer: RollupWriter,
    private readonly emerging: EmergingIssuesService,
    private readonly insights: InsightOutbox,
  ) {}

  onModuleInit(): void {
    this.host.register({ topic: Topics.feedbackAnalyzedV2, contract: FeedbackAnalyzedV2, handler: (e) => this.handle(e) });
    // v1 events published before the upgrade (or with ANALYZED_V1_ALSO) still count: v1 carries every v2 field.
    this.host.register({ topic: Topics.feedbackAnalyzed, contract: FeedbackAnalyzed, handler: (e) => this.handle(e) });
  }

  async handle(events: ConsumedEvent<FeedbackAnalyzedV2>[]): Promise<void> {
    const facts = events.map((e) => factOf(e.data));
    const started = new Date();
    const { produced, counted } = await this.dataSource.transaction(async (m) => {
      const fresh = await this.writer.add(m, facts);
      const freshIds = new Set(fresh.map((f) => f.feedbackEventId));
      await storeComplaintTexts(m, events.map((e) => e.data), freshIds);
      return { produced: await this.emerging.evaluate(m, fresh), counted: freshIds };
    });
    recordRollupSteps(events, counted, { startTime: started, endTime: new Date() });
    if (produced.length > 0) await this.insights.publishPending();
  }
}

/**
 * "The rollup" in each item's trace: a `rollup add` span under the item's processing span, spanning the
 * batch's transaction; `loops.rollup.counted` is false for a redelivery the facts table turned away.
 */
function recordRollupSteps(events: ConsumedEvent<FeedbackAnalyzedV2>[], counted: Set<string>, timing: { startTime: Date; endTime: Date }): void {
  for (const e of events) {
    recordItemStep(e.trace?.carrier, 'rollup add', timing, {
      'loops.feedback.event_id': e.data.feedback.eventId,
      'loops.tenant.id': e.data.feedback.tenantId,
      'loops.rollup.counted': counted.has(e.data.feedback.eventId),
    });
  }
}
