import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedbackAnalyzed } from '@loops/contracts';
import { rowsOf } from '@loops/store';
import { Clock } from '../clock/clock';
import { CaseRow } from '../cases/case-row';
import { explainGrouping } from '../grouping/explain-grouping';
import { groupIdentity } from '../grouping/group-key';
import { loadGroupStates } from '../grouping/group-states';
import { alertIdFor, customerKeyOf } from '../inner-loop/inner-loop.writer';
import { priorityFor } from '../inner-loop/priority';
import { loadRoutingContext } from '../inner-loop/routing-context';
import { alertOutcome, caseDisposition, checkMatchers, incidentApplies } from '../inner-loop/routing-decision';
import { evaluateRoutingTree } from '../routing-tree/evaluate-routing-tree';
import { explainRoutingTree } from '../routing-tree/explain-routing-tree';
import { TreeRegistry } from '../routing-tree/tree-registry';

/**
 * A dry run: what routing would do with this feedback right now, and why. Reads the tenant's tree,
 * active silences, open incidents and the customer's case; writes nothing.
 */
@Injectable()
export class ExplainService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trees: TreeRegistry,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async explain(tenantId: string, analyzed: FeedbackAnalyzed) {
    // The caller's tenant governs, whatever the event body says.
    const event: FeedbackAnalyzed = { ...analyzed, feedback: { ...analyzed.feedback, tenantId } };
    const now = this.clock.now();
    const loaded = await this.trees.treeFor(tenantId);
    const matches = evaluateRoutingTree(loaded.tree, event);
    const context = await loadRoutingContext(this.dataSource.manager, [tenantId], now);
    const silences = context.silences(tenantId);
    const incidents = context.incidents(tenantId);
    const [latest] = rowsOf<CaseRow>(
      await this.dataSource.query(
        `SELECT * FROM cases WHERE tenant_id = $1 AND customer_key = $2
          ORDER BY (status <> 'resolved') DESC, resolved_at DESC NULLS LAST LIMIT 1`,
        [tenantId, customerKeyOf(event)],
      ),
    );
    const disposition = caseDisposition(
      latest ? { caseId: latest.case_id, status: latest.status, lastAlertAt: new Date(latest.last_alert_at), resolvedAt: latest.resolved_at ? new Date(latest.resolved_at) : undefined } : undefined,
      now,
      loaded.tree,
    );
    const outcome = alertOutcome(event, silences, incidents, now);
    const groupIds = matches.map((m) => groupIdentity(tenantId, m.receiver, m.rulePath, alertIdFor(event, m), m.grouping, event).groupId);
    const groups = await loadGroupStates(this.dataSource.manager, tenantId, groupIds);
    return {
      tenantId,
      treeVersion: loaded.version,
      evaluatedAt: now.toISOString(),
      routes: explainRoutingTree(loaded.tree, event),
      receivers: matches.map((m, i) => ({
        receiver: m.receiver,
        topic: `alerts.${m.receiver}.v1`,
        webhook: loaded.tree.webhooks[m.receiver]?.url,
        rulePath: m.rulePath,
        matched: m.matched,
        severity: m.severity,
        priority: priorityFor(m.severity, event.feedback.customer?.annualValue, loaded.tree.highValueThreshold),
        owner: m.owner,
        escalation: m.escalation,
        alertId: alertIdFor(event, m),
        outcome: outcome.kind,
        // E-mail / Slack / Teams: the group this alert joins and when it is sent (if it pages).
        notification: explainGrouping(tenantId, m, alertIdFor(event, m), event, loaded.tree, now, groups.get(groupIds[i])),
      })),
      silences: silences.map((s) => {
        const checks = checkMatchers(s.matchers, event);
        return { silenceId: s.silenceId, reason: s.reason, author: s.author, endsAt: s.endsAt.toISOString(), applies: checks.every((c) => c.passed), matchers: checks };
      }),
      inhibitions: incidents.map((i) => ({ ...i, applies: incidentApplies(i, event) })),
      case:
        matches.length === 0 || outcome.kind !== 'page'
          ? null
          : { disposition, existingCaseId: latest && disposition !== 'open' ? latest.case_id : null, explanation: DISPOSITION_TEXT[disposition] },
      decision:
        matches.length === 0
          ? 'no route matched: no alert, no case'
          : outcome.kind === 'silenced'
            ? `silenced by ${outcome.silenceId} (${outcome.reason}): recorded, not paged`
            : outcome.kind === 'inhibited'
              ? `inhibited: attached to incident ${outcome.incidentId} (${outcome.touchpoint} / ${outcome.theme}), not paged`
              : `${disposition === 'throttle' ? 'attached to the open case without paging' : `pages ${matches.map((m) => m.receiver).join(', ')}`}`,
    };
  }
}

const DISPOSITION_TEXT = {
  open: 'opens a new case',
  reopen: "reopens the customer's case resolved inside the grouping window",
  'page-again': "joins the customer's open case and pages again (repeat interval passed)",
  throttle: "joins the customer's open case quietly (paged within the repeat interval)",
} as const;
