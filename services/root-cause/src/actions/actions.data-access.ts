import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActionEvent, ActionStatus, ActionTargetKind } from '@loops/contracts';
import { rowsOf } from '@loops/store';
import { Action } from './action.dto';
import { WindowCounts } from './before-after';

type ActionRow = {
  action_id: string; target_kind: ActionTargetKind; theme: string | null; touchpoint: string | null; issue_id: string | null;
  root_cause_code: string | null; change: string; owner: string; due_at: Date; effective_at: Date; status: ActionStatus;
  created_by: string; created_at: Date; updated_at: Date;
};

const toAction = (r: ActionRow): Action => ({
  actionId: r.action_id,
  targetKind: r.target_kind,
  theme: r.theme,
  touchpoint: r.touchpoint,
  issueId: r.issue_id,
  rootCauseCode: r.root_cause_code,
  change: r.change,
  owner: r.owner,
  dueAt: r.due_at,
  effectiveAt: r.effective_at,
  status: r.status,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * The only module that reads or writes `actions` and `action_events` (their outbox to `actions.v1`), plus the
 * reads an action needs from `emerging_issues` and `rollups`. Every query is bound to one tenant.
 */
@Injectable()
export class ActionsDataAccess {
  constructor(private readonly dataSource: DataSource) {}

  /** The action and its `opened` event in one transaction: an action never exists without its event. */
  async insert(a: Action & { tenantId: string }, event: ActionEvent): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO actions (action_id, tenant_id, target_kind, theme, touchpoint, issue_id, root_cause_code, change, owner, due_at, effective_at, status, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)`,
        [a.actionId, a.tenantId, a.targetKind, a.theme, a.touchpoint, a.issueId, a.rootCauseCode, a.change, a.owner, a.dueAt, a.effectiveAt, a.status, a.createdBy, a.createdAt],
      );
      await this.stageEvent(m, event);
    });
  }

  /** Moves the status (and the effective date, if given) and stages the event; false if the action is not the tenant's. */
  async changeStatus(tenantId: string, actionId: string, status: ActionStatus, effectiveAt: Date | undefined, event: (a: Action) => ActionEvent): Promise<Action | undefined> {
    return this.dataSource.transaction(async (m) => {
      const rows = rowsOf<ActionRow>(
        await m.query(
          `UPDATE actions SET status = $3, effective_at = coalesce($4, effective_at), updated_at = now()
            WHERE tenant_id = $1 AND action_id = $2 RETURNING *`,
          [tenantId, actionId, status, effectiveAt ?? null],
        ),
      );
      if (!rows[0]) return undefined;
      const action = toAction(rows[0]);
      await this.stageEvent(m, event(action));
      return action;
    });
  }

  private async stageEvent(m: EntityManager, e: ActionEvent): Promise<void> {
    await m.query('INSERT INTO action_events (event_id, action_id, tenant_id, payload, at) VALUES ($1, $2, $3, $4, $5)', [e.eventId, e.actionId, e.tenantId, JSON.stringify(e), e.at]);
  }

  async get(tenantId: string, actionId: string): Promise<Action | undefined> {
    const rows = rowsOf<ActionRow>(await this.dataSource.query('SELECT * FROM actions WHERE tenant_id = $1 AND action_id = $2', [tenantId, actionId]));
    return rows[0] ? toAction(rows[0]) : undefined;
  }

  async list(tenantId: string, q: { status?: ActionStatus; limit: number; offset: number }): Promise<Action[]> {
    return rowsOf<ActionRow>(
      await this.dataSource.query(
        'SELECT * FROM actions WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY due_at, created_at LIMIT $3 OFFSET $4',
        [tenantId, q.status ?? null, q.limit, q.offset],
      ),
    ).map(toAction);
  }

  /** Unpublished events, oldest first (a crash between commit and publish leaves some behind). */
  async unpublished(limit: number): Promise<ActionEvent[]> {
    return rowsOf<{ payload: ActionEvent }>(
      await this.dataSource.query('SELECT payload FROM action_events WHERE published_at IS NULL ORDER BY at, event_id LIMIT $1', [limit]),
    ).map((r) => r.payload);
  }

  async markPublished(eventIds: string[]): Promise<void> {
    await this.dataSource.query('UPDATE action_events SET published_at = now() WHERE event_id = ANY($1::uuid[])', [eventIds]);
  }

  async emergingIssue(tenantId: string, issueId: string): Promise<{ touchpoint: string; theme: string } | undefined> {
    return rowsOf<{ touchpoint: string; theme: string }>(
      await this.dataSource.query('SELECT touchpoint, theme FROM emerging_issues WHERE tenant_id = $1 AND issue_id = $2', [tenantId, issueId]),
    )[0];
  }

  /** A window's feedback and NPS answers (hour rollups, theme `*`) and the theme's mentions, optionally at one touchpoint. */
  async windowCounts(tenantId: string, q: { from: Date; to: Date; touchpoint: string | null; theme: string | null }): Promise<WindowCounts> {
    const row = rowsOf<{ count: number; nps_count: number; promoters: number; detractors: number; theme_mentions: number }>(
      await this.dataSource.query(
        `SELECT coalesce(sum(count) FILTER (WHERE theme = '*'), 0)::int AS count,
                coalesce(sum(nps_count) FILTER (WHERE theme = '*'), 0)::int AS nps_count,
                coalesce(sum(promoters) FILTER (WHERE theme = '*'), 0)::int AS promoters,
                coalesce(sum(detractors) FILTER (WHERE theme = '*'), 0)::int AS detractors,
                coalesce(sum(count) FILTER (WHERE theme = $5), 0)::int AS theme_mentions
           FROM rollups
          WHERE tenant_id = $1 AND bucket_size = 'hour' AND bucket_start >= $2 AND bucket_start < $3
            AND ($4::text IS NULL OR touchpoint = $4) AND theme IN ('*', coalesce($5, '*'))`,
        [tenantId, q.from, q.to, q.touchpoint, q.theme],
      ),
    )[0];
    return { count: row.count, npsCount: row.nps_count, promoters: row.promoters, detractors: row.detractors, themeMentions: row.theme_mentions };
  }

  /** Resolved cases carrying a root-cause code in a window (`case_root_causes`, fed by cases.v1). */
  async rootCauseCases(tenantId: string, code: string, from: Date, to: Date): Promise<number> {
    return rowsOf<{ n: number }>(
      await this.dataSource.query(
        'SELECT count(*)::int AS n FROM case_root_causes WHERE tenant_id = $1 AND root_cause_code = $2 AND resolved_at >= $3 AND resolved_at < $4',
        [tenantId, code, from, to],
      ),
    )[0].n;
  }
}
