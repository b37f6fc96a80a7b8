import { Injectable } from '@nestjs/common';
import { EntityManager, DataSource } from 'typeorm';
import {
  Alert,
  ALERT_TYPE,
  alertTopic,
  CASE_EVENT_TYPE,
  CaseEvent,
  CaseEventKind,
  FeedbackAnalyzed,
  newCloudEvent,
  Priority,
  toKafkaRecord,
  Topics,
} from '@loops/contracts';
import { EventProducer, TopicRecords } from '@loops/kafka';
import { bulkInsert, rowsOf } from '@loops/store';
import { RouteMatch, RoutingTree } from '../routing-tree/routing-tree.types';
import { deterministicUuid } from './deterministic-id';
import { highestPriority, priorityFor } from './priority';

export interface RoutedFeedback {
  analyzed: FeedbackAnalyzed;
  matches: RouteMatch[];
}

interface PendingAlert {
  alert: Alert;
  customerKey: string;
  priority: Priority;
  owner: string;
}

interface OpenCase {
  case_id: string;
  tenant_id: string;
  customer_key: string;
}

function customerKeyOf(f: FeedbackAnalyzed): string {
  return f.feedback.customer?.id ? `customer:${f.feedback.customer.id}` : `feedback:${f.feedback.eventId}`;
}

/**
 * Turns routed feedback into cases, alerts and case events in one transaction, then publishes whatever
 * of it is still unpublished. One open case per customer: more unhappy feedback from the same customer
 * joins it instead of opening another.
 */
