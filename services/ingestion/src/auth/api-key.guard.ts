import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PLATFORM_ENV } from '@loops/platform';
import { IngestionEnv } from '../ingestion.env';
import { ApiKeyRepository, authenticate, Principal } from '@loops/auth';
import { RateLimiter } from './rate-limiter';

export interface AuthenticatedRequest extends Request {
  principal: Principal;
}

/**
 * Resolves the API key to its tenant and integration: 401 without a valid key, 403 when revoked,
 * 429 with Retry-After over the per-key rate. The tenant comes from here and nowhere else.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly limiter: RateLimiter;

  constructor(
    private readonly keys: ApiKeyRepository,
    @Inject(PLATFORM_ENV) env: IngestionEnv,
  ) {
    this.limiter = new RateLimiter(env.RATE_LIMIT_PER_SECOND);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await authenticate(this.keys, req);
    const retryAfter = this.limiter.take(principal.keyId);
    if (retryAfter > 0) {
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
      throw new HttpException(
        { error: 'rate_limited', message: `rate limit exceeded; retry after ${retryAfter} s` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    req.principal = principal;
    return true;
  }
}
