import { randomUUID } from 'node:crypto';
import { FeedbackReceived, FeedbackSubmission } from '@loops/contracts';
import { Principal } from '@loops/auth';
import { PiiRedactor } from '../redaction/pii-redactor';

/** Turns a validated submission into the canonical event: tenant from the key, PII redacted. */
export function normalizeSubmission(
  submission: FeedbackSubmission,
  principal: Principal,
  redactor: PiiRedactor,
  receivedAt: Date,
): FeedbackReceived {
  const text = redactor.redact(submission.text ?? '');
  const title = submission.title === undefined ? undefined : redactor.redact(submission.title);
  const kinds = new Set([...text.kinds, ...(title?.kinds ?? [])]);
  const event: FeedbackReceived = {
    eventId: randomUUID(),
    tenantId: principal.tenantId,
    integrationId: principal.integrationId,
    externalId: submission.externalId,
    channel: submission.channel,
    occurredAt: new Date(submission.occurredAt).toISOString(),
    receivedAt: receivedAt.toISOString(),
    text: text.text,
    title: title?.text,
    languageHint: submission.languageHint ?? submission.customer?.locale,
    scores: { ...(submission.scores ?? {}) },
    customer: submission.customer ? { ...submission.customer } : undefined,
    touchpoint: submission.touchpoint ? { ...submission.touchpoint } : undefined,
    product: submission.product,
    location: submission.location,
    attributes: submission.attributes,
    details: submission.details,
    redactions: [...kinds].sort(),
  };
  // Drop undefined keys so the published JSON carries only what was sent.
  return JSON.parse(JSON.stringify(event)) as FeedbackReceived;
}
