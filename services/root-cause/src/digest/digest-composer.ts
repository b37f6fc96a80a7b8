import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@loops/store';
import { DEFAULT_TAXONOMY } from '@loops/text-analytics';
import { GoalsService } from '../goals/goals.service';
import { GoalsDataAccess } from '../goals/goals.data-access';
import { ReportQuery } from '../reports/report-query.dto';
import { ReportsService } from '../reports/reports.service';
import { Digest, DigestAction, DigestCase, DigestDriver, DigestIssue } from './digest';
import { DigestPeriod } from './digest-schedule';

const TOP_DRIVERS = 5;
const OLDEST_CASES = 5;
/** Actions due within this long after the period are "due" in the digest (plus every overdue one). */
const ACTIONS_AHEAD_MS = 7 * 86_400_000;
const SHIPPED_LABELS = new Map(DEFAULT_TAXONOMY.themes.map((t) => [t.id, t.label]));

export interface DigestRequest {
  tenantId: string;
  owner: string;
  period: DigestPeriod;
  touchpoints: string[];
  themes: string[];
}

/**
 * Builds one owner's digest from the outer loop's own tables: goals the owner owns (with progress and its
 * interval), emerging issues opened in the period, the drivers costing most NPS in the period, the owner's
 * actions that are due or overdue, and cases past their SLA. A focus (touchpoints, themes) narrows the
 * issues, drivers and cases to it; goals and actions are the owner's whatever their scope.
 */
