import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newCloudEvent, PRIVACY_ERASURE_TYPE, PrivacyErasure, toKafkaRecord, Topics } from '@loops/contracts';
import { EventProducer } from '@loops/kafka';
import { Logger } from '@loops/observability';
import { PLATFORM_ENV, ROOT_LOGGER } from '@loops/platform';
import { rowsOf } from '@loops/store';
import { IngestionEnv } from '../ingestion.env';
import { CustomerPseudonymizer } from './customer-pseudonymizer';
import { usesDevelopmentKey } from './pseudonym-key';

export interface ErasureReceipt {
  erasureId: string;
  status: 'accepted';
  /** Feedback rows ingestion deleted; the other services erase on `privacy.erasure.v1`. */
  feedbackDeleted: number;
  published: boolean;
}

/**
 * Erases one customer of a tenant. Ingestion owns the raw id, so it deletes its own feedback rows and,
 * in the same transaction, records the request in `privacy_erasures` (its outbox); the request is then
 * published on `privacy.erasure.v1` with the pseudonym and the feedback event ids, and each service
 * deletes its own rows. Once published, the ledger row forgets the pseudonym. An unpublished request
 * (broker down) is published by the next erasure or the next start of ingestion.
 */
@Injectable()
export class ErasureService implements OnApplicationBootstrap {
  private readonly log: Logger;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: EventProducer,
    private readonly pseudonyms: CustomerPseudonymizer,
    @Inject(PLATFORM_ENV) private readonly env: IngestionEnv,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'privacy-erasure' });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (usesDevelopmentKey(this.env)) {
      this.log.warn('LOOPS_PSEUDONYM_KEY is not set: customer pseudonyms use the documented development key (never in production)');
    }
    await this.publishPending().catch((err: unknown) => this.log.warn({ err }, 'pending erasures not published yet; will retry'));
  }

  async erase(tenantId: string, customerId: string): Promise<ErasureReceipt> {
    const erasureId = randomUUID();
    const pseudonym = this.pseudonyms.pseudonym(tenantId, customerId);
    const deleted = await this.dataSource.transaction(async (m) => {
      const rows = rowsOf<{ event_id: string }>(
        await m.query(
          `DELETE FROM feedback WHERE tenant_id = $1 AND (customer_id = $2 OR event -> 'customer' ->> 'id' = $3) RETURNING event_id`,
          [tenantId, customerId, pseudonym],
        ),
      );
      await m.query(
        `INSERT INTO privacy_erasures (erasure_id, tenant_id, customer_pseudonym, feedback_event_ids, feedback_deleted, requested_at)
         VALUES ($1, $2, $3, $4::uuid[], $5, now())`,
        [erasureId, tenantId, pseudonym, rows.map((r) => r.event_id), rows.length],
      );
      return rows.length;
    });
    this.log.info({ erasureId, tenantId, feedbackDeleted: deleted }, 'customer erasure requested');
    let published = true;
    try {
      await this.publishPending();
    } catch (err) {
      published = false;
      this.log.warn({ err, erasureId }, 'erasure recorded; publish failed and will be retried');
    }
    return { erasureId, status: 'accepted', feedbackDeleted: deleted, published };
  }

  /** Publishes every recorded, unpublished erasure, then forgets their pseudonyms. */
  async publishPending(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows = rowsOf<{ erasure_id: string; tenant_id: string; customer_pseudonym: string; feedback_event_ids: string[]; requested_at: Date }>(
        await m.query(
          `SELECT erasure_id, tenant_id, customer_pseudonym, feedback_event_ids, requested_at FROM privacy_erasures
            WHERE published_at IS NULL ORDER BY requested_at LIMIT 100 FOR UPDATE SKIP LOCKED`,
        ),
      );
      if (rows.length === 0) return 0;
      const records = rows.map((r) => {
        const data: PrivacyErasure = {
          erasureId: r.erasure_id,
          tenantId: r.tenant_id,
          customerPseudonym: r.customer_pseudonym,
          feedbackEventIds: r.feedback_event_ids,
          requestedAt: r.requested_at.toISOString(),
        };
        return toKafkaRecord(
          newCloudEvent({ type: PRIVACY_ERASURE_TYPE, source: 'loops/ingestion', id: r.erasure_id, time: data.requestedAt, data }),
          `${r.tenant_id}:${r.customer_pseudonym}`,
        );
      });
      await this.producer.publish([{ topic: Topics.privacyErasure, records }]);
      await m.query(`UPDATE privacy_erasures SET published_at = now(), customer_pseudonym = NULL WHERE erasure_id = ANY($1::uuid[])`, [
        rows.map((r) => r.erasure_id),
      ]);
      return rows.length;
    });
  }
}
