import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedbackReceived } from '@loops/contracts';
import { insertRows } from '@loops/store';
import { SENTIMENT_FEEDBACK } from './sentiment-feedback.table';

/**
 * Keeps each consumed feedback.received.v1 event in `sentiment_feedback` (keyed by event id, so a
 * redelivery changes nothing): what corrections show and train on, and what `reprocess` re-analyzes.
 */
@Injectable()
export class ConsumedFeedback {
  constructor(private readonly dataSource: DataSource) {}

  async keep(events: FeedbackReceived[]): Promise<void> {
    await insertRows(
      this.dataSource.manager,
      SENTIMENT_FEEDBACK,
      events.map((e) => ({ event_id: e.eventId, tenant_id: e.tenantId, occurred_at: e.occurredAt, received_at: e.receivedAt, event: e })),
    );
  }
}
