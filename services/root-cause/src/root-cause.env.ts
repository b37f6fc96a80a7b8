import { IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
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
}
