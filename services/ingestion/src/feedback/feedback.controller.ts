import { Body, Controller, HttpCode, HttpException, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { FeedbackSubmission } from '@loops/contracts';
import { RequireScope, TenantGuard, TenantRequest } from '@loops/auth';
import { ItemRateLimitGuard, MAX_BATCH } from '../auth/item-rate-limit.guard';
import { AcceptedBody, BatchResponse, ValidationErrorBody } from './feedback.dto';
import { FeedbackIntakeService } from './feedback-intake.service';

function requireJson(req: TenantRequest): void {
  if (!req.is('application/json')) {
    throw new HttpException(
      { error: 'unsupported_media_type', message: 'Content-Type must be application/json' },
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    );
  }
}

@ApiTags('feedback')
@ApiHeader({ name: 'Authorization', description: 'Bearer <API key>', required: true })
// TenantGuard first (key and scope), then the shared per-key item rate.
@UseGuards(TenantGuard, ItemRateLimitGuard)
@Controller('v1/feedback')
export class FeedbackController {
  constructor(private readonly intake: FeedbackIntakeService) {}

  @Post()
  @RequireScope('ingest')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiBody({ schema: { $ref: getSchemaPath(FeedbackSubmission) } })
  @ApiResponse({ status: 202, type: AcceptedBody, description: 'Accepted (or a duplicate of an accepted item)' })
  @ApiResponse({ status: 400, type: ValidationErrorBody })
  @ApiResponse({ status: 401, description: 'No API key, or one that is not valid or has been revoked' })
  @ApiResponse({ status: 403, description: 'The API key lacks the scope ingest' })
  @ApiResponse({ status: 413, description: 'Body too large' })
  @ApiResponse({ status: 415, description: 'Not application/json' })
  @ApiResponse({ status: 429, description: 'Over the key\'s items per second; see Retry-After' })
  async submitOne(@Req() req: TenantRequest, @Body() body: unknown) {
    requireJson(req);
    const [result] = await this.intake.intake([body], req.principal);
    if (result.status === 'rejected') {
      throw new HttpException({ error: 'validation_failed', errors: result.errors }, HttpStatus.BAD_REQUEST);
    }
    return result;
  }

  @Post('batch')
  @RequireScope('ingest')
  @HttpCode(HttpStatus.OK)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['items'],
      properties: { items: { type: 'array', minItems: 1, maxItems: MAX_BATCH, items: { $ref: getSchemaPath(FeedbackSubmission) } } },
    },
  })
  @ApiResponse({ status: 200, type: BatchResponse, description: 'Per-item results; one bad item never sinks the rest' })
  @ApiResponse({ status: 400, type: ValidationErrorBody, description: 'The envelope itself is invalid' })
  @ApiResponse({ status: 401, description: 'No API key, or one that is not valid or has been revoked' })
  @ApiResponse({ status: 403, description: 'The API key lacks the scope ingest' })
  @ApiResponse({ status: 413, description: 'Body too large' })
  @ApiResponse({ status: 415, description: 'Not application/json' })
  @ApiResponse({ status: 429, description: 'Over the key\'s items per second; see Retry-After' })
  async submitBatch(@Req() req: TenantRequest, @Body() body: unknown): Promise<BatchResponse> {
    requireJson(req);
    const items = (body as { items?: unknown } | null)?.items;
    if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH) {
      throw new HttpException(
        {
          error: 'validation_failed',
          errors: [{ field: 'items', messages: [`items must be an array of 1 to ${MAX_BATCH} feedback objects`] }],
        },
        HttpStatus.BAD_REQUEST,
      );
    }
    const results = await this.intake.intake(items, req.principal);
    return {
      accepted: results.filter((r) => r.status === 'accepted').length,
      duplicates: results.filter((r) => r.status === 'duplicate').length,
      rejected: results.filter((r) => r.status === 'rejected').length,
      results: results.map((r, index) => ({ index, ...r })),
    };
  }
}
