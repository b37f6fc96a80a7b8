import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { TenantRequest } from '@loops/auth';
import { markRejected } from '@loops/observability';
import { PLATFORM_ENV } from '@loops/platform';
import { IngestionEnv } from '../ingestion.env';
import { SharedRateLimiter } from './shared-rate-limiter';

export const MAX_BATCH = 1000;

/**
 * Items a request submits: a batch of 500 costs 500, a single item 1. A malformed envelope costs 1
 * (it is refused with 400 right after, storing nothing).
 */
export function itemCost(body: unknown): number {
  const items = (body as { items?: unknown } | null)?.items;
  return Array.isArray(items) && items.length >= 1 && items.length <= MAX_BATCH ? items.length : 1;
}

/**
 * Per-key rate in items per second, shared by every instance (PostgreSQL token bucket). Runs after
 * `TenantGuard`, so the key is known to be valid and allowed to ingest. The whole request passes or
 * waits: a batch is never half-accepted for rate reasons.
 */
@Injectable()
export class ItemRateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: SharedRateLimiter,
    @Inject(PLATFORM_ENV) private readonly env: IngestionEnv,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<TenantRequest>();
    const perSecond = req.principal.itemsPerSecond ?? this.env.RATE_LIMIT_PER_SECOND;
    const cost = itemCost(req.body);
    const decision = await this.limiter.take(`ingest:${req.principal.keyId}`, cost, perSecond, this.env.RATE_LIMIT_BURST_SECONDS);
    if (decision.allowed) return true;
    const res = context.switchToHttp().getResponse<Response>();
    res.setHeader('Retry-After', String(decision.retryAfterSeconds));
    markRejected(res, 'rate_limit');
    throw new HttpException(
      {
        error: 'rate_limited',
        message:
          `this API key may submit ${perSecond} items per second (bursts up to ${perSecond * this.env.RATE_LIMIT_BURST_SECONDS}); ` +
          `this request carries ${cost} item(s); retry after ${decision.retryAfterSeconds} s`,
        limit: { itemsPerSecond: perSecond, burstItems: perSecond * this.env.RATE_LIMIT_BURST_SECONDS },
        retryAfterSeconds: decision.retryAfterSeconds,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
