import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Alert, CaseEvent, deterministicUuid, FeedbackAnalyzedV2, Priority } from '@loops/contracts';
import { recordItemStep, TraceCarrier } from '@loops/kafka';
import { PLATFORM_ENV } from '@loops/platform';
import { insertRows, rowsOf } from '@loops/store';
import { CASE_FEEDBACK, CASES, NewCaseRow, SUPPRESSED_ALERTS, SuppressedAlertRow } from '../store/routing.tables';
import { CaseRow, caseEventFor } from '../cases/case-row';
import { enqueueNotifications } from '../grouping/enqueue-notifications';
import { insertAlerts, insertCaseEvents, OutboxPublisher, TraceLookup } from '../outbox/outbox.publisher';
import { withCaseDetails } from '../receivers/case-link';
import { RoutingEnv } from '../routing.env';
import { RouteMatch, RoutingTree } from '../routing-tree/routing-tree.types';
import { slaDueAt } from '../sla/business-hours';
import { enqueueWebhooks } from '../webhooks/webhook-deliveries';
import { highestPriority, priorityFor } from './priority';
import { alertOutcome, CaseDisposition, caseDisposition, ExistingCase } from './routing-decision';
import { loadRoutingContext } from './routing-context';

export interface RoutedFeedback {
  analyzed: FeedbackAnalyzedV2;
  matches: RouteMatch[];
  tree: RoutingTree;
  /** The trace of the item's processing; its alerts and case events continue it. */
  trace?: TraceCarrier;
}

interface PendingAlert {
  alert: Alert;
  match: RouteMatch;
  routed: RoutedFeedback;
  customerKey: string;
  priority: Priority;
}

export function customerKeyOf(f: FeedbackAnalyzedV2): string {
  return f.feedback.customer?.id ? `customer:${f.feedback.customer.id}` : `feedback:${f.feedback.eventId}`;
}

export function alertIdFor(analyzed: FeedbackAnalyzedV2, match: RouteMatch): string {
  return deterministicUuid('alert', analyzed.feedback.eventId, match.receiver, match.rulePath.join('/'));
}

const SEP = '\u0000';

/** What one batch stored, to publish right after the commit without reading it back. */
interface Written {
  redelivered: boolean;
  caseIds: string[];
  alerts: Alert[];
  events: CaseEvent[];
}

/**
 * Turns routed feedback into cases, alerts and case events in one transaction, then publishes what is
 * still unpublished. Storm control lives here: silenced and inhibited alerts are recorded but never page;
 * one open case per customer; a case pages at most once per repeat interval (later feedback is attached
 * quietly); feedback soon after a resolution reopens the case instead of opening another.
 */
