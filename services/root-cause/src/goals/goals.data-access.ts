import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@loops/store';
import { ThemeCounts } from '../drivers/key-drivers';
import { DayCounts } from './goal-progress';
import { Goal, GoalDirection, GoalMetric } from './goal.dto';

export interface GoalScope {
  touchpoint: string | null;
  channel: string | null;
  segment: string | null;
  theme: string | null;
}

type GoalRow = {
  goal_id: string; name: string; metric: GoalMetric; measure: string | null; direction: GoalDirection; target: number;
  touchpoint: string | null; channel: string | null; segment: string | null; theme: string | null;
  period_start: Date; period_end: Date; owner: string; created_by: string; created_at: Date;
};

const toGoal = (r: GoalRow): Goal => ({
  goalId: r.goal_id,
  name: r.name,
  metric: r.metric,
  measure: r.measure,
  direction: r.direction,
  target: Number(r.target),
  touchpoint: r.touchpoint,
  channel: r.channel,
  segment: r.segment,
  theme: r.theme,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  owner: r.owner,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** The only module that reads or writes `goals`, plus the rollup reads a goal's progress needs. Every query is bound to one tenant. */
@Injectable()
export class GoalsDataAccess {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tenantId: string, g: Omit<Goal, 'goalId' | 'createdAt'>): Promise<Goal> {
    const rows = rowsOf<GoalRow>(
      await this.dataSource.query(
        `INSERT INTO goals (goal_id, tenant_id, name, metric, measure, direction, target, touchpoint, channel, segment, theme, period_start, period_end, owner, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
        [randomUUID(), tenantId, g.name, g.metric, g.measure, g.direction, g.target, g.touchpoint, g.channel, g.segment, g.theme, g.periodStart, g.periodEnd, g.owner, g.createdBy],
      ),
    );
    return toGoal(rows[0]);
  }

  /** `touchpoints`: a department key's view (only goals on those touchpoints); null for the whole tenant. */
  async list(tenantId: string, limit: number, offset: number, touchpoints: string[] | null = null): Promise<Goal[]> {
    return rowsOf<GoalRow>(
      await this.dataSource.query(
        'SELECT * FROM goals WHERE tenant_id = $1 AND ($4::text[] IS NULL OR touchpoint = ANY($4)) ORDER BY period_end DESC, created_at DESC LIMIT $2 OFFSET $3',
        [tenantId, limit, offset, touchpoints],
      ),
    ).map(toGoal);
  }

  async get(tenantId: string, goalId: string): Promise<Goal | undefined> {
    const rows = rowsOf<GoalRow>(await this.dataSource.query('SELECT * FROM goals WHERE tenant_id = $1 AND goal_id = $2', [tenantId, goalId]));
    return rows[0] ? toGoal(rows[0]) : undefined;
  }

  /** The scope's day rollups, one row per UTC day with answers. */
  async dailyCounts(tenantId: string, scope: GoalScope, from: Date, to: Date): Promise<DayCounts[]> {
    const rows = rowsOf<Record<string, number | Date>>(
      await this.dataSource.query(
        `SELECT bucket_start AS day, sum(count)::int AS count, sum(nps_count)::int AS nps_count, sum(promoters)::int AS promoters,
                sum(detractors)::int AS detractors, sum(csat_count)::int AS csat_count, sum(csat_top2)::int AS csat_top2,
                sum(ces_count)::int AS ces_count, sum(ces_sum)::float8 AS ces_sum, sum(sentiment_count)::int AS sentiment_count,
                sum(sentiment_sum)::float8 AS sentiment_sum, sum(negative_count)::int AS negative_count
           FROM rollups
          WHERE tenant_id = $1 AND bucket_size = 'day' AND bucket_start >= $2 AND bucket_start < $3 AND theme = $4
            AND ($5::text IS NULL OR touchpoint = $5) AND ($6::text IS NULL OR channel = $6) AND ($7::text IS NULL OR segment = $7)
          GROUP BY bucket_start ORDER BY bucket_start`,
        [tenantId, from, to, scope.theme ?? '*', scope.touchpoint, scope.channel, scope.segment],
      ),
    );
    return rows.map((r) => ({
      day: r.day as Date,
      count: Number(r.count),
      npsCount: Number(r.nps_count),
      promoters: Number(r.promoters),
      detractors: Number(r.detractors),
      csatCount: Number(r.csat_count),
      csatTop2: Number(r.csat_top2),
      cesCount: Number(r.ces_count),
      cesSum: Number(r.ces_sum),
      sentimentCount: Number(r.sentiment_count),
      sentimentSum: Number(r.sentiment_sum),
      negativeCount: Number(r.negative_count),
    }));
  }

  /** NPS counts per theme (and `*`) for the key-driver analysis restricted to a touchpoint, channel and segment. */
  async themeCounts(tenantId: string, scope: GoalScope, from: Date, to: Date): Promise<ThemeCounts[]> {
    return rowsOf<{ theme: string; mentions: number; nps_count: number; promoters: number; detractors: number }>(
      await this.dataSource.query(
        `SELECT theme, sum(count)::int AS mentions, sum(nps_count)::int AS nps_count, sum(promoters)::int AS promoters, sum(detractors)::int AS detractors
           FROM rollups
          WHERE tenant_id = $1 AND bucket_size = 'hour' AND bucket_start >= $2 AND bucket_start < $3
            AND ($4::text IS NULL OR touchpoint = $4) AND ($5::text IS NULL OR channel = $5) AND ($6::text IS NULL OR segment = $6)
          GROUP BY theme`,
        [tenantId, from, to, scope.touchpoint, scope.channel, scope.segment],
      ),
    ).map((r) => ({ theme: r.theme, mentions: r.mentions, npsCount: r.nps_count, promoters: r.promoters, detractors: r.detractors }));
  }
}
