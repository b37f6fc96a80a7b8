import { BadRequestException, Body, Controller, Get, HttpCode, Post, Put, Query, Req, Res, UseGuards, ValidationPipe } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireScope, ServesRestrictedKeys, TenantGuard, TenantRequest, viewValues } from '@loops/auth';
import { narrowReportToView } from './report-view';
import { toCsv } from './csv';
import { ChurnModelBody } from './churn-model.dto';
import { phraseProblems, PromoteThemeBody } from './promote-theme.dto';
import { refuseUnappliedFilters } from './report-filters';
import { ReportQuery } from './report-query.dto';
import { ReportsService } from './reports.service';
import { ThemePromotion } from '../taxonomy/theme-promotion';

const query = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });

/** JSON by default; `?format=csv` (or Accept: text/csv) returns the same rows as CSV for spreadsheets. */
function respond(req: TenantRequest, res: Response, q: ReportQuery, name: string, items: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  const csv = q.format === 'csv' || (q.format === undefined && (req.headers.accept ?? '').startsWith('text/csv'));
  if (csv) {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
    return toCsv(items);
  }
  return { ...extra, items, page: { limit: q.limit, offset: q.offset, returned: items.length } };
}

@ApiTags('reports')
@ApiHeader({ name: 'Authorization', description: 'Bearer <API key>; the report covers that key\'s tenant only', required: true })
@UseGuards(TenantGuard)
@Controller('v1/reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly themes: ThemePromotion,
  ) {}

  @ServesRestrictedKeys('touchpoints', 'themes')
  @Get('metrics')
  @RequireScope('reports:read')
  @ApiOkResponse({ description: 'NPS, CSAT, CES and sentiment per time bucket, with filters' })
  async metrics(@Req() req: TenantRequest, @Res({ passthrough: true }) res: Response, @Query(query) q: ReportQuery) {
    refuseUnappliedFilters('metrics', req.query);
    narrowReportToView(req.principal, q, { touchpoints: true, themes: true });
    return respond(req, res, q, 'metrics', await this.reports.metrics(req.principal.tenantId, q));
  }

  @ServesRestrictedKeys('touchpoints', 'themes')
  @Get('drivers')
  @RequireScope('reports:read')
  @ApiOkResponse({ description: 'Themes ranked by the NPS points they cost, with prevalence and a 95% interval' })
  async drivers(@Req() req: TenantRequest, @Res({ passthrough: true }) res: Response, @Query(query) q: ReportQuery) {
    refuseUnappliedFilters('drivers', req.query);
    narrowReportToView(req.principal, q, { touchpoints: true });
    const { drivers, ...summary } = await this.reports.drivers(req.principal.tenantId, q);
    const themes = viewValues(req.principal, 'themes');
    // A theme owner sees their themes' drivers; the overall NPS they are measured against is wider than their view.
    const visible = themes ? drivers.filter((d) => themes.includes(d.theme)) : drivers;
    const shownSummary = themes ? { overallNps: null, respondents: null } : summary;
    return respond(req, res, q, 'drivers', visible.map((d) => ({ ...d, ci95: d.ci95.join('..') })), shownSummary);
  }

  @ServesRestrictedKeys('touchpoints')
  @Get('revenue-at-risk')
  @RequireScope('reports:read')
  @ApiOkResponse({ description: 'Customer value × churn probability, by theme and by touchpoint' })
  async revenue(@Req() req: TenantRequest, @Res({ passthrough: true }) res: Response, @Query(query) q: ReportQuery) {
    refuseUnappliedFilters('revenue-at-risk', req.query);
    narrowReportToView(req.principal, q, { touchpoints: true });
    const { byTheme, byTouchpoint, ...summary } = await this.reports.revenueAtRisk(req.principal.tenantId, q);
    const items = [...byTheme.map((l) => ({ dimension: 'theme', ...l })), ...byTouchpoint.map((l) => ({ dimension: 'touchpoint', ...l }))];
    return respond(req, res, q, 'revenue-at-risk', items.slice(q.offset, q.offset + q.limit), { ...summary, byTheme, byTouchpoint });
  }

  @Put('churn-model')
  @RequireScope('admin')
  @HttpCode(200)
  async setChurnModel(@Req() req: TenantRequest, @Body(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true })) body: ChurnModelBody) {
    return this.reports.setChurnModel(req.principal.tenantId, body);
  }

  @ServesRestrictedKeys('touchpoints', 'themes')
  @Get('insights')
  @RequireScope('reports:read')
  async insights(@Req() req: TenantRequest, @Res({ passthrough: true }) res: Response, @Query(query) q: ReportQuery) {
    refuseUnappliedFilters('insights', req.query);
    narrowReportToView(req.principal, q, { touchpoints: true, themes: true });
    return respond(req, res, q, 'insights', await this.reports.insights(req.principal.tenantId, q));
  }

  @ServesRestrictedKeys('touchpoints', 'themes')
  @Get('emerging-issues')
  @RequireScope('reports:read')
  async emerging(@Req() req: TenantRequest, @Res({ passthrough: true }) res: Response, @Query(query) q: ReportQuery) {
    refuseUnappliedFilters('emerging-issues', req.query);
    narrowReportToView(req.principal, q, { touchpoints: true, themes: true });
    return respond(req, res, q, 'emerging-issues', await this.reports.emergingIssues(req.principal.tenantId, q));
  }

  @ServesRestrictedKeys('touchpoints')
  @Get('candidate-themes')
  @RequireScope('reports:read')
  @ApiOkResponse({ description: 'Negative feedback that matched no theme, grouped by what customers say (label, terms, itemIds, size, touchpoints, examples), largest first, for analysts to name and promote' })
  async candidates(@Req() req: TenantRequest, @Res({ passthrough: true }) res: Response, @Query(query) q: ReportQuery) {
    refuseUnappliedFilters('candidate-themes', req.query);
    narrowReportToView(req.principal, q, { touchpoints: true });
    return respond(req, res, q, 'candidate-themes', (await this.reports.candidateThemes(req.principal.tenantId, q)).map((c) => ({ ...c })));
  }

  @Post('candidate-themes/promote')
  @RequireScope('admin')
  @HttpCode(200)
  @ApiOkResponse({ description: "Adds (or extends) a theme in the tenant's taxonomy; new feedback is matched against it" })
  async promote(@Req() req: TenantRequest, @Body(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true })) body: PromoteThemeBody) {
    const problems = phraseProblems(body.phrases);
    if (problems.length > 0) throw new BadRequestException({ error: 'validation_failed', message: problems });
    return this.themes.promote(req.principal.tenantId, body, req.principal.integrationId);
  }

  @Get('cases')
  @RequireScope('reports:read', 'cases:write')
  async cases(@Req() req: TenantRequest, @Res({ passthrough: true }) res: Response, @Query(query) q: ReportQuery) {
    refuseUnappliedFilters('cases', req.query);
    return respond(req, res, q, 'cases', await this.reports.cases(req.principal.tenantId, q));
  }

  @Get('root-causes')
  @RequireScope('reports:read')
  @ApiOkResponse({ description: 'Root-cause codes of resolved cases, ranked' })
  async rootCauses(@Req() req: TenantRequest, @Res({ passthrough: true }) res: Response, @Query(query) q: ReportQuery) {
    refuseUnappliedFilters('root-causes', req.query);
    return respond(req, res, q, 'root-causes', await this.reports.rootCauses(req.principal.tenantId, q));
  }
}
