import { Controller, Get, Query, Req, UseGuards, ValidationPipe } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { narrowToView, RequireScope, ServesRestrictedKeys, TenantGuard, TenantRequest, viewValues } from '@loops/auth';
import { refuseOversizedTrend, refuseUnappliedExploreFilters } from './explore-filters';
import { ExploreQuery } from './explore-query.dto';
import { ExploreService, SMALL_SAMPLE_NPS_ANSWERS } from './explore.service';

const query = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });

/**
 * A touchpoint owner's key reads its touchpoint only: the filter is narrowed before the read runs (403 for another
 * touchpoint, 400 asking to choose when the key has several). Keys limited by theme or account are refused by
 * TenantGuard here, as these reads do not narrow by them.
 */
function narrow(req: TenantRequest, q: ExploreQuery): ExploreQuery {
  q.touchpoint = narrowToView(req.principal, 'touchpoints', q.touchpoint);
  return q;
}

/**
 * What the dashboard reads: the same figures as /v1/reports, computed from the facts so that time range,
 * touchpoint, channel, segment and language combine freely, plus the redacted words behind them.
 */
@ApiTags('explore')
@ApiHeader({ name: 'Authorization', description: "Bearer <API key>; the key's tenant only", required: true })
@UseGuards(TenantGuard)
@Controller('v1/explore')
export class ExploreController {
  constructor(private readonly explore: ExploreService) {}

  @Get('filters')
  @ServesRestrictedKeys('touchpoints')
  @RequireScope('reports:read')
  @ApiOkResponse({ description: "Who the key is (tenant, integration) and the touchpoints, channels, segments and languages in the window" })
  async filters(@Req() req: TenantRequest, @Query(query) q: ExploreQuery) {
    refuseUnappliedExploreFilters('filters', req.query);
    const { tenantId, integrationId, scopes } = req.principal;
    const options = await this.explore.filterOptions(tenantId, q);
    const touchpoints = viewValues(req.principal, 'touchpoints');
    // A touchpoint owner's menu offers their touchpoints (even before any feedback arrived there), no others.
    if (touchpoints) options.touchpoints = touchpoints;
    return { principal: { tenantId, integrationId, scopes, touchpoints }, ...options };
  }

  @Get('trends')
  @ServesRestrictedKeys('touchpoints')
  @RequireScope('reports:read')
  @ApiOkResponse({ description: 'NPS, CSAT mean, CES mean, mean sentiment and negative share per bucket, every bucket of the window present' })
  async trends(@Req() req: TenantRequest, @Query(query) q: ExploreQuery) {
    refuseUnappliedExploreFilters('trends', req.query);
    const { from, to } = q.window();
    refuseOversizedTrend(from, to, q.bucket ?? 'day');
    return { bucket: q.bucket ?? 'day', items: await this.explore.trends(req.principal.tenantId, narrow(req, q)) };
  }

  @Get('drivers')
  @ServesRestrictedKeys('touchpoints')
  @RequireScope('reports:read')
  @ApiOkResponse({ description: `Themes ranked by the NPS points they cost (impact > 0: NPS would be that much higher without them), labelled, smallSample below ${SMALL_SAMPLE_NPS_ANSWERS} NPS answers` })
  async drivers(@Req() req: TenantRequest, @Query(query) q: ExploreQuery) {
    refuseUnappliedExploreFilters('drivers', req.query);
    const { drivers, ...summary } = await this.explore.drivers(req.principal.tenantId, narrow(req, q));
    return { ...summary, smallSampleBelow: SMALL_SAMPLE_NPS_ANSWERS, items: drivers };
  }

  @Get('themes')
  @ServesRestrictedKeys('touchpoints')
  @RequireScope('reports:read')
  @ApiOkResponse({ description: 'Every theme mentioned in scope: label, mentions, negative mentions, NPS answers, mean sentiment' })
  async themes(@Req() req: TenantRequest, @Query(query) q: ExploreQuery) {
    refuseUnappliedExploreFilters('themes', req.query);
    const { overall, themes } = await this.explore.themeStats(req.principal.tenantId, narrow(req, q));
    return { items: themes, total: overall.mentions };
  }

  @Get('verbatims')
  @ServesRestrictedKeys('touchpoints')
  @RequireScope('reports:read')
  @ApiOkResponse({ description: 'What customers wrote (redacted as stored), newest first, by filters, theme, sentiment, emerging issue or item' })
  async verbatims(@Req() req: TenantRequest, @Query(query) q: ExploreQuery) {
    refuseUnappliedExploreFilters('verbatims', req.query);
    const items = await this.explore.verbatims(req.principal.tenantId, narrow(req, q));
    return { items, page: { limit: q.limit, offset: q.offset, returned: items.length } };
  }

  @Get('emerging-issues')
  @ServesRestrictedKeys('touchpoints')
  @RequireScope('reports:read')
  @ApiOkResponse({ description: 'Emerging issues opened in the window, with their evidence and theme label' })
  async emerging(@Req() req: TenantRequest, @Query(query) q: ExploreQuery) {
    refuseUnappliedExploreFilters('emerging-issues', req.query);
    return { items: await this.explore.emergingIssues(req.principal.tenantId, narrow(req, q), q.status) };
  }
}
