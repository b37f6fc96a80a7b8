import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PrivacyErasure, Topics } from '@loops/contracts';
import { ConsumedEvent } from '@loops/kafka';
import { Logger } from '@loops/observability';
import { ConsumerHost, ROOT_LOGGER } from '@loops/platform';
import { rowsOf } from '@loops/store';
import { factFromRow, FactRow } from '../facts/feedback-fact';
import { RollupWriter } from '../rollups/rollup.writer';

/**
 * privacy.erasure.v1 → the erased customer's facts and root-cause rows go, and every rollup bucket
 * those facts touched is re-derived from the facts that remain. Idempotent: a redelivered erasure finds
 * no facts and touches nothing.
 */
@Injectable()
export class RootCauseErasureConsumer implements OnModuleInit {
  private readonly log: Logger;

  constructor(
    private readonly host: ConsumerHost,
    private readonly dataSource: DataSource,
    private readonly writer: RollupWriter,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'privacy-erasure' });
  }

  onModuleInit(): void {
    this.host.register({ topic: Topics.privacyErasure, contract: PrivacyErasure, handler: (e) => this.handle(e) });
  }

  async handle(events: ConsumedEvent<PrivacyErasure>[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      // Blocks new facts (and their rollup increments) until this commits, so the re-derived buckets
      // cannot miss or double-count an item the rollup consumer writes meanwhile. Erasures are rare.
      await m.query('LOCK TABLE feedback_facts IN SHARE ROW EXCLUSIVE MODE');
      for (const { data } of events) {
        const erased = rowsOf<FactRow>(
          await m.query(
            `DELETE FROM feedback_facts WHERE tenant_id = $1 AND (customer_id = $2 OR feedback_event_id = ANY($3::uuid[])) RETURNING *`,
            [data.tenantId, data.customerPseudonym, data.feedbackEventIds],
          ),
        ).map(factFromRow);
        const ids = [...new Set([...data.feedbackEventIds, ...erased.map((f) => f.feedbackEventId)])];
        await m.query('DELETE FROM case_root_causes WHERE tenant_id = $1 AND feedback_event_id = ANY($2::uuid[])', [data.tenantId, ids]);
        // The customer's cases were opened on their feedback; routing deletes them, so the read model forgets them too.
        await m.query('DELETE FROM case_summaries WHERE tenant_id = $1 AND first_feedback_event_id = ANY($2::uuid[])', [data.tenantId, ids]);
        // What the customer wrote, kept for theme discovery: erased with the facts it belongs to.
        await m.query('DELETE FROM complaint_texts WHERE tenant_id = $1 AND feedback_event_id = ANY($2::uuid[])', [data.tenantId, ids]);
        const rollups = await this.writer.rederive(m, data.tenantId, erased);
        this.log.info({ erasureId: data.erasureId, tenantId: data.tenantId, facts: erased.length, rollupRows: rollups }, 'customer erased');
      }
    });
  }
}
