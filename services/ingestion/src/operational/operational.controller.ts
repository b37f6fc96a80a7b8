import { Body, Controller, HttpCode, HttpException, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { OperationalMeasure, OperationalMeasureSubmission } from '@loops/contracts';
import { RequireScope, TenantGuard, TenantRequest } from '@loops/auth';
import { ItemRateLimitGuard, MAX_BATCH } from '../auth/item-rate-limit.guard';
import { intakeMeasure } from './measure-intake';
import { MeasurePublisher } from './measure-publisher';

@ApiTags('operational')
@ApiHeader({ name: 'Authorization', description: 'Bearer <API key> with the scope ingest', required: true })
// The same key, scope and per-key item rate as feedback: a measure counts as one item.
@UseGuards(TenantGuard, ItemRateLimitGuard)
@Controller('v1/operational')
export class OperationalController {
  constructor(private readonly publisher: MeasurePublisher) {}

  @Post('measures/batch')
  @RequireScope('ingest')
  @HttpCode(HttpStatus.OK)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['items'],
      properties: { items: { type: 'array', minItems: 1, maxItems: MAX_BATCH, items: { $ref: getSchemaPath(OperationalMeasureSubmission) } } },
    },
  })
  @ApiResponse({ status: 200, description: 'Per-item results (accepted with its measureId, or rejected with field errors); one bad item never sinks the rest' })
  @ApiResponse({ status: 400, description: 'The envelope itself is invalid' })
  async submitBatch(@Req() req: TenantRequest, @Body() body: unknown) {
    if (!req.is('application/json')) {
      throw new HttpException({ error: 'unsupported_media_type', message: 'Content-Type must be application/json' }, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }
    const items = (body as { items?: unknown } | null)?.items;
    if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH) {
      throw new HttpException(
        { error: 'validation_failed', errors: [{ field: 'items', messages: [`items must be an array of 1 to ${MAX_BATCH} measure objects`] }] },
        HttpStatus.BAD_REQUEST,
      );
    }
    const now = new Date();
    const outcomes = items.map((item) => intakeMeasure(item, req.principal, now));
    await this.publisher.publish(outcomes.flatMap((o) => (o.event ? [o.event] : [] as OperationalMeasure[])));
    return {
      accepted: outcomes.filter((o) => o.result.status === 'accepted').length,
      rejected: outcomes.filter((o) => o.result.status === 'rejected').length,
      results: outcomes.map((o, index) => ({ index, ...o.result })),
    };
  }
}