@Injectable()
export class DigestComposer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly goals: GoalsService,
    private readonly goalRows: GoalsDataAccess,
    private readonly reports: ReportsService,
  ) {}

  async compose(r: DigestRequest, now: Date): Promise<Digest> {
    const labels = await this.tenantLabels(r.tenantId);
    const [goals, emergingIssues, drivers, actionsDue, casesPastSla] = await Promise.all([
      this.ownedGoals(r, now),
      this.newIssues(r, labels),
      this.topDrivers(r, labels),
      this.dueActions(r, now),
      this.pastSla(r, now),
    ]);
    return {
      tenantId: r.tenantId,
      owner: r.owner,
      period: r.period,
      view: { touchpoints: r.touchpoints, themes: r.themes },
      goals,
      emergingIssues,
      drivers,
      actionsDue,
      casesPastSla,
    };
  }

  private async ownedGoals(r: DigestRequest, now: Date) {
    const ids = rowsOf<{ goal_id: string }>(
      await this.dataSource.query(
        `SELECT goal_id FROM goals WHERE tenant_id = $1 AND owner = $2 AND period_start < $4 AND period_end > $3 ORDER BY period_end, name`,
        [r.tenantId, r.owner, r.period.from, r.period.to],
      ),
    );
    const out = [];
    for (const { goal_id } of ids) {
      const goal = await this.goalRows.get(r.tenantId, goal_id);
      if (!goal) continue;
      const { progress } = await this.goals.withProgress(r.tenantId, goal, new Date(Math.min(now.getTime(), r.period.to.getTime())));
      out.push({
        goalId: goal.goalId,
        name: goal.name,
        metric: goal.measure ? `${goal.metric}:${goal.measure}` : goal.metric,
        target: goal.target,
        direction: goal.direction,
        value: progress.value,
        ci95: progress.ci95,
        status: progress.status,
        trendPerWeek: progress.trendPerWeek?.value ?? null,
        periodEnd: goal.periodEnd.toISOString(),
      });
    }
    return out;
  }

  private async newIssues(r: DigestRequest, labels: Map<string, string>): Promise<DigestIssue[]> {
    const rows = rowsOf<{ issue_id: string; touchpoint: string; theme: string; status: string; opened_bucket: Date }>(
      await this.dataSource.query(
        `SELECT issue_id, touchpoint, theme, status, opened_bucket FROM emerging_issues
          WHERE tenant_id = $1 AND opened_bucket >= $2 AND opened_bucket < $3
            AND (cardinality($4::text[]) = 0 OR touchpoint = ANY($4)) AND (cardinality($5::text[]) = 0 OR theme = ANY($5))
          ORDER BY opened_bucket DESC LIMIT 20`,
        [r.tenantId, r.period.from, r.period.to, r.touchpoints, r.themes],
      ),
    );
    return rows.map((i) => ({
      issueId: i.issue_id,
      touchpoint: i.touchpoint,
      theme: i.theme,
      themeLabel: labelOf(i.theme, labels),
      status: i.status,
      openedAt: new Date(i.opened_bucket).toISOString(),
    }));
  }

  private async topDrivers(r: DigestRequest, labels: Map<string, string>): Promise<DigestDriver[]> {
    const scopes = r.touchpoints.length > 0 ? r.touchpoints : [null];
    const all: DigestDriver[] = [];
    for (const touchpoint of scopes) {
      const q = Object.assign(new ReportQuery(), { from: r.period.from.toISOString(), to: r.period.to.toISOString(), touchpoint: touchpoint ?? undefined, limit: 1000, offset: 0 });
      const { drivers } = await this.reports.drivers(r.tenantId, q);
      for (const d of drivers) {
        if (r.themes.length > 0 && !r.themes.includes(d.theme)) continue;
        all.push({ touchpoint, theme: d.theme, themeLabel: labelOf(d.theme, labels), impact: d.impact, ci95: d.ci95, mentions: d.mentions, significant: d.significant });
      }
    }
    return all.filter((d) => d.impact > 0).sort((a, b) => b.impact - a.impact).slice(0, TOP_DRIVERS);
  }

  private async dueActions(r: DigestRequest, now: Date): Promise<DigestAction[]> {
    const horizon = new Date(r.period.to.getTime() + ACTIONS_AHEAD_MS);
    const rows = rowsOf<{ action_id: string; change: string; status: string; due_at: Date }>(
      await this.dataSource.query(
        `SELECT action_id, change, status, due_at FROM actions
          WHERE tenant_id = $1 AND owner = $2 AND status IN ('open', 'in_progress') AND due_at < $3
          ORDER BY due_at LIMIT 50`,
        [r.tenantId, r.owner, horizon],
      ),
    );
    return rows.map((a) => ({ actionId: a.action_id, change: a.change, status: a.status, dueAt: new Date(a.due_at).toISOString(), overdue: new Date(a.due_at) < now }));
  }

  private async pastSla(r: DigestRequest, now: Date): Promise<{ total: number; oldest: DigestCase[] }> {
    const rows = rowsOf<{ case_id: string; priority: string; owner_team: string; touchpoint: string | null; due_at: Date; total: number }>(
      await this.dataSource.query(
        `SELECT case_id, priority, owner_team, touchpoint, due_at, count(*) OVER ()::int AS total FROM case_summaries
          WHERE tenant_id = $1 AND status = 'open' AND due_at < $2 AND (cardinality($3::text[]) = 0 OR touchpoint = ANY($3))
          ORDER BY due_at LIMIT ${OLDEST_CASES}`,
        [r.tenantId, now, r.touchpoints],
      ),
    );
    return {
      total: rows[0]?.total ?? 0,
      oldest: rows.map((c) => ({ caseId: c.case_id, priority: c.priority, ownerTeam: c.owner_team, touchpoint: c.touchpoint, dueAt: new Date(c.due_at).toISOString() })),
    };
  }

  private async tenantLabels(tenantId: string): Promise<Map<string, string>> {
    const rows = rowsOf<{ theme_id: string; label: string }>(await this.dataSource.query('SELECT theme_id, label FROM tenant_themes WHERE tenant_id = $1', [tenantId]));
    return new Map(rows.map((t) => [t.theme_id, t.label]));
  }
}

function labelOf(theme: string, tenant: Map<string, string>): string {
  return tenant.get(theme) ?? SHIPPED_LABELS.get(theme) ?? theme.replace(/[_-]+/g, ' ');
}
