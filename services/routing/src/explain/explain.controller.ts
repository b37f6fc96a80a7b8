import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScope, TenantGuard, TenantRequest } from '@loops/auth';
import { FeedbackAnalyzed } from '@loops/contracts';
import { validBody } from '../http/valid-body';
import { ExplainService } from './explain.service';

@ApiTags('routing-tree')
@UseGuards(TenantGuard)
@Controller('v1/routing/explain')
export class ExplainController {
  constructor(private readonly explainer: ExplainService) {}

  @Post()
  @RequireScope('admin')
  @HttpCode(200)
  @ApiBody({ description: 'A FeedbackAnalyzed event (libs/contracts/schemas/FeedbackAnalyzed.schema.json)' })
  @ApiResponse({ status: 200, description: 'Routes tried with every matcher, receivers, silences, inhibitions, case disposition' })
  explain(@Req() req: TenantRequest, @Body() body: unknown) {
    return this.explainer.explain(req.principal.tenantId, validBody(FeedbackAnalyzed, body));
  }
}
