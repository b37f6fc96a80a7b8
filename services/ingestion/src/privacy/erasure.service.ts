import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newCloudEvent, PRIVACY_ERASURE_TYPE, PrivacyErasure, toKafkaRecord, Topics } from '@loops/contracts';
import { Logger } from '@loops/observability';
import { Outbox, Outboxes, PLATFORM_ENV, ROOT_LOGGER } from '@loops/platform';
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

interface ErasureRow {
  erasure_id: string;
  tenant_id: string;
  customer_pseudonym: string;
  feedback_event_ids: string[];
  requested_at: Date;
}

/**
 * Erases one customer of a tenant. Ingestion owns the raw id, so it deletes its own feedback rows and,
 * in the same transaction, records the request in `privacy_erasures` (its outbox); the request is then
 * published on `privacy.erasure.v1` with the pseudonym and the feedback event ids, and each service
 * deletes its own rows. Once published, the ledger row forgets the pseudonym. An unpublished request
 * (broker down) is published by the outbox's relay every few seconds.
 */
@Injectable()
export class ErasureService implements OnApplicationBootstrap {
  private readonly log: Logger;
  private readonly outbox: Outbox<PrivacyErasure, ErasureRow>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly pseudonyms: CustomerPseudonymizer,
    @Inject(PLATFORM_ENV) private readonly env: IngestionEnv,
    @Inject(ROOT_LOGGER) logger: Logger,
    outboxes: Outboxes,
  ) {
    this.log = logger.child({ component: 'privacy-erasure' });
    this.outbox = outboxes.create<PrivacyErasure, ErasureRow>(
      {
        name: 'privacy_erasures',
        table: 'privacy_erasures',
        id: { column: 'erasure_id', type: 'uuid' },
        since: 'requested_at',
        select: 'erasure_id, tenant_id, customer_pseudonym, feedback_event_ids, requested_at',
        fromRow: (r) => ({
          erasureId: r.erasure_id,
          tenantId: r.tenant_id,
          customerPseudonym: r.customer_pseudonym,
          feedbackEventIds: r.feedback_event_ids,
          requestedAt: r.requested_at.toISOString(),
        }),
        idOf: (e) => e.erasureId,
        toRecords: (erasures) => [
          {
            topic: Topics.privacyErasure,
            records: erasures.map((data) =>
              toKafkaRecord(
                newCloudEvent({ type: PRIVACY_ERASURE_TYPE, source: 'loops/ingestion', id: data.erasureId, time: data.requestedAt, data }),
                `${data.tenantId}:${data.customerPseudonym}`,
              ),
            ),
          },
        ],
        // Once every service has been told, the ledger keeps no link to the customer.
        onSent: 'customer_pseudonym = NULL',
      },
      { relayEveryMs: 5000, relayAfterMs: 0, batchSize: 100 },
    );
  }

  onApplicationBootstrap(): void {
    if (usesDevelopmentKey(this.env)) {
      this.log.warn('LOOPS_PSEUDONYM_KEY is not set: customer pseudonyms use the documented development key (never in production)');
    }
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

  /** Publishes every recorded, unpublished erasure (serialised with the relay), then forgets their pseudonyms. */
  publishPending(): Promise<number> {
    return this.outbox.publishPending();
  }
}
