import { Controller, HttpCode, Inject, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { RequireScope, TenantGuard, TenantRequest } from '@loops/auth';
import { PLATFORM_ENV } from '@loops/platform';
import { notFound, validBody } from '../http/valid-body';
import { RoutingEnv } from '../routing.env';
import { IsISO8601 } from 'class-validator';
import { EscalationService } from './escalation.service';

class RunEscalationsQuery {
  @IsISO8601({ strict: true })
  at!: string;
}

/**
 * Runs the escalation sweep for the caller's tenant as of a given instant: a controllable clock for
 * end-to-end tests and drills. Exists only when ROUTING_ADMIN_CLOCK=enabled (404 otherwise).
 */
@ApiExcludeController()
@UseGuards(TenantGuard)
@Controller('v1/admin/escalations')
export class EscalationAdminController {
  constructor(
    private readonly escalation: EscalationService,
    @Inject(PLATFORM_ENV) private readonly env: RoutingEnv,
  ) {}

  @Post('run')
  @RequireScope('admin')
  @HttpCode(200)
  run(@Req() req: TenantRequest, @Query() query: Record<string, string>) {
    if (this.env.ROUTING_ADMIN_CLOCK !== 'enabled') throw notFound('route');
    const { at } = validBody(RunEscalationsQuery, query);
    return this.escalation.escalateDue(new Date(at), req.principal.tenantId);
  }
}
