import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { PlatformEnv } from '@loops/config';
import { DEFAULT_EMERGING } from './emerging/emerging-detector';

export class RootCauseEnv extends PlatformEnv {
  /** An emerging issue needs at least this many negative items in its hourly bucket. */
  @IsOptional()
  @IsInt()
  @Min(1)
  EMERGING_MIN_COUNT: number = DEFAULT_EMERGING.minCount;

  /** ... and at least this many times the baseline rate. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  EMERGING_MIN_RATE_RATIO: number = DEFAULT_EMERGING.minRateRatio;

  /** Benjamini-Hochberg false-discovery level across the touchpoint × theme tests of one evaluation. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  EMERGING_FDR_Q: number = DEFAULT_EMERGING.fdrQ;

  /** No issue for a tenant or theme without feedback at least this many hours before the bucket. */
  @IsOptional()
  @IsInt()
  @Min(0)
  EMERGING_WARMUP_HOURS: number = DEFAULT_EMERGING.warmupHours;

  /** Buckets older than this many hours, or in the future, update rollups but never open or resolve issues. */
  @IsOptional()
  @IsInt()
  @Min(0)
  EMERGING_DETECTION_WINDOW_HOURS: number = DEFAULT_EMERGING.detectionWindowHours;

  /** Where the analyst's browser reaches the sentiment service (the dashboard's "Correct an analysis" calls it). */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+$/, { message: 'SENTIMENT_PUBLIC_URL must be an http(s)://host[:port] origin without a path' })
  SENTIMENT_PUBLIC_URL: string = 'http://127.0.0.1:3002';

  /**
   * Where root-cause reaches the routing service's case API. The dashboard's case queue calls same-origin
   * routes (`/v1/routing/cases`) that forward the analyst's key here, so routing needs no CORS.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+$/, { message: 'ROUTING_URL must be an http(s)://host[:port] origin without a path' })
  ROUTING_URL: string = 'http://127.0.0.1:3003';

  /**
   * The dashboard's public base URL (this service, or the proxy in front of it): digests link their page as
   * `<LOOPS_DASHBOARD_URL>/digests/<token>`.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s?#]*[^\s?#/]$/, { message: 'LOOPS_DASHBOARD_URL must be an http(s) URL without a trailing slash, query or fragment' })
  LOOPS_DASHBOARD_URL: string = 'http://localhost:3004';

  /** How often due digests are composed and sent (0 turns digests off). */
  @IsOptional()
  @IsInt()
  @Min(0)
  DIGEST_POLL_MS: number = 60_000;

  /** First retry of a digest a receiver refused for a passing reason; doubles per attempt. */
  @IsOptional()
  @IsInt()
  @Min(1)
  DIGEST_RETRY_BASE_MS: number = 60_000;

  /** Attempts before a digest is marked failed. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  DIGEST_MAX_ATTEMPTS: number = 8;

  /** SSRF guard for Slack / Teams digests: see the routing service's variables of the same names. */
  @IsOptional()
  @IsIn(['true', 'false'])
  WEBHOOK_ALLOW_PRIVATE: string = 'false';

  @IsOptional()
  @IsString()
  WEBHOOK_ALLOWED_HOSTS: string = '';

  /**
   * A read replica (or any read-only copy) of the reporting store: when set, the reporting API and the dashboard
   * read from it; every write still goes to DATABASE_URL. Unset: reports read from DATABASE_URL.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_READ_URL must be a postgres:// URL' })
  DATABASE_READ_URL?: string;

  /** How often partitions are created ahead and tenants' retention applied (ms); 0 switches the task off. */
  @IsOptional()
  @IsInt()
  @Min(0)
  STORE_MAINTENANCE_MS: number = 3600_000;
}
