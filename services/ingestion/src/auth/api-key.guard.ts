import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PLATFORM_ENV } from '@loops/platform';
import { IngestionEnv } from '../ingestion.env';
import { looksLikeApiKey } from './api-key';
import { ApiKeyRepository, Principal } from './api-key.repository';
import { RateLimiter } from './rate-limiter';

export interface AuthenticatedRequest extends Request {
  principal: Principal;
}

function presentedKey(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const apiKey = req.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : undefined;
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
    const key = presentedKey(req);
    if (!key || !looksLikeApiKey(key)) {
      throw new HttpException(
        { error: 'unauthorized', message: 'an API key is required: Authorization: Bearer <key> or X-API-Key' },
        HttpStatus.UNAUTHORIZED,
      );
    }
    const principal = await this.keys.findByKey(key);
    if (!principal) {
      throw new HttpException({ error: 'unauthorized', message: 'unknown API key' }, HttpStatus.UNAUTHORIZED);
    }
    if (principal.revoked) {
      throw new HttpException({ error: 'forbidden', message: 'this API key has been revoked' }, HttpStatus.FORBIDDEN);
    }
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