@Injectable()
export class InnerLoopWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    @Inject(PLATFORM_ENV) private readonly env: RoutingEnv,
  ) {}

  async write(routed: RoutedFeedback[], now: Date): Promise<void> {
    const pending = routed.flatMap((r) =>
      r.matches.map((match): PendingAlert => ({
        match,
        routed: r,
        customerKey: customerKeyOf(r.analyzed),
        priority: priorityFor(match.severity, r.analyzed.feedback.customer?.annualValue, r.tree.highValueThreshold),
        alert: {
          alertId: alertIdFor(r.analyzed, match),
          caseId: '',
          tenantId: r.analyzed.feedback.tenantId,
          receiver: match.receiver,
          rulePath: match.rulePath,
          matched: match.matched,
          severity: match.severity,
          feedbackEventId: r.analyzed.feedback.eventId,
          customerId: r.analyzed.feedback.customer?.id,
          summary: summarize(r.analyzed),
          createdAt: now.toISOString(),
          // Redacted at ingestion; what the customer said travels with the alert so nobody has to look it up.
          ...(r.analyzed.feedback.text ? { text: r.analyzed.feedback.text } : {}),
          ...(r.analyzed.feedback.customer?.annualValue !== undefined ? { customerValue: r.analyzed.feedback.customer.annualValue } : {}),
        },
      })),
    );
    if (pending.length === 0) return;
    const traces = new Map(routed.map((r) => [r.analyzed.feedback.eventId, r.trace]));
    const traceOf = (feedbackEventId: string | undefined) => (feedbackEventId ? traces.get(feedbackEventId) : undefined);
    const started = new Date();
    const written = await this.dataSource.transaction((m) => this.persist(m, pending, now, traceOf));
    recordCaseSteps(written.events, traceOf, { startTime: started, endTime: new Date() });
    if (written.redelivered) {
      // Some feedback was decided before: its alerts and events may still be unpublished, so ask the store
      // (this covers what was just written too).
      await this.outbox.publishFor({ alertIds: pending.map((p) => p.alert.alertId), caseIds: written.caseIds });
    } else {
      await this.outbox.publishWritten(written.alerts, written.events, traceOf);
    }
  }

  private async persist(m: EntityManager, all: PendingAlert[], now: Date, traceOf: TraceLookup): Promise<Written> {
    const feedbackIds = [...new Set(all.map((p) => p.alert.feedbackEventId))];
    // Feedback already decided by an earlier delivery (attached to a case, or suppressed) is not decided
    // again: only publishing may be left, and the caller does that.
    const seen = new Set(
      rowsOf<{ id: string }>(
        await m.query(
          `SELECT feedback_event_id AS id FROM case_feedback WHERE feedback_event_id = ANY($1::uuid[])
           UNION SELECT feedback_event_id FROM suppressed_alerts WHERE feedback_event_id = ANY($1::uuid[])`,
          [feedbackIds],
        ),
      ).map((r) => r.id),
    );
    const fresh = all.filter((p) => !seen.has(p.alert.feedbackEventId));
    const nothing: Written = { redelivered: seen.size > 0, caseIds: [], alerts: [], events: [] };
    if (fresh.length === 0) return nothing;

    const context = await loadRoutingContext(m, [...new Set(fresh.map((p) => p.alert.tenantId))], now);
    const paging: PendingAlert[] = [];
    const suppressed: SuppressedAlertRow[] = [];
    for (const p of fresh) {
      const outcome = alertOutcome(p.routed.analyzed, context.silences(p.alert.tenantId), context.incidents(p.alert.tenantId), now);
      if (outcome.kind === 'page') paging.push(p);
      else {
        const id = outcome.kind === 'silenced' ? outcome.silenceId : outcome.incidentId;
        suppressed.push({
          alert_id: p.alert.alertId,
          tenant_id: p.alert.tenantId,
          feedback_event_id: p.alert.feedbackEventId,
          receiver: p.alert.receiver,
          rule_path: p.alert.rulePath,
          reason: outcome.kind,
          silence_id: outcome.kind === 'silenced' ? id : null,
          incident_id: outcome.kind === 'inhibited' ? id : null,
          alert: p.alert,
          at: now,
        });
      }
    }
    await insertRows(m, SUPPRESSED_ALERTS, suppressed);
    if (paging.length === 0) return nothing;
    return { ...(await this.routeToCases(m, paging, now, traceOf)), redelivered: seen.size > 0 };
  }

  private async routeToCases(m: EntityManager, paging: PendingAlert[], now: Date, traceOf: TraceLookup): Promise<Omit<Written, 'redelivered'>> {
    const byCustomer = new Map<string, PendingAlert[]>();
    for (const p of paging) {
      const key = `${p.alert.tenantId}${SEP}${p.customerKey}`;
      byCustomer.set(key, [...(byCustomer.get(key) ?? []), p]);
    }
    const latest = await this.latestCases(m, [...byCustomer.keys()]);
    const groups = [...byCustomer].map(([key, group]) => {
      const existing = latest.get(key);
      return { group, existing, disposition: caseDisposition(existingCase(existing), now, group[0].routed.tree) };
    });
    const cases = await this.applyDispositions(m, groups, now);
    const alerts: Alert[] = [];
    const events: CaseEvent[] = [];
    const attachments: [string, string][] = [];
    groups.forEach(({ group, disposition }, i) => {
      const row = cases[i];
      // Only the first feedback of the group may page; the rest of one customer's burst joins quietly.
      const leadFeedback = group[0].alert.feedbackEventId;
      const pages = disposition === 'throttle' ? [] : group.filter((p) => p.alert.feedbackEventId === leadFeedback);
      for (const p of pages) alerts.push(withCaseDetails(p.alert, row, this.env.LOOPS_DASHBOARD_URL));
      if (disposition === 'open') events.push(caseEventFor(row, 'opened', now, { idParts: [leadFeedback], feedbackEventId: leadFeedback }));
      if (disposition === 'reopen') {
        events.push(caseEventFor(row, 'reopened', now, { idParts: [leadFeedback], feedbackEventId: leadFeedback, note: 'new feedback inside the grouping window' }));
      }
      for (const feedbackEventId of new Set(group.map((p) => p.alert.feedbackEventId))) {
        attachments.push([row.case_id, feedbackEventId]);
        if (disposition === 'open' && feedbackEventId === leadFeedback) continue;
        const note = pages.some((p) => p.alert.feedbackEventId === feedbackEventId) ? 'paged again after the repeat interval' : 'throttled: the case was paged recently';
        events.push(caseEventFor(row, 'feedback_attached', now, { idParts: [feedbackEventId], feedbackEventId, note }));
      }
    });
    await insertRows(
      m,
      CASE_FEEDBACK,
      attachments.map(([caseId, feedbackEventId]) => ({ case_id: caseId, feedback_event_id: feedbackEventId, attached_at: now })),
    );
    await insertAlerts(m, alerts, traceOf);
    const treeOf = new Map(paging.map((p) => [p.alert.alertId, p.routed.tree]));
    await enqueueWebhooks(m, alerts, (a) => treeOf.get(a.alertId)!, now);
    const pendingOf = new Map(paging.map((p) => [p.alert.alertId, p]));
    await enqueueNotifications(m, alerts.map((a) => {
      const p = pendingOf.get(a.alertId)!;
      return { alert: a, tree: p.routed.tree, grouping: p.match.grouping, event: p.routed.analyzed };
    }), now);
    await insertCaseEvents(m, events, traceOf);
    return { caseIds: cases.map((c) => c.case_id), alerts, events };
  }

  /** Each customer's open case, else their most recently resolved one. */
  private async latestCases(m: EntityManager, keys: string[]): Promise<Map<string, CaseRow>> {
    const parts = keys.map((k) => k.split(SEP));
    const rows = rowsOf<CaseRow>(
      await m.query(
        `SELECT DISTINCT ON (c.tenant_id, c.customer_key) c.*
           FROM cases c JOIN unnest($1::text[], $2::text[]) AS k(tenant_id, customer_key)
             ON c.tenant_id = k.tenant_id AND c.customer_key = k.customer_key
          ORDER BY c.tenant_id, c.customer_key, (c.status <> 'resolved') DESC, c.resolved_at DESC NULLS LAST`,
        [parts.map((p) => p[0]), parts.map((p) => p[1])],
      ),
    );
    return new Map(rows.map((r) => [`${r.tenant_id}${SEP}${r.customer_key}`, r]));
  }

  /**
   * Applies each customer's disposition with one statement per kind (not per customer): new cases in one
   * multi-row insert, quiet joins and repeat pages in one update, reopenings (rare) one by one.
   * Returns the case rows in the order of `groups`.
   */
  private async applyDispositions(
    m: EntityManager,
    groups: { group: PendingAlert[]; existing: CaseRow | undefined; disposition: CaseDisposition }[],
    now: Date,
  ): Promise<CaseRow[]> {
    const plan = groups.map(({ group }) => {
      const tree = group[0].routed.tree;
      const priority = highestPriority(group.map((p) => p.priority));
      const slaMinutes = tree.slaMinutes[priority];
      return { priority, lead: group.find((p) => p.priority === priority)!, slaMinutes, dueAt: slaDueAt(now, slaMinutes, tree.businessHours), tree };
    });
    const byCaseId = new Map<string, CaseRow>();
    const opens = groups.flatMap(({ group, disposition }, i) => (disposition === 'open' ? [{ first: group[0], ...plan[i] }] : []));
    const inserted = await insertRows<NewCaseRow, CaseRow>(
      m,
      CASES,
      opens.map(({ first, priority, lead, slaMinutes, dueAt, tree }) => ({
        case_id: deterministicUuid('case', first.alert.tenantId, first.customerKey, first.alert.feedbackEventId),
        tenant_id: first.alert.tenantId,
        customer_key: first.customerKey,
        status: 'open',
        priority,
        owner_team: lead.match.owner,
        receiver: lead.match.receiver,
        opened_at: now,
        due_at: dueAt,
        last_alert_at: now,
        escalation_chain: lead.match.escalation,
        sla_minutes: slaMinutes,
        business_hours: tree.businessHours ?? null,
        first_feedback_event_id: first.alert.feedbackEventId,
        customer_value: first.routed.analyzed.feedback.customer?.annualValue ?? null,
        rule_path: lead.match.rulePath,
        last_feedback_at: now,
        // What department views filter the case queue on: the touchpoint and B2B account of the opening feedback.
        touchpoint: first.routed.analyzed.feedback.touchpoint?.journey ?? null,
        account_id: first.routed.analyzed.feedback.customer?.accountId ?? null,
      })),
      { onConflict: 'error', returning: '*' },
    );
    inserted.forEach((row) => byCaseId.set(row.case_id, row));

    const joins = groups.filter((g) => g.disposition === 'throttle' || g.disposition === 'page-again');
    if (joins.length > 0) {
      const updated = rowsOf<CaseRow>(
        await m.query(
          `UPDATE cases c SET last_feedback_at = $3, last_alert_at = CASE WHEN u.pages THEN $3 ELSE c.last_alert_at END
             FROM unnest($1::uuid[], $2::boolean[]) AS u(case_id, pages)
            WHERE c.case_id = u.case_id
          RETURNING c.*`,
          [joins.map((g) => g.existing!.case_id), joins.map((g) => g.disposition === 'page-again'), now],
        ),
      );
      updated.forEach((row) => byCaseId.set(row.case_id, row));
    }
    for (const [i, g] of groups.entries()) {
      if (g.disposition !== 'reopen') continue;
      const [row] = rowsOf<CaseRow>(
        await m.query(
          `UPDATE cases SET status = 'open', resolved_at = NULL, acknowledged_at = NULL, reopened_at = $2, escalation_level = 0,
                  due_at = $3, sla_minutes = $4, last_alert_at = $2, last_feedback_at = $2
            WHERE case_id = $1 RETURNING *`,
          [g.existing!.case_id, now, plan[i].dueAt, plan[i].slaMinutes],
        ),
      );
      byCaseId.set(row.case_id, row);
    }
    return groups.map((g) => {
      const first = g.group[0];
      const caseId = g.disposition === 'open' ? deterministicUuid('case', first.alert.tenantId, first.customerKey, first.alert.feedbackEventId) : g.existing!.case_id;
      return byCaseId.get(caseId)!;
    });
  }
}

