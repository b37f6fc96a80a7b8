import { IsInt, IsISO8601, IsOptional, IsString, Max, Min } from 'class-validator';
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

  /** Requests per second allowed per API key (token bucket; burst = 2 seconds' worth). */
  @IsOptional()
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_SECOND: number = 200;

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
}
