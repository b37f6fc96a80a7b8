import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { PlatformEnv } from '@loops/config';
import { IsRedactionPatterns } from './redaction/redaction-patterns';

export class IngestionEnv extends PlatformEnv {
  /** Largest accepted request body; bigger requests get 413. */
  @IsOptional()
  @IsString()
  BODY_LIMIT: string = '2mb';

  /** How long the publisher waits to group concurrent requests into one Kafka batch. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  PUBLISH_LINGER_MS: number = 5;

  /**
   * Feedback items per second per API key, shared by every ingestion instance (a batch of 500 counts
   * 500). A key's own `items_per_second` (api-keys create --items-per-second) overrides it.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_SECOND: number = 500;

  /**
   * Bucket capacity in seconds of the rate: how large a burst a key may send after being idle. The
   * default (10 s of 500 items = 5,000) lets an integration send five full batches at once, then holds
   * it to the rate.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3600)
  RATE_LIMIT_BURST_SECONDS: number = 10;

  /** Unpublished rows older than this are re-published by the outbox relay. */
  @IsOptional()
  @IsInt()
  @Min(1000)
  OUTBOX_RELAY_AFTER_MS: number = 10000;

  /**
   * Extra redaction patterns for free text, as JSON: `[{"name":"order","pattern":"ORD-\\d{6}","flags":"i"}]`.
   * Matches become `[REDACTED:<name>]`.
   */
  @IsOptional()
  @IsRedactionPatterns()
  REDACTION_PATTERNS: string = '';

  /** `occurredAt` later than this many minutes ahead of the server clock is refused (per item, 400 / DLQ). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10080)
  OCCURRED_AT_MAX_FUTURE_SKEW_MINUTES: number = 10;

  /** `occurredAt` before this instant is refused (per item, 400 / DLQ). */
  @IsOptional()
  @IsISO8601({ strict: true })
  OCCURRED_AT_FLOOR: string = '2000-01-01T00:00:00Z';

  /** `production` makes LOOPS_PSEUDONYM_KEY mandatory; anything else may run on the documented dev key. */
  @IsOptional()
  @IsIn(['production', 'development'])
  LOOPS_ENV: string = 'development';

  /**
   * Secret key of the customer-id pseudonyms (HMAC-SHA256), at least 32 characters. Required when
   * LOOPS_ENV=production; elsewhere a documented development key is used and a warning is logged.
   * Changing it changes every pseudonym (new cases per customer, erasure by the old pseudonym misses).
   */
  @ValidateIf((o: IngestionEnv) => o.LOOPS_ENV === 'production' || o.LOOPS_PSEUDONYM_KEY !== undefined)
  @IsString({ message: 'LOOPS_PSEUDONYM_KEY is required when LOOPS_ENV=production' })
  @MinLength(32, { message: 'LOOPS_PSEUDONYM_KEY must be at least 32 characters' })
  LOOPS_PSEUDONYM_KEY?: string;
}
