import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Alert, ALERT_TYPE, alertTopic, CASE_EVENT_TYPE, CaseEvent, newCloudEvent, toKafkaRecord, Topics } from '@loops/contracts';
import { activeTraceCarrier, TopicRecords, TraceCarrier, withTraceHeaders } from '@loops/kafka';
import { PipelineMetrics } from '@loops/observability';
import { Outbox, Outboxes, PLATFORM_ENV } from '@loops/platform';
import { insertRows } from '@loops/store';
import { RoutingEnv } from '../routing.env';
import { ALERTS, CASE_EVENTS } from '../store/routing.tables';

/**
 * The trace a stored alert or case event continues: its feedback item's (`byFeedback`, from the consumed
 * message), else the active one (a case API request, an escalation pass). Kept with the row so a publish
 * by the relay continues the same trace.
 */
export type TraceLookup = (feedbackEventId: string | undefined) => TraceCarrier | undefined;

/** A stored event with the trace it continues (null when tracing is off or there was none). */
interface Traced<T> {
  value: T;
  trace: TraceCarrier | null;
}

function lookupOr(byFeedback: TraceLookup | undefined): (id: string | undefined) => TraceCarrier | null {
  const active = activeTraceCarrier();
  return (id) => {
    const trace = byFeedback?.(id) ?? active;
    return trace?.traceparent ? trace : null;
  };
}

/** Stores alerts and case events (inside the caller's transaction); published afterwards, outbox-style. */
export async function insertAlerts(m: EntityManager, alerts: Alert[], byFeedback?: TraceLookup): Promise<void> {
  const traceOf = lookupOr(byFeedback);
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
      trace_context: traceOf(a.feedbackEventId),
    })),
  );
}

export async function insertCaseEvents(m: EntityManager, events: CaseEvent[], byFeedback?: TraceLookup): Promise<void> {
  const traceOf = lookupOr(byFeedback);
  await insertRows(
    m,
    CASE_EVENTS,
    events.map((e) => ({ event_id: e.eventId, case_id: e.caseId, tenant_id: e.tenantId, kind: e.kind, event: e, at: e.at, trace_context: traceOf(e.feedbackEventId) })),
  );
}

function alertRecords(alerts: Traced<Alert>[]): TopicRecords[] {
  const byTopic = new Map<string, TopicRecords>();
  for (const { value: a, trace } of alerts) {
    const topic = alertTopic(a.receiver);
    const entry = byTopic.get(topic) ?? { topic, records: [] };
    const record = toKafkaRecord(newCloudEvent({ type: ALERT_TYPE, source: 'loops/routing', id: a.alertId, subject: a.caseId, time: a.createdAt, data: a }), a.caseId);
    entry.records.push(withTraceHeaders(record, trace));
    byTopic.set(topic, entry);
  }
  return [...byTopic.values()];
}

function caseEventRecords(events: Traced<CaseEvent>[]): TopicRecords[] {
  return [
    {
      topic: Topics.cases,
      records: events.map(({ value: e, trace }) =>
        withTraceHeaders(
          toKafkaRecord(newCloudEvent({ type: CASE_EVENT_TYPE, source: 'loops/routing', id: e.eventId, subject: e.caseId, time: e.at, data: e }), e.caseId),
          trace,
        ),
      ),
    },
  ];
}

/**
 * Routing's two outboxes: `alerts` (per-receiver topics) and `case_events` (cases.v1), both keyed by case
 * id. Rows are written before they are published, so a crash in between only delays them: the relay (or
 * the next redelivery) publishes what is left, continuing the trace stored with each row.
 * OUTBOX_RELAY_MS <= 0 switches the relay off.
 */
@Injectable()
export class OutboxPublisher {
  private readonly alerts: Outbox<Traced<Alert>, { alert: Alert; trace_context: TraceCarrier | null }>;
  private readonly caseEvents: Outbox<Traced<CaseEvent>, { event: CaseEvent; trace_context: TraceCarrier | null }>;

  constructor(outboxes: Outboxes, metrics: PipelineMetrics, @Inject(PLATFORM_ENV) env: RoutingEnv) {
    // Only rows older than a few seconds: fresh ones are being published inline.
    const relay = { relayEveryMs: env.OUTBOX_RELAY_MS, relayAfterMs: Math.max(env.OUTBOX_RELAY_MS, 5000) };
    this.alerts = outboxes.create(
      {
        name: 'alerts',
        table: 'alerts',
        id: { column: 'alert_id', type: 'uuid' },
        since: 'created_at',
        select: 'alert, trace_context',
        fromRow: (r) => ({ value: r.alert, trace: r.trace_context }),
        idOf: (a) => a.value.alertId,
        toRecords: alertRecords,
        // Counted once Kafka has them; a republish after a crash counts again (at-least-once, like the topic).
        afterSent: (alerts) => alerts.forEach((a) => metrics.alertsPublished.inc({ receiver: a.value.receiver })),
      },
      relay,
    );
    this.caseEvents = outboxes.create(
      {
        name: 'case_events',
        table: 'case_events',
        id: { column: 'event_id', type: 'uuid' },
        since: 'at',
        select: 'event, trace_context',
        fromRow: (r) => ({ value: r.event, trace: r.trace_context }),
        idOf: (e) => e.value.eventId,
        toRecords: caseEventRecords,
      },
      relay,
    );
  }

  /** Publishes whatever of these alerts and cases is still unpublished (after a redelivery), reading the store. */
  async publishFor(scope: { alertIds: string[]; caseIds: string[] }): Promise<void> {
    const alerts = await this.alerts.publishMatching({ column: 'alert_id', values: scope.alertIds, type: 'uuid' });
    const caseIds = [...new Set([...scope.caseIds, ...alerts.map((a) => a.value.caseId)])];
    await this.caseEvents.publishMatching({ column: 'case_id', values: caseIds, type: 'uuid' });
  }

  /**
   * Publishes rows this process has just committed (the common case: no read-back) in one request, then
   * marks them; `byFeedback` gives each the trace it was stored with.
   */
  async publishWritten(alerts: Alert[], events: CaseEvent[], byFeedback?: TraceLookup): Promise<void> {
    const traceOf = lookupOr(byFeedback);
    await Outbox.publishTogether([
      this.alerts.with(alerts.map((a) => ({ value: a, trace: traceOf(a.feedbackEventId) }))),
      this.caseEvents.with(events.map((e) => ({ value: e, trace: traceOf(e.feedbackEventId) }))),
    ]);
  }
}
