import { BadRequestException, Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Query, Req, UseGuards, ValidationPipe } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireScope, TenantGuard, TenantRequest } from '@loops/auth';
import { parseNotifyTargets } from '@loops/notify';
import { DigestComposer } from './digest-composer';
import { digestSubject } from './digest-render';
import { SubscribeDigestBody } from './digest.dto';
import { DigestScheduler } from './digest.scheduler';
import { DigestsDataAccess } from './digests.data-access';

const body = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WEEK = 7 * 86_400_000;

/** Owners' digests: subscriptions (admin), their deliveries, and a preview of what an owner would get now. */
@ApiTags('digests')
@ApiHeader({ name: 'Authorization', description: 'Bearer <API key>; subscriptions and digests of that key\'s tenant only', required: true })
@UseGuards(TenantGuard)
@Controller('v1/digests')
export class DigestsController {
  constructor(
    private readonly digests: DigestsDataAccess,
    private readonly composer: DigestComposer,
    private readonly scheduler: DigestScheduler,
  ) {}

  @Post('subscriptions')
  @RequireScope('admin')
  @ApiOkResponse({ description: 'The subscription; its newest due period is composed and sent on the next pass' })
  async subscribe(@Req() req: TenantRequest, @Body(body) b: SubscribeDigestBody) {
    const problems: string[] = [];
    const targets = parseNotifyTargets(b.deliver, 'deliver', problems);
    if (problems.length === 0 && targets.length !== 1) problems.push('deliver: expected exactly one of email, slack or teams (subscribe again for another)');
    if (problems.length > 0) throw new BadRequestException({ error: 'validation_failed', errors: [{ field: 'deliver', messages: problems }] });
    return this.digests.subscribe({
      tenantId: req.principal.tenantId,
      owner: b.owner,
      cadence: b.cadence ?? 'weekly',
      weekday: b.weekday ?? 1,
      hourUtc: b.hourUtc ?? 8,
      touchpoints: b.touchpoints ?? [],
      themes: b.themes ?? [],
      target: targets[0],
      createdBy: req.principal.integrationId,
    });
  }

  @Get('subscriptions')
  @RequireScope('admin')
  async list(@Req() req: TenantRequest) {
    return { items: await this.digests.list(req.principal.tenantId) };
  }

  @Delete('subscriptions/:subscriptionId')
  @RequireScope('admin')
  @HttpCode(204)
  async unsubscribe(@Req() req: TenantRequest, @Param('subscriptionId') id: string) {
    if (!UUID.test(id) || !(await this.digests.unsubscribe(req.principal.tenantId, id))) throw notFound(id);
  }

  @Get('subscriptions/:subscriptionId/deliveries')
  @RequireScope('admin')
  @ApiOkResponse({ description: 'The newest periods sent (or pending, or failed with the reason), each with its page link' })
  async deliveries(@Req() req: TenantRequest, @Param('subscriptionId') id: string) {
    if (!UUID.test(id) || !(await this.digests.get(req.principal.tenantId, id))) throw notFound(id);
    const items = await this.digests.deliveries(req.principal.tenantId, id);
    return {
      items: items.map(({ content, pageToken, ...d }) => ({ ...d, subject: digestSubject(content), pageUrl: this.scheduler.pageUrl(pageToken), digest: content })),
    };
  }

  @Get('preview')
  @RequireScope('reports:read')
  @ApiOkResponse({ description: "What an owner's digest would say for the seven days up to now" })
  async preview(@Req() req: TenantRequest, @Query('owner') owner?: string, @Query('touchpoint') touchpoint?: string, @Query('theme') theme?: string) {
    if (!owner || owner.length > 200) throw new BadRequestException({ error: 'validation_failed', errors: [{ field: 'owner', messages: ['owner is required (1-200 characters)'] }] });
    const now = new Date();
    return this.composer.compose(
      { tenantId: req.principal.tenantId, owner, period: { from: new Date(now.getTime() - WEEK), to: now }, touchpoints: touchpoint ? [touchpoint] : [], themes: theme ? [theme] : [] },
      now,
    );
  }
}

function notFound(id: string): NotFoundException {
  return new NotFoundException({ error: 'not_found', message: `no digest subscription ${JSON.stringify(id.slice(0, 64))}` });
}
