import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Alert, ALERT_TYPE, alertTopic, CASE_EVENT_TYPE, CaseEvent, newCloudEvent, toKafkaRecord, Topics } from '@loops/contracts';
import { activeTraceCarrier, EventProducer, TopicRecords, TraceCarrier, withTraceHeaders } from '@loops/kafka';
import { PipelineMetrics } from '@loops/observability';
import { bulkInsert, rowsOf } from '@loops/store';

/**
 * The trace a stored alert or case event continues: its feedback item's (`byFeedback`, from the consumed
 * message), else the active one (a case API request, an escalation pass). Kept with the row so a publish
 * by the relay continues the same trace.
 */
export type TraceLookup = (feedbackEventId: string | undefined) => TraceCarrier | undefined;

function traceColumn(trace: TraceCarrier | undefined): string | null {
  return trace?.traceparent ? JSON.stringify(trace) : null;
}

function lookupOr(byFeedback: TraceLookup | undefined): TraceLookup {
  const active = activeTraceCarrier();
  return (id) => byFeedback?.(id) ?? active;
}

/** Stores alerts and case events (inside the caller's transaction); published afterwards, outbox-style. */
export async function insertAlerts(m: EntityManager, alerts: Alert[], byFeedback?: TraceLookup): Promise<void> {
  const traceOf = lookupOr(byFeedback);
  await bulkInsert(m, {
    table: 'alerts',
    columns: ['alert_id', 'tenant_id', 'case_id', 'receiver', 'feedback_event_id', 'rule_path', 'severity', 'alert', 'created_at', 'trace_context'],
    rows: alerts.map((a) => [a.alertId, a.tenantId, a.caseId, a.receiver, a.feedbackEventId, a.rulePath, a.severity, JSON.stringify(a), a.createdAt,
      traceColumn(traceOf(a.feedbackEventId))]),
    onConflict: 'ON CONFLICT (alert_id) DO NOTHING',
  });
}

export async function insertCaseEvents(m: EntityManager, events: CaseEvent[], byFeedback?: TraceLookup): Promise<void> {
  const traceOf = lookupOr(byFeedback);
  await bulkInsert(m, {
    table: 'case_events',
    columns: ['event_id', 'case_id', 'tenant_id', 'kind', 'event', 'at', 'trace_context'],
    rows: events.map((e) => [e.eventId, e.caseId, e.tenantId, e.kind, JSON.stringify(e), e.at, traceColumn(traceOf(e.feedbackEventId))]),
    onConflict: 'ON CONFLICT (event_id) DO NOTHING',
  });
}

/** A stored row to publish, with the trace it continues. */
interface Traced<T> {
  value: T;
  trace: TraceCarrier | null | undefined;
}

/**
 * Publishes stored alerts and case events that are not yet marked published, then marks them. Rows are
 * written before they are published, so a crash in between only delays them: the relay (or the next
 * redelivery) publishes what is left. Alerts and case events are keyed by case id.
 */
@Injectable()
export class OutboxPublisher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: EventProducer,
    private readonly metrics: PipelineMetrics,
  ) {}

  async publishFor(scope: { alertIds: string[]; caseIds: string[] }): Promise<void> {
    const alerts = rowsOf<{ alert: Alert; trace_context: TraceCarrier | null }>(
      await this.dataSource.query(
        'SELECT alert, trace_context FROM alerts WHERE alert_id = ANY($1::uuid[]) AND published_at IS NULL ORDER BY created_at',
        [scope.alertIds],
      ),
    ).map((r) => ({ value: r.alert, trace: r.trace_context }));
    const caseIds = [...new Set([...scope.caseIds, ...alerts.map((a) => a.value.caseId)])];
    const events = rowsOf<{ event: CaseEvent; trace_context: TraceCarrier | null }>(
      await this.dataSource.query(
        'SELECT event, trace_context FROM case_events WHERE case_id = ANY($1::uuid[]) AND published_at IS NULL ORDER BY at',
        [caseIds],
      ),
    ).map((r) => ({ value: r.event, trace: r.trace_context }));
    await this.publish(alerts, events);
  }

  /**
   * Publishes rows this process has just committed (the common case: no read-back), then marks them;
   * `byFeedback` gives each row the trace it was stored with.
   */
  async publishWritten(alerts: Alert[], events: CaseEvent[], byFeedback?: TraceLookup): Promise<void> {
    await this.publish(
      alerts.map((a) => ({ value: a, trace: byFeedback?.(a.feedbackEventId) })),
      events.map((e) => ({ value: e, trace: byFeedback?.(e.feedbackEventId) })),
    );
  }

  /** Everything left unpublished for longer than `olderThanMs` (a crashed publish), oldest first. */
  async relay(olderThanMs: number, limit = 1000): Promise<number> {
    const alerts = rowsOf<{ alert: Alert; trace_context: TraceCarrier | null }>(
      await this.dataSource.query(
        `SELECT alert, trace_context FROM alerts
          WHERE published_at IS NULL AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`,
        [olderThanMs / 1000, limit],
      ),
    ).map((r) => ({ value: r.alert, trace: r.trace_context }));
    const events = rowsOf<{ event: CaseEvent; trace_context: TraceCarrier | null }>(
      await this.dataSource.query(
        `SELECT event, trace_context FROM case_events
          WHERE published_at IS NULL AND at < now() - make_interval(secs => $1) ORDER BY at LIMIT $2`,
        [olderThanMs / 1000, limit],
      ),
    ).map((r) => ({ value: r.event, trace: r.trace_context }));
    await this.publish(alerts, events);
    return alerts.length + events.length;
  }

  private async publish(tracedAlerts: Traced<Alert>[], tracedEvents: Traced<CaseEvent>[]): Promise<void> {
    if (tracedAlerts.length === 0 && tracedEvents.length === 0) return;
    const alerts = tracedAlerts.map((a) => a.value);
    const events = tracedEvents.map((e) => e.value);
    const byTopic = new Map<string, TopicRecords>();
    const add = (topic: string, record: TopicRecords['records'][number]) => {
      const entry = byTopic.get(topic) ?? { topic, records: [] };
      entry.records.push(record);
      byTopic.set(topic, entry);
    };
    for (const { value: a, trace } of tracedAlerts) {
      const record = toKafkaRecord(newCloudEvent({ type: ALERT_TYPE, source: 'loops/routing', id: a.alertId, subject: a.caseId, time: a.createdAt, data: a }), a.caseId);
      add(alertTopic(a.receiver), withTraceHeaders(record, trace));
    }
    for (const { value: e, trace } of tracedEvents) {
      const record = toKafkaRecord(newCloudEvent({ type: CASE_EVENT_TYPE, source: 'loops/routing', id: e.eventId, subject: e.caseId, time: e.at, data: e }), e.caseId);
      add(Topics.cases, withTraceHeaders(record, trace));
    }
    await this.producer.publish([...byTopic.values()]);
    // Counted once Kafka has them; a republish after a crash counts again (at-least-once, like the topic).
    for (const a of alerts) this.metrics.alertsPublished.inc({ receiver: a.receiver });
    if (alerts.length) {
      await this.dataSource.query('UPDATE alerts SET published_at = now() WHERE alert_id = ANY($1::uuid[])', [alerts.map((a) => a.alertId)]);
    }
    if (events.length) {
      await this.dataSource.query('UPDATE case_events SET published_at = now() WHERE event_id = ANY($1::uuid[])', [events.map((e) => e.eventId)]);
    }
  }
}
