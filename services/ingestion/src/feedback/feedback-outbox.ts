import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  customerKey,
  FEEDBACK_RECEIVED_TYPE,
  FeedbackReceived,
  KafkaRecord,
  newCloudEvent,
  toKafkaRecord,
  Topics,
} from '@loops/contracts';
import { BufferedPublisher } from '@loops/kafka';
import { Logger } from '@loops/observability';
import { ROOT_LOGGER } from '@loops/platform';
import { bulkInsert, rowsOf } from '@loops/store';
import { CustomerPseudonymizer } from '../privacy/customer-pseudonymizer';
import { protectEvent } from '../privacy/protect-event';
import { PiiRedactor } from '../redaction/pii-redactor';

export type AcceptOutcome = { status: 'accepted'; eventId: string } | { status: 'duplicate'; eventId: string };

export function toReceivedRecord(event: FeedbackReceived, correlationId?: string): KafkaRecord {
  return toKafkaRecord(
    newCloudEvent({
      type: FEEDBACK_RECEIVED_TYPE,
      source: `loops/ingestion/${event.integrationId}`,
      id: event.eventId,
      subject: event.externalId,
      time: event.receivedAt,
      correlationid: correlationId ?? event.eventId,
      data: event,
    }),
    customerKey(event.tenantId, event.customer?.id, event.externalId),
  );
}

/**
 * The transactional outbox of ingestion. (tenant, integration, external id) is unique in the store, so
 * a repeat — sequential, concurrent, or after a restart — finds the original row and is never
 * published again. New rows are published in one batch and then marked; rows whose publish did not
 * complete are picked up by the relay.
 */
@Injectable()
export class FeedbackOutbox {
  private readonly log: Logger;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: BufferedPublisher,
    private readonly redactor: PiiRedactor,
    private readonly pseudonyms: CustomerPseudonymizer,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'feedback-outbox' });
  }

  async accept(events: FeedbackReceived[]): Promise<AcceptOutcome[]> {
    if (events.length === 0) return [];
    // Within one request the first occurrence of an identity wins, like it would across requests.
    const identity = (e: FeedbackReceived) => `${e.tenantId}\u0000${e.integrationId}\u0000${e.externalId}`;
    const firstByIdentity = new Map<string, FeedbackReceived>();
    for (const e of events) if (!firstByIdentity.has(identity(e))) firstByIdentity.set(identity(e), e);
    const unique = [...firstByIdentity.values()];
    // What leaves ingestion (the stored event, the topic) carries the pseudonym and redacted strings;
    // the raw customer id stays only in the row's customer_id column, for the tenant and for erasure.
    const published = new Map(unique.map((e) => [e.eventId, protectEvent(e, this.redactor, this.pseudonyms)]));

    const inserted = await bulkInsert<{ event_id: string }>(this.dataSource.manager, {
      table: 'feedback',
      columns: [
        'event_id',
        'tenant_id',
        'integration_id',
        'external_id',
        'channel',
        'customer_id',
        'occurred_at',
        'received_at',
        'text',
        'event',
      ],
      rows: unique.map((e) => [
        e.eventId,
        e.tenantId,
        e.integrationId,
        e.externalId,
        e.channel,
        e.customer?.id ?? null,
        e.occurredAt,
        e.receivedAt,
        e.text,
        JSON.stringify(published.get(e.eventId)),
      ]),
      // feedback is partitioned by occurred_at, so the unique key carries it; a retry with another time is
      // stopped by the feedback_identities trigger (migration 1732720000000), which skips the row the same way.
      onConflict: 'ON CONFLICT (tenant_id, integration_id, external_id, occurred_at) DO NOTHING',
      returning: 'RETURNING event_id',
    });
    const fresh = new Set(inserted.map((r) => r.event_id));
    const originals = await this.originalIds(unique.filter((e) => !fresh.has(e.eventId)));

    const toPublish = unique.filter((e) => fresh.has(e.eventId)).map((e) => published.get(e.eventId)!);
    if (toPublish.length > 0) {
      try {
        await this.publisher.publish(Topics.feedbackReceived, toPublish.map((e) => toReceivedRecord(e)));
        await this.markPublished(toPublish.map((e) => e.eventId));
      } catch (error) {
        // The rows are durable, so the items are accepted: the relay publishes them once Kafka is back.
        this.log.warn({ err: error, count: toPublish.length }, 'publish failed; left to the outbox relay');
      }
    }

    return events.map((e) => {
      const first = firstByIdentity.get(identity(e))!;
      if (first === e && fresh.has(e.eventId)) return { status: 'accepted', eventId: e.eventId };
      const original = fresh.has(first.eventId) ? first.eventId : originals.get(identity(first));
      return { status: 'duplicate', eventId: original ?? first.eventId };
    });
  }

  async markPublished(eventIds: string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await this.dataSource.query('UPDATE feedback SET published_at = now() WHERE event_id = ANY($1::uuid[])', [eventIds]);
  }

  private async originalIds(events: FeedbackReceived[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (events.length === 0) return out;
    const rows = rowsOf<{ tenant_id: string; integration_id: string; external_id: string; event_id: string }>(
      await this.dataSource.query(
        `SELECT f.tenant_id, f.integration_id, f.external_id, f.event_id
           FROM feedback f
           JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(tenant_id, integration_id, external_id)
             ON f.tenant_id = k.tenant_id AND f.integration_id = k.integration_id AND f.external_id = k.external_id`,
        [events.map((e) => e.tenantId), events.map((e) => e.integrationId), events.map((e) => e.externalId)],
      ),
    );
    for (const r of rows) out.set(`${r.tenant_id}\u0000${r.integration_id}\u0000${r.external_id}`, r.event_id);
    return out;
  }
}
