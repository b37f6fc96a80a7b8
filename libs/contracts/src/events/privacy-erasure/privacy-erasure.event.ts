import { ArrayMaxSize, IsArray, IsUUID, Matches } from 'class-validator';
import { IsTimestamp } from '../common/timestamp';
import { ID_PATTERN } from '../feedback-received/feedback-received.event';

export const PRIVACY_ERASURE_TYPE = 'dev.loops.privacy.erasure.v1';

/** A customer pseudonym as ingestion publishes it: `cp_` and 43 base64url characters (HMAC-SHA256). */
export const CUSTOMER_PSEUDONYM_PATTERN = /^cp_[A-Za-z0-9_-]{43}$/;

/**
 * A tenant asked to erase one customer (GDPR art. 17). Ingestion has already deleted the feedback it
 * keeps; every service deletes what it holds about the customer, idempotently. It carries the
 * pseudonym, never the raw id, and the feedback event ids (not personal) for stores keyed by event.
 */
export class PrivacyErasure {
  @IsUUID()
  erasureId!: string;

  @Matches(ID_PATTERN)
  tenantId!: string;

  @Matches(CUSTOMER_PSEUDONYM_PATTERN)
  customerPseudonym!: string;

  @IsArray()
  @ArrayMaxSize(100000)
  @IsUUID('all', { each: true })
  feedbackEventIds!: string[];

  @IsTimestamp()
  requestedAt!: string;
}
