import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { KeyDriver, keyDrivers } from '../drivers/key-drivers';
import { OperationalMeasuresDataAccess } from '../operational/operational-measures.data-access';
import { DayCounts, goalProgress, GoalProgress } from './goal-progress';
import { CreateGoalBody, DEFAULT_DIRECTION, Goal } from './goal.dto';
import { GoalsDataAccess } from './goals.data-access';

const TOP_DRIVERS = 5;

export interface GoalWithProgress {
  goal: Goal;
  progress: GoalProgress;
  /** The key-driver analysis restricted to the goal's touchpoint, channel and segment over the period so far. */
  drivers: KeyDriver[];
}

@Injectable()
export class GoalsService {
  constructor(
    private readonly goals: GoalsDataAccess,
    private readonly measures: OperationalMeasuresDataAccess,
  ) {}

  async create(tenantId: string, body: CreateGoalBody, createdBy: string): Promise<Goal> {
    const problems: { field: string; messages: string[] }[] = [];
    if ((body.metric === 'measure') !== (body.measure !== undefined)) {
      problems.push({ field: 'measure', messages: ['measure is required when metric is measure, and only then'] });
    }
    const start = new Date(body.periodStart);
    const end = new Date(body.periodEnd);
    if (!(end > start)) problems.push({ field: 'periodEnd', messages: ['periodEnd must be after periodStart'] });
    if (body.metric === 'measure' && (body.channel || body.segment || body.theme)) {
      problems.push({ field: 'measure', messages: ['an operational measure is scoped by touchpoint only (not channel, segment or theme)'] });
    }
    if (problems.length > 0) throw new BadRequestException({ error: 'validation_failed', errors: problems });
    return this.goals.insert(tenantId, {
      name: body.name,
      metric: body.metric,
      measure: body.measure ?? null,
      direction: body.direction ?? DEFAULT_DIRECTION[body.metric],
      target: body.target,
      touchpoint: body.touchpoint ?? null,
      channel: body.channel ?? null,
      segment: body.segment ?? null,
      theme: body.theme ?? null,
      periodStart: start,
      periodEnd: end,
      owner: body.owner,
      createdBy,
    });
  }

  list(tenantId: string, limit: number, offset: number, touchpoints: string[] | null = null): Promise<Goal[]> {
    return this.goals.list(tenantId, limit, offset, touchpoints);
  }

  async withProgress(tenantId: string, goal: Goal, now = new Date()): Promise<GoalWithProgress> {
    const to = new Date(Math.min(goal.periodEnd.getTime(), now.getTime()));
    let days: DayCounts[];
    if (goal.metric === 'measure') {
      const values = await this.measures.values(tenantId, { from: goal.periodStart, to, measure: goal.measure!, touchpoint: goal.touchpoint ?? undefined });
      days = values.map((v) => ({ ...emptyDay(v.bucketStart), measureValue: v.value, measureWeight: v.weight }));
    } else {
      days = await this.goals.dailyCounts(tenantId, goal, goal.periodStart, to);
    }
    const themes = await this.goals.themeCounts(tenantId, goal, goal.periodStart, to);
    const overall = themes.find((t) => t.theme === '*') ?? { theme: '*', mentions: 0, npsCount: 0, promoters: 0, detractors: 0 };
    const drivers = keyDrivers(overall, themes.filter((t) => t.theme !== '*')).slice(0, TOP_DRIVERS);
    return { goal, progress: goalProgress(goal, days), drivers };
  }

  async one(tenantId: string, goalId: string, touchpoints: string[] | null = null): Promise<GoalWithProgress> {
    const found = await this.goals.get(tenantId, goalId);
    // Another tenant's goal, or one outside a department key's touchpoints, is answered exactly like a missing one.
    const goal = found && (touchpoints === null || (found.touchpoint !== null && touchpoints.includes(found.touchpoint))) ? found : undefined;
    if (!goal) throw new NotFoundException({ error: 'not_found', message: `no goal ${goalId}` });
    return this.withProgress(tenantId, goal);
  }
}

function emptyDay(day: Date): DayCounts {
  return { day, count: 0, npsCount: 0, promoters: 0, detractors: 0, csatCount: 0, csatTop2: 0, cesCount: 0, cesSum: 0, sentimentCount: 0, sentimentSum: 0, negativeCount: 0 };
}
