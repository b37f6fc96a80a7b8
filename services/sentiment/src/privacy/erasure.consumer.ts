import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PrivacyErasure, Topics } from '@loops/contracts';
import { ConsumedEvent } from '@loops/kafka';
import { Logger } from '@loops/observability';
import { ConsumerHost, ROOT_LOGGER } from '@loops/platform';
import { rowsOf } from '@loops/store';

/** privacy.erasure.v1 → the erased customer's feedback copies, analyses and corrections go (keyed by feedback event, so deleting twice is harmless). */
@Injectable()
export class SentimentErasureConsumer implements OnModuleInit {
  private readonly log: Logger;

  constructor(
    private readonly host: ConsumerHost,
    private readonly dataSource: DataSource,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'privacy-erasure' });
  }

  onModuleInit(): void {
    this.host.register({ topic: Topics.privacyErasure, contract: PrivacyErasure, handler: (e) => this.handle(e) });
  }

  async handle(events: ConsumedEvent<PrivacyErasure>[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      for (const { data } of events) {
        const deleted = rowsOf<{ n: number }>(
          await m.query(
            `WITH d AS (DELETE FROM analyses WHERE tenant_id = $1 AND feedback_event_id = ANY($2::uuid[]) RETURNING 1) SELECT count(*)::int AS n FROM d`,
            [data.tenantId, data.feedbackEventIds],
          ),
        )[0].n;
        // An analyst's correction quotes the item's analysis and note: it goes with the item. The tenant's fitted
        // adapter keeps only hashed, summed weights, not the text, and is refitted at the next correction.
        const corrections = rowsOf<{ n: number }>(
          await m.query(
            `WITH d AS (DELETE FROM corrections WHERE tenant_id = $1 AND feedback_event_id = ANY($2::uuid[]) RETURNING 1) SELECT count(*)::int AS n FROM d`,
            [data.tenantId, data.feedbackEventIds],
          ),
        )[0].n;
        const feedback = rowsOf<{ n: number }>(
          await m.query(
            `WITH d AS (DELETE FROM sentiment_feedback WHERE tenant_id = $1 AND event_id = ANY($2::uuid[]) RETURNING 1) SELECT count(*)::int AS n FROM d`,
            [data.tenantId, data.feedbackEventIds],
          ),
        )[0].n;
        this.log.info({ erasureId: data.erasureId, tenantId: data.tenantId, feedback, analyses: deleted, corrections }, 'customer erased');
      }
    });
  }
}
