import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Alert, ALERT_TYPE, alertTopic, CASE_EVENT_TYPE, CaseEvent, newCloudEvent, toKafkaRecord, Topics } from '@loops/contracts';
import { EventProducer, TopicRecords } from '@loops/kafka';
import { PipelineMetrics } from '@loops/observability';
import { bulkInsert, rowsOf } from '@loops/store';

/** Stores alerts and case events (inside the caller's transaction); published afterwards, outbox-style. */
export async function insertAlerts(m: EntityManager, alerts: Alert[]): Promise<void> {
  await bulkInsert(m, {
    table: 'alerts',
    columns: ['alert_id', 'tenant_id', 'case_id', 'receiver', 'feedback_event_id', 'rule_path', 'severity', 'alert', 'created_at'],
    rows: alerts.map((a) => [a.alertId, a.tenantId, a.caseId, a.receiver, a.feedbackEventId, a.rulePath, a.severity, JSON.stringify(a), a.createdAt]),
    // alerts is partitioned by created_at; an alert is built once, in the transaction that records its decision.
    onConflict: 'ON CONFLICT (alert_id, created_at) DO NOTHING',
  });
}

export async function insertCaseEvents(m: EntityManager, events: CaseEvent[]): Promise<void> {
  await bulkInsert(m, {
    table: 'case_events',
    columns: ['event_id', 'case_id', 'tenant_id', 'kind', 'event', 'at'],
    rows: events.map((e) => [e.eventId, e.caseId, e.tenantId, e.kind, JSON.stringify(e), e.at]),
    onConflict: 'ON CONFLICT (event_id) DO NOTHING',
  });
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
    const alerts = rowsOf<{ alert: Alert }>(
      await this.dataSource.query(
        'SELECT alert FROM alerts WHERE alert_id = ANY($1::uuid[]) AND published_at IS NULL ORDER BY created_at',
        [scope.alertIds],
      ),
    ).map((r) => r.alert);
    const caseIds = [...new Set([...scope.caseIds, ...alerts.map((a) => a.caseId)])];
    const events = rowsOf<{ event: CaseEvent }>(
      await this.dataSource.query('SELECT event FROM case_events WHERE case_id = ANY($1::uuid[]) AND published_at IS NULL ORDER BY at', [caseIds]),
    ).map((r) => r.event);
    await this.publish(alerts, events);
  }

  /** Publishes rows this process has just committed (the common case: no read-back), then marks them. */
  async publishWritten(alerts: Alert[], events: CaseEvent[]): Promise<void> {
    await this.publish(alerts, events);
  }

  /** Everything left unpublished for longer than `olderThanMs` (a crashed publish), oldest first. */
  async relay(olderThanMs: number, limit = 1000): Promise<number> {
    const alerts = rowsOf<{ alert: Alert }>(
      await this.dataSource.query(
        `SELECT alert FROM alerts WHERE published_at IS NULL AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`,
        [olderThanMs / 1000, limit],
      ),
    ).map((r) => r.alert);
    const events = rowsOf<{ event: CaseEvent }>(
      await this.dataSource.query(
        `SELECT event FROM case_events WHERE published_at IS NULL AND at < now() - make_interval(secs => $1) ORDER BY at LIMIT $2`,
        [olderThanMs / 1000, limit],
      ),
    ).map((r) => r.event);
    await this.publish(alerts, events);
    return alerts.length + events.length;
  }

  private async publish(alerts: Alert[], events: CaseEvent[]): Promise<void> {
    if (alerts.length === 0 && events.length === 0) return;
    const byTopic = new Map<string, TopicRecords>();
    const add = (topic: string, record: TopicRecords['records'][number]) => {
      const entry = byTopic.get(topic) ?? { topic, records: [] };
      entry.records.push(record);
      byTopic.set(topic, entry);
    };
    for (const a of alerts) {
      add(alertTopic(a.receiver), toKafkaRecord(newCloudEvent({ type: ALERT_TYPE, source: 'loops/routing', id: a.alertId, subject: a.caseId, time: a.createdAt, data: a }), a.caseId));
    }
    for (const e of events) {
      add(Topics.cases, toKafkaRecord(newCloudEvent({ type: CASE_EVENT_TYPE, source: 'loops/routing', id: e.eventId, subject: e.caseId, time: e.at, data: e }), e.caseId));
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
