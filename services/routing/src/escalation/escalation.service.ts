import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Alert, deterministicUuid, Priority, Severity } from '@loops/contracts';
import { PeriodicTasks, PLATFORM_ENV } from '@loops/platform';
import { rowsOf } from '@loops/store';
import { Clock } from '../clock/clock';
import { CaseRow, caseEventFor } from '../cases/case-row';
import { enqueueNotifications } from '../grouping/enqueue-notifications';
import { insertAlerts, insertCaseEvents, OutboxPublisher } from '../outbox/outbox.publisher';
import { withCaseDetails } from '../receivers/case-link';
import { RoutingEnv } from '../routing.env';
import { TreeRegistry } from '../routing-tree/tree-registry';
import { slaDueAt } from '../sla/business-hours';
import { enqueueWebhooks } from '../webhooks/webhook-deliveries';

const SEVERITY_OF: Record<Priority, Severity> = { p1: 'critical', p2: 'high', p3: 'medium', p4: 'low' };

/** The alert that pages the next receiver of a case's escalation chain. Deterministic per (case, step). */
export function escalationAlert(row: CaseRow, level: number, now: Date): Alert {
  const receiver = row.escalation_chain[level - 1];
  return {
    alertId: deterministicUuid('escalation', row.case_id, String(level)),
    caseId: row.case_id,
    tenantId: row.tenant_id,
    receiver,
    rulePath: [...(row.rule_path ?? ['root']), `escalation[${level}]`],
    matched: { status: row.status, dueAt: new Date(row.due_at).toISOString(), slaMinutes: row.sla_minutes, escalationLevel: level },
    severity: SEVERITY_OF[row.priority],
    feedbackEventId: row.first_feedback_event_id!,
    customerId: row.customer_key.startsWith('customer:') ? row.customer_key.slice('customer:'.length) : undefined,
    summary: `Case ${row.case_id} (${row.priority}, ${row.owner_team}) not acknowledged by ${new Date(row.due_at).toISOString()}: escalated to ${receiver}`,
    createdAt: now.toISOString(),
  };
}

/**
 * Escalates every open (unacknowledged) case past its due time one step along its chain: the next
 * receiver is paged, an `escalated` event goes to cases.v1, and the SLA clock restarts for the next step.
 * Runs on an interval and, for tests and operators, on demand with an explicit "now".
 */
@Injectable()
export class EscalationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly trees: TreeRegistry,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(PLATFORM_ENV) private readonly env: RoutingEnv,
    tasks: PeriodicTasks,
  ) {
    // ESCALATION_SWEEP_MS <= 0 switches the sweep off (tests and operators then sweep on demand).
    tasks.schedule({ name: 'escalation sweep', everyMs: env.ESCALATION_SWEEP_MS, run: () => this.escalateDue(this.clock.now()) });
  }

  /** Escalates due cases (optionally of one tenant) as of `now`; returns how many steps were taken. */
  async escalateDue(now: Date, tenantId?: string): Promise<{ escalated: { caseId: string; level: number; receiver: string }[] }> {
    const escalated: { caseId: string; level: number; receiver: string }[] = [];
    for (;;) {
      const step = await this.dataSource.transaction(async (m) => {
        const due = rowsOf<CaseRow>(
          await m.query(
            `SELECT * FROM cases
              WHERE status = 'open' AND due_at <= $1 AND escalation_level < cardinality(escalation_chain)
                AND first_feedback_event_id IS NOT NULL AND ($2::text IS NULL OR tenant_id = $2)
              ORDER BY due_at LIMIT 200 FOR UPDATE SKIP LOCKED`,
            [now, tenantId ?? null],
          ),
        );
        if (due.length === 0) return [];
        const trees = await this.trees.treesFor(due.map((c) => c.tenant_id));
        const alerts: Alert[] = [];
        const rows: CaseRow[] = [];
        for (const c of due) {
          const level = c.escalation_level + 1;
          const nextDue = slaDueAt(now, c.sla_minutes ?? 60, c.business_hours ?? undefined);
          const [row] = rowsOf<CaseRow>(
            await m.query('UPDATE cases SET escalation_level = $2, due_at = $3, last_alert_at = $4 WHERE case_id = $1 RETURNING *', [c.case_id, level, nextDue, now]),
          );
          rows.push(row);
          // Priority, the next step's due time and the case link, like every alert.
          alerts.push({ ...withCaseDetails(escalationAlert(c, level, now), row, this.env.LOOPS_DASHBOARD_URL), ...(c.customer_value !== null ? { customerValue: Number(c.customer_value) } : {}) });
        }
        await insertAlerts(m, alerts);
        await enqueueWebhooks(m, alerts, (a) => trees.get(a.tenantId)!.tree, now);
        // Escalations are not grouped: each pages its receiver's e-mail / Slack / Teams at once.
        await enqueueNotifications(m, alerts.map((a) => ({ alert: a, tree: trees.get(a.tenantId)!.tree })), now);
        await insertCaseEvents(
          m,
          rows.map((r, i) => caseEventFor(r, 'escalated', now, { idParts: [String(r.escalation_level)], note: `escalated to ${alerts[i].receiver}` })),
        );
        return alerts;
      });
      if (step.length === 0) break;
      await this.outbox.publishFor({ alertIds: step.map((a) => a.alertId), caseIds: step.map((a) => a.caseId) });
      escalated.push(...step.map((a) => ({ caseId: a.caseId, level: Number(/\[(\d+)\]$/.exec(a.rulePath.at(-1)!)![1]), receiver: a.receiver })));
    }
    return { escalated };
  }
}
