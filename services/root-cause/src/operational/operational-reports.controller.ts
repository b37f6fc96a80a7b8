import { Controller, Get, Query, Req, Res, UseGuards, ValidationPipe } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { narrowToView, RequireScope, ServesRestrictedKeys, TenantGuard, TenantRequest } from '@loops/auth';
import { nps } from '../drivers/key-drivers';
import { jsonOrCsv } from '../reports/respond';
import { npsEstimate } from '../stats/intervals';
import { MeasureQuery } from './measure-query.dto';
import { measureEffect } from './measure-regression';
import { OperationalMeasuresDataAccess } from './operational-measures.data-access';

const query = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });

@ApiTags('operational')
@ApiHeader({ name: 'Authorization', description: "Bearer <API key>; the report covers that key's tenant only", required: true })
@UseGuards(TenantGuard)
@Controller('v1/reports')
export class OperationalReportsController {
  constructor(private readonly measures: OperationalMeasuresDataAccess) {}

  @Get('measure-drivers')
  @RequireScope('reports:read')
  @ServesRestrictedKeys('touchpoints')
  @ApiOkResponse({
    description:
      'Operational measures in the driver analysis: NPS points per `per` units of each measure (respondent-level OLS over the measure buckets, 95% interval), strongest first',
  })
  async drivers(@Req() req: TenantRequest, @Res({ passthrough: true }) res: Response, @Query(query) q: MeasureQuery) {
    // A touchpoint owner's key: its touchpoint, or a 403 / 400 naming the touchpoint outside or missing.
    const touchpoint = narrowToView(req.principal, 'touchpoints', q.touchpoint);
    const rows = await this.measures.series(req.principal.tenantId, { ...q.window(), measure: q.measure, touchpoint, bucket: q.bucket });
    const byMeasure = new Map<string, typeof rows>();
    for (const r of rows) byMeasure.set(r.measure, [...(byMeasure.get(r.measure) ?? []), r]);
    const items = [...byMeasure.entries()]
      .map(([measure, buckets]) => {
        const effect = measureEffect(buckets, q.per);
        return {
          measure,
          unit: buckets[0].unit,
          per: q.per,
          touchpoints: [...new Set(buckets.map((b) => b.touchpoint))],
          buckets: effect?.buckets ?? 0,
          respondents: effect?.respondents ?? 0,
          meanValue: effect?.meanValue ?? null,
          npsPointsPerUnit: effect?.slope.value ?? null,
          ci95: effect ? effect.slope.ci95.join('..') : null,
          significant: effect?.significant ?? false,
        };
      })
      .sort((a, b) => Math.abs(b.npsPointsPerUnit ?? 0) - Math.abs(a.npsPointsPerUnit ?? 0));
    return jsonOrCsv(req, res, q.format, 'measure-drivers', items, {
      method: 'OLS of each respondent\'s NPS score (+100/0/−100) on the measure of their touchpoint and bucket; 95% interval from the slope\'s standard error',
    });
  }

  @Get('measure-vs-nps')
  @RequireScope('reports:read')
  @ServesRestrictedKeys('touchpoints')
  @ApiOkResponse({ description: 'Each measure bucket beside the NPS of the same touchpoint and bucket, with its 95% interval: a measure plotted against NPS over time' })
  async series(@Req() req: TenantRequest, @Res({ passthrough: true }) res: Response, @Query(query) q: MeasureQuery) {
    // A touchpoint owner's key: its touchpoint, or a 403 / 400 naming the touchpoint outside or missing.
    const touchpoint = narrowToView(req.principal, 'touchpoints', q.touchpoint);
    const rows = await this.measures.series(req.principal.tenantId, { ...q.window(), measure: q.measure, touchpoint, bucket: q.bucket });
    const items = rows.map((r) => {
      const e = npsEstimate(r.npsCount, r.promoters, r.detractors);
      return {
        measure: r.measure,
        touchpoint: r.touchpoint,
        bucketStart: r.bucketStart,
        value: r.value,
        unit: r.unit,
        observations: r.observations,
        nps: nps(r),
        npsResponses: r.npsCount,
        npsCi95: e ? e.ci95.join('..') : null,
      };
    });
    return jsonOrCsv(req, res, q.format, 'measure-vs-nps', items);
  }
}
