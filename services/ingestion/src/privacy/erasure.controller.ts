import { Body, Controller, HttpCode, HttpException, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScope, TenantGuard, TenantRequest } from '@loops/auth';
import { ErasureReceipt, ErasureService } from './erasure.service';

/** Erasing a customer is an administrator's act: an integration's ingest key cannot wipe its tenant's data. */
export const ERASURE_REQUIRED_SCOPE = 'admin';

const MAX_CUSTOMER_ID = 128;

/** Validates the body by hand so every refusal names the field (and nothing partial is erased). */
function customerIdOf(body: unknown): string {
  const fail = (message: string): never => {
    throw new HttpException({ error: 'validation_failed', errors: [{ field: 'customerId', messages: [message] }] }, HttpStatus.BAD_REQUEST);
  };
  if (body === null || typeof body !== 'object' || Array.isArray(body)) fail('the body must be a JSON object with customerId');
  const extra = Object.keys(body as object).filter((k) => k !== 'customerId');
  if (extra.length > 0) {
    throw new HttpException({ error: 'validation_failed', errors: [{ field: extra[0], messages: [`property ${extra[0]} should not exist`] }] }, HttpStatus.BAD_REQUEST);
  }
  const id = (body as { customerId?: unknown }).customerId;
  if (typeof id !== 'string') return fail('customerId must be a string');
  if (id.length === 0 || id.length > MAX_CUSTOMER_ID) fail(`customerId must be 1 to ${MAX_CUSTOMER_ID} characters`);
  if (id.includes('\u0000')) fail('customerId must not contain NUL');
  return id;
}

@ApiTags('privacy')
@ApiHeader({ name: 'Authorization', description: `Bearer <API key> (scope: ${ERASURE_REQUIRED_SCOPE})`, required: true })
@UseGuards(TenantGuard)
@Controller('v1/privacy')
export class ErasureController {
  constructor(private readonly erasures: ErasureService) {}

  @Post('erasures')
  @RequireScope(ERASURE_REQUIRED_SCOPE)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiBody({ schema: { type: 'object', required: ['customerId'], properties: { customerId: { type: 'string', minLength: 1, maxLength: MAX_CUSTOMER_ID } } } })
  @ApiResponse({ status: 202, description: 'Erasure recorded; every service erases on privacy.erasure.v1' })
  @ApiResponse({ status: 400, description: 'customerId missing or invalid' })
  @ApiResponse({ status: 401, description: 'No API key, or one that is not valid or has been revoked' })
  @ApiResponse({ status: 403, description: 'The API key lacks the scope admin' })
  async erase(@Req() req: TenantRequest, @Body() body: unknown): Promise<ErasureReceipt> {
    if (!req.is('application/json')) {
      throw new HttpException({ error: 'unsupported_media_type', message: 'Content-Type must be application/json' }, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }
    return this.erasures.erase(req.principal.tenantId, customerIdOf(body));
  }
}
