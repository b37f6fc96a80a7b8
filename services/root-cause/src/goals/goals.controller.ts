import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res, UseGuards, ValidationPipe } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Response } from 'express';
import { RequireScope, ServesRestrictedKeys, TenantGuard, TenantRequest, viewValues } from '@loops/auth';
import { jsonOrCsv } from '../reports/respond';
import { CreateGoalBody } from './goal.dto';
import { GoalsService } from './goals.service';

class GoalListQuery {
  @ApiPropertyOptional({ default: 100, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 100;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset = 0;
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

const strict = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });

@ApiTags('goals')
@ApiHeader({ name: 'Authorization', description: "Bearer <API key>; goals of that key's tenant only", required: true })
@UseGuards(TenantGuard)
@Controller('v1/goals')
export class GoalsController {
  constructor(private readonly goals: GoalsService) {}

  @Post()
  @RequireScope('admin')
  @HttpCode(HttpStatus.CREATED)
  @ApiOkResponse({ description: 'The goal as stored (direction defaulted from the metric)' })
  create(@Req() req: TenantRequest, @Body(strict) body: CreateGoalBody) {
    return this.goals.create(req.principal.tenantId, body, req.principal.integrationId);
  }

  @Get()
  @RequireScope('reports:read')
  // A touchpoint owner's key lists the goals on its touchpoints only.
  @ServesRestrictedKeys('touchpoints')
  @ApiOkResponse({ description: 'Goals with their progress (value, 95% interval, gap, status, weekly trend); CSV with ?format=csv' })
  async list(@Req() req: TenantRequest, @Res({ passthrough: true }) res: Response, @Query(strict) q: GoalListQuery) {
    const goals = await this.goals.list(req.principal.tenantId, q.limit, q.offset, viewValues(req.principal, 'touchpoints'));
    const withProgress = await Promise.all(goals.map((g) => this.goals.withProgress(req.principal.tenantId, g)));
    const items = withProgress.map(({ goal, progress, drivers }) => ({
      ...goal,
      value: progress.value,
      ci95: progress.ci95?.join('..') ?? null,
      basis: progress.basis,
      gap: progress.gap,
      status: progress.status,
      trendPerWeek: progress.trendPerWeek?.value ?? null,
      trendCi95: progress.trendPerWeek?.ci95.join('..') ?? null,
      topDriver: drivers[0]?.theme ?? null,
      topDriverImpact: drivers[0]?.impact ?? null,
    }));
    return jsonOrCsv(req, res, q.format, 'goals', items);
  }

  @Get(':goalId')
  @RequireScope('reports:read')
  @ServesRestrictedKeys('touchpoints')
  @ApiOkResponse({ description: 'One goal: progress with interval, trend and daily series, and the key drivers restricted to its scope' })
  one(@Req() req: TenantRequest, @Param('goalId', new ParseUUIDPipe()) goalId: string) {
    return this.goals.one(req.principal.tenantId, goalId, viewValues(req.principal, 'touchpoints'));
  }
}
