import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface RateDecision {
  allowed: boolean;
  /** Seconds until a request of the same size would pass; 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * One token bucket per API key in PostgreSQL, so every ingestion instance draws on the same budget.
 * One atomic statement per request: the upsert locks the key's row, refills it for the time elapsed,
 * and takes `cost` tokens only when enough are there. `now()` is the statement's start, the same
 * instant everywhere in the statement; `GREATEST` keeps `refilled_at` from moving backwards when two
 * instances' statements commit out of order.
 *
 * A request may take more items than the bucket holds (a 1000-item batch on a 100/s key): it passes
 * when the bucket is full and leaves it in debt, so the long-run rate still holds and no batch is
 * refused forever.
 */
const TAKE = `
  INSERT INTO rate_limit_buckets AS b (bucket_key, tokens, refilled_at, allowed)
  VALUES ($1, $2::float8 - $3::float8, now(), true)
  ON CONFLICT (bucket_key) DO UPDATE SET
    tokens = LEAST($2::float8, b.tokens + GREATEST(0, extract(epoch FROM now() - b.refilled_at)) * $4::float8)
             - CASE WHEN LEAST($2::float8, b.tokens + GREATEST(0, extract(epoch FROM now() - b.refilled_at)) * $4::float8)
                         >= LEAST($3::float8, $2::float8)
                    THEN $3::float8 ELSE 0 END,
    refilled_at = GREATEST(b.refilled_at, now()),
    allowed = LEAST($2::float8, b.tokens + GREATEST(0, extract(epoch FROM now() - b.refilled_at)) * $4::float8)
              >= LEAST($3::float8, $2::float8)
  RETURNING tokens, allowed`;

@Injectable()
export class SharedRateLimiter {
  constructor(private readonly dataSource: DataSource) {}

  /** Takes `cost` items from the key's bucket of `perSecond` items per second and `burstSeconds` of capacity. */
  async take(bucketKey: string, cost: number, perSecond: number, burstSeconds: number): Promise<RateDecision> {
    const capacity = perSecond * burstSeconds;
    const rows: { tokens: number; allowed: boolean }[] = await this.dataSource.query(TAKE, [bucketKey, capacity, cost, perSecond]);
    const { tokens, allowed } = rows[0];
    if (allowed) return { allowed: true, retryAfterSeconds: 0 };
    const missing = Math.min(cost, capacity) - tokens;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / perSecond)) };
  }
}
