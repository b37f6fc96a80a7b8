import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Alert, ALERT_TYPE, alertTopic, CASE_EVENT_TYPE, CaseEvent, newCloudEvent, toKafkaRecord, Topics } from '@loops/contracts';
import { TopicRecords } from '@loops/kafka';
import { PipelineMetrics } from '@loops/observability';
import { Outbox, Outboxes, PLATFORM_ENV } from '@loops/platform';
import { insertRows } from '@loops/store';
import { RoutingEnv } from '../routing.env';
import { ALERTS, CASE_EVENTS } from '../store/routing.tables';

/** Stores alerts and case events (inside the caller's transaction); published afterwards, outbox-style. */
export async function insertAlerts(m: EntityManager, alerts: Alert[]): Promise<void> {
  await insertRows(
    m,
    ALERTS,
    alerts.map((a) => ({
      alert_id: a.alertId,
      tenant_id: a.tenantId,
      case_id: a.caseId,
      receiver: a.receiver,
      feedback_event_id: a.feedbackEventId,
      rule_path: a.rulePath,
      severity: a.severity,
      alert: a,
      created_at: a.createdAt,
    })),
  );
}

export async function insertCaseEvents(m: EntityManager, events: CaseEvent[]): Promise<void> {
  await insertRows(
    m,
    CASE_EVENTS,
    events.map((e) => ({ event_id: e.eventId, case_id: e.caseId, tenant_id: e.tenantId, kind: e.kind, event: e, at: e.at })),
  );
}

function alertRecords(alerts: Alert[]): TopicRecords[] {
  const byTopic = new Map<string, TopicRecords>();
  for (const a of alerts) {
    const topic = alertTopic(a.receiver);
    const entry = byTopic.get(topic) ?? { topic, records: [] };
    entry.records.push(toKafkaRecord(newCloudEvent({ type: ALERT_TYPE, source: 'loops/routing', id: a.alertId, subject: a.caseId, time: a.createdAt, data: a }), a.caseId));
    byTopic.set(topic, entry);
  }
  return [...byTopic.values()];
}

function caseEventRecords(events: CaseEvent[]): TopicRecords[] {
  return [
    {
      topic: Topics.cases,
      records: events.map((e) =>
        toKafkaRecord(newCloudEvent({ type: CASE_EVENT_TYPE, source: 'loops/routing', id: e.eventId, subject: e.caseId, time: e.at, data: e }), e.caseId),
      ),
    },
  ];
}

/**
 * Routing's two outboxes: `alerts` (per-receiver topics) and `case_events` (cases.v1), both keyed by case
 * id. Rows are written before they are published, so a crash in between only delays them: the relay (or
 * the next redelivery) publishes what is left. OUTBOX_RELAY_MS <= 0 switches the relay off.
 */
@Injectable()
export class OutboxPublisher {
  private readonly alerts: Outbox<Alert, { alert: Alert }>;
  private readonly caseEvents: Outbox<CaseEvent, { event: CaseEvent }>;

  constructor(outboxes: Outboxes, metrics: PipelineMetrics, @Inject(PLATFORM_ENV) env: RoutingEnv) {
    // Only rows older than a few seconds: fresh ones are being published inline.
    const relay = { relayEveryMs: env.OUTBOX_RELAY_MS, relayAfterMs: Math.max(env.OUTBOX_RELAY_MS, 5000) };
    this.alerts = outboxes.create<Alert, { alert: Alert }>(
      {
        name: 'alerts',
        table: 'alerts',
        id: { column: 'alert_id', type: 'uuid' },
        since: 'created_at',
        select: 'alert',
        fromRow: (r) => r.alert,
        idOf: (a) => a.alertId,
        toRecords: alertRecords,
        // Counted once Kafka has them; a republish after a crash counts again (at-least-once, like the topic).
        afterSent: (alerts) => alerts.forEach((a) => metrics.alertsPublished.inc({ receiver: a.receiver })),
      },
      relay,
    );
    this.caseEvents = outboxes.create<CaseEvent, { event: CaseEvent }>(
      {
        name: 'case_events',
        table: 'case_events',
        id: { column: 'event_id', type: 'uuid' },
        since: 'at',
        select: 'event',
        fromRow: (r) => r.event,
        idOf: (e) => e.eventId,
        toRecords: caseEventRecords,
      },
      relay,
    );
  }

  /** Publishes whatever of these alerts and cases is still unpublished (after a redelivery), reading the store. */
  async publishFor(scope: { alertIds: string[]; caseIds: string[] }): Promise<void> {
    const alerts = await this.alerts.publishMatching({ column: 'alert_id', values: scope.alertIds, type: 'uuid' });
    const caseIds = [...new Set([...scope.caseIds, ...alerts.map((a) => a.caseId)])];
    await this.caseEvents.publishMatching({ column: 'case_id', values: caseIds, type: 'uuid' });
  }

  /** Publishes rows this process has just committed (the common case: no read-back) in one request, then marks them. */
  async publishWritten(alerts: Alert[], events: CaseEvent[]): Promise<void> {
    await Outbox.publishTogether([this.alerts.with(alerts), this.caseEvents.with(events)]);
  }
}
