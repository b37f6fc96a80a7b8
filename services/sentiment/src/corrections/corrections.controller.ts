import { Body, Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { TenantGuard, type TenantRequest } from '@loops/auth';
import { AccuracyQuery, CreateCorrectionBody, ListCorrectionsQuery } from './correction.dto';
import { CorrectionsAccess, CORRECTIONS_READ_SCOPE, CORRECTIONS_WRITE_SCOPE } from './corrections-access';
import { CorrectionsService } from './corrections.service';
import { valid } from './http-errors';

@ApiTags('corrections')
@UseGuards(TenantGuard)
@Controller('v1/corrections')
export class CorrectionsController {
  constructor(private readonly corrections: CorrectionsService) {}

  @Post()
  @CorrectionsAccess(CORRECTIONS_WRITE_SCOPE)
  @ApiOperation({ summary: "Correct an item's sentiment and/or themes; retrains the tenant's adapter" })
  @ApiBody({ type: CreateCorrectionBody })
  @ApiResponse({
    status: 201,
    description: 'Recorded; `adapter` is the revision later feedback of this tenant is analysed with',
  })
  @ApiResponse({ status: 200, description: 'The same correction was recorded before: nothing changed' })
  @ApiResponse({ status: 400, description: '`errors` names every invalid field' })
  @ApiResponse({ status: 404, description: "No such item for this tenant (another tenant's item included)" })
  @ApiResponse({ status: 409, description: 'The item has no analysis yet' })
  async create(@Req() req: TenantRequest, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const result = await this.corrections.create(req.principal.tenantId, valid(CreateCorrectionBody, body));
    res.status(result.created ? 201 : 200);
    return result;
  }

  @Get()
  @CorrectionsAccess(CORRECTIONS_READ_SCOPE)
  @ApiOperation({ summary: "The tenant's corrections, newest first" })
  list(@Req() req: TenantRequest, @Query() query: ListCorrectionsQuery) {
    const q = valid(ListCorrectionsQuery, query);
    return this.corrections.list(req.principal.tenantId, q.limit, q.cursor, q.feedbackEventId);
  }

  @Get('accuracy')
  @CorrectionsAccess(CORRECTIONS_READ_SCOPE)
  @ApiOperation({
    summary: 'Measured accuracy per week: share of reviewed items whose analysis the analyst agreed with',
  })
  accuracy(@Req() req: TenantRequest, @Query() query: AccuracyQuery) {
    return this.corrections.accuracy(req.principal.tenantId, valid(AccuracyQuery, query).since);
  }
}
