import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CaseEventKind, CaseStatus } from '@loops/contracts';
import { rowsOf } from '@loops/store';
import { Clock } from '../clock/clock';
import { conflict, notFound } from '../http/valid-body';
import { insertCaseEvents, OutboxPublisher } from '../outbox/outbox.publisher';
import { slaDueAt } from '../sla/business-hours';
import { CaseListQuery } from './case.dto';
import { CaseRow, caseEventFor, caseView } from './case-row';

/** The part of a tenant's cases a department's key sees; null on a dimension = no limit there. */
export interface CaseView {
  touchpoints: string[] | null;
  accounts: string[] | null;
}

export const WHOLE_TENANT: CaseView = { touchpoints: null, accounts: null };

interface Transition {
  kind: CaseEventKind;
  /** Statuses the case may be in for the change to apply. */
  from: CaseStatus[];
  /** SQL SET clause over `params` ($3, $4, ...); $1 is the case id and $2 the tenant. */
  set: (now: Date) => { sql: string; params: unknown[] };
  note?: string;
}

/**
 * The case API's behaviour. Every query is scoped by the caller's tenant: another tenant's case is
 * indistinguishable from a missing one (404). Every change is stored with its `cases.v1` event in one
 * transaction and then published.
 */
@Injectable()
export class CaseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(tenantId: string, q: CaseListQuery, view: CaseView = WHOLE_TENANT) {
    const rows = rowsOf<CaseRow>(
      await this.dataSource.query(
        `SELECT * FROM cases
          WHERE tenant_id = $1
            AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR priority = $3)
            AND ($4::text IS NULL OR owner_team = $4) AND ($5::text IS NULL OR assignee = $5)
            AND ($6::text IS NULL OR receiver = $6) AND ($7::text IS NULL OR customer_key = 'customer:' || $7)
            AND ($9::text IS NULL OR touchpoint = $9) AND ($10::text IS NULL OR account_id = $10)
            AND ($11::text[] IS NULL OR touchpoint = ANY($11)) AND ($12::text[] IS NULL OR account_id = ANY($12))
          ORDER BY opened_at DESC LIMIT $8`,
        [
          tenantId, q.status ?? null, q.priority ?? null, q.ownerTeam ?? null, q.assignee ?? null, q.receiver ?? null, q.customerId ?? null,
          Number(q.limit ?? 100), q.touchpoint ?? null, q.accountId ?? null, view.touchpoints, view.accounts,
        ],
      ),
    );
    return { cases: rows.map(caseView) };
  }

  /**
   * Refuses a department's key a case outside its view with the same 404 as a missing case, so the key
   * learns nothing about cases it may not see.
   */
  async assertInView(tenantId: string, caseId: string, view: CaseView): Promise<void> {
    if (view.touchpoints === null && view.accounts === null) return;
    const row = await this.find(this.dataSource.manager, tenantId, caseId);
    const outside =
      (view.touchpoints !== null && (row.touchpoint === null || !view.touchpoints.includes(row.touchpoint))) ||
      (view.accounts !== null && (row.account_id === null || !view.accounts.includes(row.account_id)));
    if (outside) throw notFound('case');
  }

  async get(tenantId: string, caseId: string) {
    const row = await this.find(this.dataSource.manager, tenantId, caseId);
    const [events, alerts, feedback] = await Promise.all([
      this.dataSource.query('SELECT event FROM case_events WHERE case_id = $1 ORDER BY at, kind', [caseId]),
      this.dataSource.query('SELECT alert FROM alerts WHERE case_id = $1 ORDER BY created_at', [caseId]),
      this.dataSource.query('SELECT feedback_event_id FROM case_feedback WHERE case_id = $1 ORDER BY attached_at', [caseId]),
    ]);
    return {
      ...caseView(row),
      feedbackEventIds: rowsOf<{ feedback_event_id: string }>(feedback).map((r) => r.feedback_event_id),
      alerts: rowsOf<{ alert: unknown }>(alerts).map((r) => r.alert),
      events: rowsOf<{ event: unknown }>(events).map((r) => r.event),
    };
  }

  acknowledge(tenantId: string, caseId: string, by?: string) {
    return this.transition(tenantId, caseId, {
      kind: 'acknowledged',
      from: ['open'],
      set: (now) => ({ sql: `status = 'acknowledged', acknowledged_at = $3`, params: [now] }),
      note: by ? `acknowledged by ${by}` : undefined,
    });
  }

  assign(tenantId: string, caseId: string, assignee: string) {
    return this.transition(tenantId, caseId, { kind: 'assigned', from: ['open', 'acknowledged'], set: () => ({ sql: 'assignee = $3', params: [assignee] }) });
  }

  resolve(tenantId: string, caseId: string, rootCauseCode: string, note?: string) {
    return this.transition(tenantId, caseId, {
      kind: 'resolved',
      from: ['open', 'acknowledged'],
      set: (now) => ({ sql: `status = 'resolved', resolved_at = $3, root_cause_code = $4, resolution_note = $5`, params: [now, rootCauseCode, note ?? null] }),
      note,
    });
  }

  async reopen(tenantId: string, caseId: string, note?: string) {
    const row = await this.find(this.dataSource.manager, tenantId, caseId);
    return this.transition(tenantId, caseId, {
      kind: 'reopened',
      from: ['resolved'],
      // The SLA restarts from the reopening.
      set: (now) => ({
        sql: `status = 'open', resolved_at = NULL, acknowledged_at = NULL, reopened_at = $3, escalation_level = 0, due_at = $4, last_alert_at = $3`,
        params: [now, slaDueAt(now, row.sla_minutes ?? 60, row.business_hours ?? undefined)],
      }),
      note,
    });
  }

  private async find(m: EntityManager, tenantId: string, caseId: string): Promise<CaseRow> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(caseId)) throw notFound('case');
    const rows = rowsOf<CaseRow>(await m.query('SELECT * FROM cases WHERE case_id = $1 AND tenant_id = $2', [caseId, tenantId]));
    if (!rows[0]) throw notFound('case');
    return rows[0];
  }

  private async transition(tenantId: string, caseId: string, t: Transition) {
    const now = this.clock.now();
    const row = await this.dataSource.transaction(async (m) => {
      const current = await this.find(m, tenantId, caseId);
      if (!t.from.includes(current.status)) throw conflict(`a ${current.status} case cannot be ${t.kind}`);
      const set = t.set(now);
      let updated: CaseRow[];
      try {
        updated = rowsOf<CaseRow>(
          await m.query(
            `UPDATE cases SET ${set.sql} WHERE case_id = $1 AND tenant_id = $2 AND status = ANY($${3 + set.params.length}::text[]) RETURNING *`,
            [caseId, tenantId, ...set.params, t.from],
          ),
        );
      } catch (error) {
        // Reopening while the customer already has another open case would break "one open case per customer".
        if ((error as { code?: string }).code === '23505') throw conflict('the customer already has another open case');
        throw error;
      }
      if (!updated[0]) throw conflict(`the case changed concurrently; retry`);
      await insertCaseEvents(m, [caseEventFor(updated[0], t.kind, now, { note: t.note })]);
      return updated[0];
    });
    await this.outbox.publishFor({ alertIds: [], caseIds: [row.case_id] });
    return caseView(row);
  }
}
