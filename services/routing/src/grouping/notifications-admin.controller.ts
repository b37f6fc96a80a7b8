import { Controller, HttpCode, Inject, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { RequireScope, TenantGuard, TenantRequest } from '@loops/auth';
import { PLATFORM_ENV } from '@loops/platform';
import { notFound, validBody } from '../http/valid-body';
import { NotificationDispatcher } from '../receivers/notification.dispatcher';
import { RoutingEnv } from '../routing.env';

class RunNotificationsQuery {
  @IsISO8601({ strict: true })
  at!: string;
}

/**
 * Flushes the caller's due notification groups and sends what is due as of a given instant: a
 * controllable clock for end-to-end tests and drills, like the escalation one. Exists only when
 * ROUTING_ADMIN_CLOCK=enabled (404 otherwise).
 */
@ApiExcludeController()
@UseGuards(TenantGuard)
@Controller('v1/admin/notifications')
export class NotificationsAdminController {
  constructor(
    private readonly dispatcher: NotificationDispatcher,
    @Inject(PLATFORM_ENV) private readonly env: RoutingEnv,
  ) {}

  @Post('run')
  @RequireScope('admin')
  @HttpCode(200)
  run(@Req() req: TenantRequest, @Query() query: Record<string, string>) {
    if (this.env.ROUTING_ADMIN_CLOCK !== 'enabled') throw notFound('route');
    const { at } = validBody(RunNotificationsQuery, query);
    return this.dispatcher.run(new Date(at), req.principal.tenantId);
  }
}
