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
import { activeTraceCarrier, BufferedPublisher, TraceCarrier, withTraceHeaders } from '@loops/kafka';
import { Outbox, Outboxes, PLATFORM_ENV } from '@loops/platform';
import { insertRows, rowsOf } from '@loops/store';
import { IngestionEnv } from '../ingestion.env';
import { FEEDBACK, FeedbackRow } from './feedback.table';
import { CustomerPseudonymizer } from '../privacy/customer-pseudonymizer';
import { protectEvent } from '../privacy/protect-event';
import { PiiRedactor } from '../redaction/pii-redactor';

/** What the outbox publishes: the stored event and the trace it continues. */
interface StagedFeedback {
  event: FeedbackReceived;
  trace: TraceCarrier | null;
}

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
 * The transactional outbox of ingestion: the `feedback` table is the outbox. (tenant, integration,
 * external id) is unique in the store, so a repeat (sequential, concurrent, or after a restart) finds the
 * original row and is never published again. New rows are published in one batch and then marked; rows
 * whose publish did not complete are sent by the outbox's relay.
 */
@Injectable()
export class FeedbackOutbox {
  private readonly outbox: Outbox<StagedFeedback, { event: FeedbackReceived; trace_context: TraceCarrier | null }>;

  constructor(
    private readonly dataSource: DataSource,
    publisher: BufferedPublisher,
    private readonly redactor: PiiRedactor,
    private readonly pseudonyms: CustomerPseudonymizer,
    @Inject(PLATFORM_ENV) env: IngestionEnv,
    outboxes: Outboxes,
  ) {
    this.outbox = outboxes.create(
      {
        name: 'feedback',
        table: 'feedback',
        id: { column: 'event_id', type: 'uuid' },
        since: 'received_at',
        select: 'event, trace_context',
        fromRow: (r) => ({ event: r.event, trace: r.trace_context }),
        idOf: (s) => s.event.eventId,
        toRecords: (staged) => [{ topic: Topics.feedbackReceived, records: staged.map((s) => withTraceHeaders(toReceivedRecord(s.event), s.trace)) }],
      },
      {
        relayEveryMs: Math.min(5000, env.OUTBOX_RELAY_AFTER_MS),
        relayAfterMs: env.OUTBOX_RELAY_AFTER_MS,
        // Concurrent HTTP requests share one sendBatch (see BufferedPublisher).
        sendInline: async (batches) => void (await Promise.all(batches.map((b) => publisher.publish(b.topic, b.records)))),
      },
    );
  }

  /** One relay pass (rows older than the relay's delay unless given); returns how many went. */
  relayOnce(olderThanMs?: number): Promise<number> {
    return this.outbox.relayOnce(olderThanMs);
  }

  /**
   * `traces[i]` is the trace of `events[i]` (Kafka intake: each message's own); without one an item joins
   * the active trace (the HTTP request's). It is stored with the row so the relay's publish continues it.
   */
  async accept(events: FeedbackReceived[], traces: (TraceCarrier | undefined)[] = []): Promise<AcceptOutcome[]> {
    if (events.length === 0) return [];
    const requestTrace = activeTraceCarrier();
    const traceOf = new Map(events.map((e, i) => [e.eventId, traces[i] ?? requestTrace]));
    // Within one request the first occurrence of an identity wins, like it would across requests.
    const identity = (e: FeedbackReceived) => `${e.tenantId}\u0000${e.integrationId}\u0000${e.externalId}`;
    const firstByIdentity = new Map<string, FeedbackReceived>();
    for (const e of events) if (!firstByIdentity.has(identity(e))) firstByIdentity.set(identity(e), e);
    const unique = [...firstByIdentity.values()];
    // What leaves ingestion (the stored event, the topic) carries the pseudonym and redacted strings;
    // the raw customer id stays only in the row's customer_id column, for the tenant and for erasure.
    const published = new Map(unique.map((e) => [e.eventId, protectEvent(e, this.redactor, this.pseudonyms)]));

    const inserted = await insertRows<FeedbackRow, { event_id: string }>(
      this.dataSource.manager,
      FEEDBACK,
      unique.map((e) => ({
        event_id: e.eventId,
        tenant_id: e.tenantId,
        integration_id: e.integrationId,
        external_id: e.externalId,
        channel: e.channel,
        customer_id: e.customer?.id ?? null,
        occurred_at: e.occurredAt,
        received_at: e.receivedAt,
        text: e.text,
        event: published.get(e.eventId)!,
        trace_context: traceOf.get(e.eventId) ?? null,
      })),
      { returning: ['event_id'] },
    );
    const fresh = new Set(inserted.map((r) => r.event_id));
    const originals = await this.originalIds(unique.filter((e) => !fresh.has(e.eventId)));

    const toPublish = unique.filter((e) => fresh.has(e.eventId)).map((e) => published.get(e.eventId)!);
    // The rows are durable, so the items are accepted even if this fails: the relay publishes them once Kafka is back.
    await this.outbox.publishOrLeave(toPublish.map((event) => ({ event, trace: traceOf.get(event.eventId) ?? null })));

    return events.map((e) => {
      const first = firstByIdentity.get(identity(e))!;
      if (first === e && fresh.has(e.eventId)) return { status: 'accepted', eventId: e.eventId };
      const original = fresh.has(first.eventId) ? first.eventId : originals.get(identity(first));
      return { status: 'duplicate', eventId: original ?? first.eventId };
    });
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