/**
 * "The case" in each item's trace: a `case <kind>` span (opened, reopened, feedback_attached) under the
 * item's processing span, spanning the batch's transaction that wrote it.
 */
function recordCaseSteps(events: CaseEvent[], traceOf: TraceLookup, timing: { startTime: Date; endTime: Date }): void {
  for (const e of events) {
    recordItemStep(traceOf(e.feedbackEventId), `case ${e.kind}`, timing, {
      'loops.case.id': e.caseId,
      'loops.case.event_id': e.eventId,
      'loops.tenant.id': e.tenantId,
    });
  }
}

function existingCase(row: CaseRow | undefined): ExistingCase | undefined {
  if (!row) return undefined;
  return { caseId: row.case_id, status: row.status, lastAlertAt: new Date(row.last_alert_at), resolvedAt: row.resolved_at ? new Date(row.resolved_at) : undefined };
}

function summarize(f: FeedbackAnalyzedV2): string {
  const score = f.feedback.scores.nps !== undefined ? `NPS ${f.feedback.scores.nps}` : f.analysis.sentiment.label;
  const where = f.feedback.touchpoint ? ` at ${f.feedback.touchpoint.journey}` : '';
  const themes = f.analysis.themes.length ? ` about ${f.analysis.themes.map((t) => t.label).join(', ')}` : '';
  return `${f.feedback.channel} feedback (${score})${where}${themes}`.slice(0, 1000);
}