@Injectable()
export class InnerLoopWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: EventProducer,
  ) {}

  async write(routed: RoutedFeedback[], tree: RoutingTree, now = new Date()): Promise<void> {
    const pending = routed.flatMap(({ analyzed, matches }) =>
      matches.map((m): PendingAlert => {
        const customerKey = customerKeyOf(analyzed);
        return {
          customerKey,
          priority: priorityFor(m.severity, analyzed.feedback.customer?.annualValue, tree.highValueThreshold),
          owner: m.owner,
          alert: {
            alertId: deterministicUuid('alert', analyzed.feedback.eventId, m.receiver, m.rulePath.join('/')),
            caseId: '',
            tenantId: analyzed.feedback.tenantId,
            receiver: m.receiver,
            rulePath: m.rulePath,
            matched: m.matched,
            severity: m.severity,
            feedbackEventId: analyzed.feedback.eventId,
            customerId: analyzed.feedback.customer?.id,
            summary: summarize(analyzed),
            createdAt: now.toISOString(),
          },
        };
      }),
    );
    if (pending.length === 0) return;
    const alertIds = await this.dataSource.transaction((m) => this.persist(m, pending, tree, now));
    await this.publishOutstanding(alertIds);
  }

  private async persist(m: EntityManager, all: PendingAlert[], tree: RoutingTree, now: Date): Promise<string[]> {
    const allIds = all.map((p) => p.alert.alertId);
    // Alerts that already exist were handled by an earlier delivery: only their publishing may be left.
    const existing = new Set(
      rowsOf<{ alert_id: string }>(await m.query('SELECT alert_id FROM alerts WHERE alert_id = ANY($1::uuid[])', [allIds])).map(
        (r) => r.alert_id,
      ),
    );
    const pending = all.filter((p) => !existing.has(p.alert.alertId));
    if (pending.length === 0) return allIds;

    const cases = await this.openCases(m, pending, tree, now);
    for (const p of pending) p.alert.caseId = cases.get(`${p.alert.tenantId}\u0000${p.customerKey}`)!.caseId;

    const attached = await bulkInsert<{ case_id: string; feedback_event_id: string }>(m, {
      table: 'case_feedback',
      columns: ['case_id', 'feedback_event_id'],
      rows: uniqueBy(pending, (p) => `${p.alert.caseId}/${p.alert.feedbackEventId}`).map((p) => [p.alert.caseId, p.alert.feedbackEventId]),
      onConflict: 'ON CONFLICT DO NOTHING',
      returning: 'RETURNING case_id, feedback_event_id',
    });
    await bulkInsert(m, {
      table: 'alerts',
      columns: ['alert_id', 'tenant_id', 'case_id', 'receiver', 'feedback_event_id', 'rule_path', 'severity', 'alert', 'created_at'],
      rows: pending.map(({ alert: a }) => [a.alertId, a.tenantId, a.caseId, a.receiver, a.feedbackEventId, a.rulePath, a.severity, JSON.stringify(a), a.createdAt]),
      onConflict: 'ON CONFLICT (alert_id) DO NOTHING',
    });

    const caseEvents: CaseEvent[] = [];
    for (const c of cases.values()) {
      if (c.opened) caseEvents.push(this.caseEvent(c, 'opened', now, c.firstFeedback));
    }
    for (const a of attached) {
      const c = [...cases.values()].find((x) => x.caseId === a.case_id)!;
      if (!(c.opened && c.firstFeedback === a.feedback_event_id)) {
        caseEvents.push(this.caseEvent(c, 'feedback_attached', now, a.feedback_event_id));
      }
    }
    await bulkInsert(m, {
      table: 'case_events',
      columns: ['event_id', 'case_id', 'tenant_id', 'kind', 'event', 'at'],
      rows: caseEvents.map((e) => [e.eventId, e.caseId, e.tenantId, e.kind, JSON.stringify(e), e.at]),
      onConflict: 'ON CONFLICT (event_id) DO NOTHING',
    });
    return allIds;
  }

  private async openCases(m: EntityManager, pending: PendingAlert[], tree: RoutingTree, now: Date) {
    type CaseInfo = {
      caseId: string;
      tenantId: string;
      priority: Priority;
      ownerTeam: string;
      receiver: string;
      dueAt: Date;
      opened: boolean;
      firstFeedback: string;
    };
    const byCustomer = new Map<string, PendingAlert[]>();
    for (const p of pending) {
      const key = `${p.alert.tenantId}\u0000${p.customerKey}`;
      byCustomer.set(key, [...(byCustomer.get(key) ?? []), p]);
    }
    const keys = [...byCustomer.keys()].map((k) => k.split('\u0000'));
    const found = rowsOf<OpenCase & { priority: Priority; owner_team: string; receiver: string; due_at: Date }>(
      await m.query(
        `SELECT c.case_id, c.tenant_id, c.customer_key, c.priority, c.owner_team, c.receiver, c.due_at
           FROM cases c JOIN unnest($1::text[], $2::text[]) AS k(tenant_id, customer_key)
             ON c.tenant_id = k.tenant_id AND c.customer_key = k.customer_key
          WHERE c.status <> 'resolved'`,
        [keys.map((k) => k[0]), keys.map((k) => k[1])],
      ),
    );
    const result = new Map<string, CaseInfo>();
    for (const row of found) {
      result.set(`${row.tenant_id}\u0000${row.customer_key}`, {
        caseId: row.case_id,
        tenantId: row.tenant_id,
        priority: row.priority,
        ownerTeam: row.owner_team,
        receiver: row.receiver,
        dueAt: row.due_at,
        opened: false,
        firstFeedback: '',
      });
    }
    const toOpen = [...byCustomer].filter(([key]) => !result.has(key));
    for (const [key, alerts] of toOpen) {
      const [tenantId, customerKey] = key.split('\u0000');
      const priority = highestPriority(alerts.map((a) => a.priority));
      const lead = alerts.find((a) => a.priority === priority)!;
      const firstFeedback = alerts[0].alert.feedbackEventId;
      const caseId = deterministicUuid('case', tenantId, customerKey, firstFeedback);
      const dueAt = new Date(now.getTime() + tree.slaMinutes[priority] * 60000);
      result.set(key, { caseId, tenantId, priority, ownerTeam: lead.owner, receiver: lead.alert.receiver, dueAt, opened: true, firstFeedback });
    }
    if (toOpen.length > 0) {
      await bulkInsert(m, {
        table: 'cases',
        columns: ['case_id', 'tenant_id', 'customer_key', 'status', 'priority', 'owner_team', 'receiver', 'opened_at', 'due_at', 'last_alert_at'],
        rows: toOpen.map(([key]) => {
          const c = result.get(key)!;
          const customerKey = key.split('\u0000')[1];
          return [c.caseId, c.tenantId, customerKey, 'open', c.priority, c.ownerTeam, c.receiver, now, c.dueAt, now];
        }),
      });
    }
    return result;
  }

  private caseEvent(
    c: { caseId: string; tenantId: string; priority: Priority; ownerTeam: string; dueAt: Date },
    kind: CaseEventKind,
    now: Date,
    feedbackEventId: string,
  ): CaseEvent {
    return {
      eventId: deterministicUuid('case-event', c.caseId, kind, feedbackEventId),
      caseId: c.caseId,
      tenantId: c.tenantId,
      kind,
      status: 'open',
      priority: c.priority,
      ownerTeam: c.ownerTeam,
      dueAt: c.dueAt.toISOString(),
      escalationLevel: 0,
      feedbackEventId,
      at: now.toISOString(),
    };
  }

  /** Publishes alerts and case events not yet marked published, then marks them. */
  async publishOutstanding(alertIds: string[]): Promise<void> {
    const alerts = rowsOf<{ alert: Alert }>(
      await this.dataSource.query(
        'SELECT alert FROM alerts WHERE alert_id = ANY($1::uuid[]) AND published_at IS NULL ORDER BY created_at',
        [alertIds],
      ),
    ).map((r) => r.alert);
    const caseIds = [...new Set(alerts.map((a) => a.caseId))];
    const caseEvents = rowsOf<{ event: CaseEvent }>(
      await this.dataSource.query(
        'SELECT event FROM case_events WHERE case_id = ANY($1::uuid[]) AND published_at IS NULL ORDER BY at',
        [caseIds],
      ),
    ).map((r) => r.event);
    if (alerts.length === 0 && caseEvents.length === 0) return;
    const byTopic = new Map<string, TopicRecords>();
    for (const a of alerts) {
      const topic = alertTopic(a.receiver);
      const entry = byTopic.get(topic) ?? { topic, records: [] };
      entry.records.push(
        toKafkaRecord(newCloudEvent({ type: ALERT_TYPE, source: 'loops/routing', id: a.alertId, subject: a.caseId, data: a }), a.caseId),
      );
      byTopic.set(topic, entry);
    }
    byTopic.set(Topics.cases, {
      topic: Topics.cases,
      records: caseEvents.map((e) =>
        toKafkaRecord(newCloudEvent({ type: CASE_EVENT_TYPE, source: 'loops/routing', id: e.eventId, subject: e.caseId, data: e }), e.caseId),
      ),
    });
    await this.producer.publish([...byTopic.values()]);
    await this.dataSource.query('UPDATE alerts SET published_at = now() WHERE alert_id = ANY($1::uuid[])', [alerts.map((a) => a.alertId)]);
    await this.dataSource.query('UPDATE case_events SET published_at = now() WHERE event_id = ANY($1::uuid[])', [
      caseEvents.map((e) => e.eventId),
    ]);
  }
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

function summarize(f: FeedbackAnalyzed): string {
  const score = f.feedback.scores.nps !== undefined ? `NPS ${f.feedback.scores.nps}` : f.analysis.sentiment.label;
  const where = f.feedback.touchpoint ? ` at ${f.feedback.touchpoint.journey}` : '';
  const themes = f.analysis.themes.length ? ` about ${f.analysis.themes.map((t) => t.label).join(', ')}` : '';
  return `${f.feedback.channel} feedback (${score})${where}${themes}`.slice(0, 1000);
}
