import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res, UseGuards, ValidationPipe } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Response } from 'express';
import { ACTION_STATUSES, ActionStatus } from '@loops/contracts';
import { RequireScope, TenantGuard, TenantRequest } from '@loops/auth';
import { jsonOrCsv } from '../reports/respond';
import { ActionStatusBody, ImpactQuery, OpenActionBody } from './action.dto';
import { ActionsService } from './actions.service';

class ActionListQuery {
  @ApiPropertyOptional({ enum: ACTION_STATUSES }) @IsOptional() @IsIn(ACTION_STATUSES) status?: ActionStatus;
  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit = 100;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset = 0;
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

const strict = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });

@ApiTags('actions')
@ApiHeader({ name: 'Authorization', description: "Bearer <API key>; actions of that key's tenant only", required: true })
@UseGuards(TenantGuard)
@Controller('v1/actions')
export class ActionsController {
  constructor(private readonly actions: ActionsService) {}

  @Post()
  @RequireScope('cases:write', 'admin')
  @HttpCode(HttpStatus.CREATED)
  @ApiOkResponse({ description: 'The action as opened; an `opened` event goes to actions.v1' })
  open(@Req() req: TenantRequest, @Body(strict) body: OpenActionBody) {
    return this.actions.open(req.principal.tenantId, body, req.principal.integrationId);
  }

  @Post(':actionId/status')
  @RequireScope('cases:write', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'The action after the move; a `status_changed` event goes to actions.v1; 409 for a move that is not allowed' })
  status(@Req() req: TenantRequest, @Param('actionId', new ParseUUIDPipe()) actionId: string, @Body(strict) body: ActionStatusBody) {
    return this.actions.changeStatus(req.principal.tenantId, actionId, body);
  }

  @Get()
  @RequireScope('reports:read', 'cases:write')
  @ApiOkResponse({ description: 'Actions by due date; CSV with ?format=csv' })
  async list(@Req() req: TenantRequest, @Res({ passthrough: true }) res: Response, @Query(strict) q: ActionListQuery) {
    const items = await this.actions.list(req.principal.tenantId, q);
    return jsonOrCsv(req, res, q.format, 'actions', items.map((a) => ({ ...a })));
  }

  @Get(':actionId/impact')
  @RequireScope('reports:read', 'cases:write')
  @ApiOkResponse({ description: "NPS and the theme's prevalence before and after the action's effective date, each with a 95% interval, and the change with its interval" })
  impact(@Req() req: TenantRequest, @Param('actionId', new ParseUUIDPipe()) actionId: string, @Query(strict) q: ImpactQuery) {
    return this.actions.impact(req.principal.tenantId, actionId, q.days);
  }
}
