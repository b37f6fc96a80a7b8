import { Principal } from '@loops/auth';
import {
  deterministicUuid,
  FieldError,
  OperationalMeasure,
  OperationalMeasureSubmission,
  validateContract,
} from '@loops/contracts';
import { sanitizeBody } from '../feedback/sanitize-body';

export type MeasureResult = { status: 'accepted'; measureId: string } | { status: 'rejected'; errors: FieldError[] };

const HOUR_MS = 3600_000;
/** A bucket may start at most this far ahead of the clock (a day bucket of a zone east of UTC starts early). */
const MAX_FUTURE_MS = 26 * HOUR_MS;

/** The bucket must be a whole UTC hour (or UTC midnight for `day`): otherwise two senders' buckets would never line up with the rollups. */
function bucketProblem(m: OperationalMeasureSubmission, now: Date): FieldError | undefined {
  const start = new Date(m.bucketStart).getTime();
  const size = m.bucket === 'day' ? 24 * HOUR_MS : HOUR_MS;
  if (start % size !== 0) {
    return { field: 'bucketStart', messages: [`bucketStart must be the start of a UTC ${m.bucket} (${m.bucket === 'day' ? 'midnight UTC' : 'minutes and seconds zero'})`] };
  }
  if (start > now.getTime() + MAX_FUTURE_MS) return { field: 'bucketStart', messages: ['bucketStart must not be in the future'] };
  return undefined;
}

/**
 * Validates one untrusted measure (HTTP item or Kafka message body) and turns it into the canonical event.
 * The tenant and integration come from the API key; the id is derived from what identifies the bucket, so
 * a resend of the same bucket replaces its value downstream instead of adding a row.
 */
export function intakeMeasure(body: unknown, principal: Principal, now = new Date()): { result: MeasureResult; event?: OperationalMeasure } {
  const clean = sanitizeBody(body);
  if (!clean.ok) return { result: { status: 'rejected', errors: [clean.error] } };
  const valid = validateContract(OperationalMeasureSubmission, clean.value);
  if (!valid.ok) return { result: { status: 'rejected', errors: valid.errors } };
  const m = valid.value;
  const problem = bucketProblem(m, now);
  if (problem) return { result: { status: 'rejected', errors: [problem] } };
  const bucketStart = new Date(m.bucketStart).toISOString();
  const measureId = deterministicUuid('operational-measure', principal.tenantId, m.measure, m.touchpoint, m.bucket, bucketStart);
  const event: OperationalMeasure = {
    measureId,
    tenantId: principal.tenantId,
    integrationId: principal.integrationId,
    measure: m.measure,
    touchpoint: m.touchpoint,
    bucket: m.bucket,
    bucketStart,
    value: m.value,
    ...(m.count !== undefined ? { count: m.count } : {}),
    ...(m.unit !== undefined ? { unit: m.unit } : {}),
    receivedAt: now.toISOString(),
  };
  return { result: { status: 'accepted', measureId }, event };
}
