import { IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsTimestamp } from '../common/timestamp';
import { ID_PATTERN } from '../feedback-received/feedback-received.event';

export const OPERATIONAL_SUBMISSION_TYPE = 'dev.loops.operational.raw.v1';
export const OPERATIONAL_MEASURE_TYPE = 'dev.loops.operational.measure.v1';
export const MEASURE_BUCKETS = ['hour', 'day'] as const;
export type MeasureBucket = (typeof MEASURE_BUCKETS)[number];

/** Measure names are slugs (`phone_wait_seconds`, `page_load_ms`), so they are safe as CSV headers and query values. */
export const MEASURE_NAME_PATTERN = /^[a-z][a-z0-9_.-]{0,63}$/;

/**
 * One operational figure for a touchpoint and time bucket, as an integration sends it (HTTP batch or
 * `operational.raw.v1`): e.g. the mean phone wait of the 14:00 hour at the `support` touchpoint. The tenant
 * comes from the API key, never from the body.
 */
export class OperationalMeasureSubmission {
  @Matches(MEASURE_NAME_PATTERN, { message: 'measure must be a lower-case slug (letters, digits, _ . -), at most 64 characters' })
  measure!: string;

  @IsString()
  @Matches(/^\S(.{0,62}\S)?$/, { message: 'touchpoint must be 1 to 64 characters without surrounding spaces' })
  touchpoint!: string;

  @IsIn(MEASURE_BUCKETS)
  bucket!: MeasureBucket;

  /** Start of the bucket: a whole UTC hour, or UTC midnight for `day`. */
  @IsTimestamp()
  bucketStart!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1e12)
  @Max(1e12)
  value!: number;

  /** How many observations the value summarises (calls, chats, page views), when known. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1e9)
  count?: number;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  unit?: string;
}

/** A validated operational measure, tenant from the integration's key; keyed by tenant. */
export class OperationalMeasure {
  /** Derived from tenant, measure, touchpoint, bucket and bucket start: a resend replaces, never doubles. */
  @IsUUID()
  measureId!: string;

  @Matches(ID_PATTERN)
  tenantId!: string;

  @Matches(ID_PATTERN)
  integrationId!: string;

  @Matches(MEASURE_NAME_PATTERN)
  measure!: string;

  @IsString()
  @MaxLength(64)
  touchpoint!: string;

  @IsIn(MEASURE_BUCKETS)
  bucket!: MeasureBucket;

  @IsTimestamp()
  bucketStart!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1e12)
  @Max(1e12)
  value!: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1e9)
  count?: number;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  unit?: string;

  @IsTimestamp()
  receivedAt!: string;
}
