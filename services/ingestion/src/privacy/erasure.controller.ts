import { Body, Controller, HttpCode, HttpException, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { ErasureReceipt, ErasureService } from './erasure.service';

/**
 * The key scope erasing a customer requires. Keys do not carry scopes yet in this branch: the scopes
 * work (issue 11, point 1) enforces this constant on this route; until then the integration key of
 * the tenant is the guard, and the tenant still comes from the key only.
 */
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
@UseGuards(ApiKeyGuard)
@Controller('v1/privacy')
export class ErasureController {
  constructor(private readonly erasures: ErasureService) {}

  @Post('erasures')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiBody({ schema: { type: 'object', required: ['customerId'], properties: { customerId: { type: 'string', minLength: 1, maxLength: MAX_CUSTOMER_ID } } } })
  @ApiResponse({ status: 202, description: 'Erasure recorded; every service erases on privacy.erasure.v1' })
  @ApiResponse({ status: 400, description: 'customerId missing or invalid' })
  @ApiResponse({ status: 401, description: 'No or unknown API key' })
  async erase(@Req() req: AuthenticatedRequest, @Body() body: unknown): Promise<ErasureReceipt> {
    if (!req.is('application/json')) {
      throw new HttpException({ error: 'unsupported_media_type', message: 'Content-Type must be application/json' }, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }
    return this.erasures.erase(req.principal.tenantId, customerIdOf(body));
  }
}
