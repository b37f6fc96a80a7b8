import { randomUUID } from 'node:crypto';
import { FeedbackReceived, FeedbackSubmission, FieldError } from '@loops/contracts';
import { Principal } from '@loops/auth';
import { PiiRedactor } from '../redaction/pii-redactor';
import { channelFields } from './channel-fields';
import { OccurredAtWindow } from './occurred-at-window';

// Limits of the canonical event (FeedbackReceived); downstream consumers validate against them.
const MAX_TEXT = 20000;
const MAX_TITLE = 500;
const MAX_DETAILS = 50;

/** A plain object without undefined values, off a validated class instance. */
function plainCopy<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export type Normalized = { ok: true; event: FeedbackReceived } | { ok: false; errors: FieldError[] };

/**
 * Turns a validated submission into the canonical event: tenant and integration from the key, channel
 * payload lifted into text/title/scores/details, PII redacted.
 */
export function normalizeSubmission(
  submission: FeedbackSubmission,
  principal: Principal,
  redactor: PiiRedactor,
  receivedAt: Date,
  window: OccurredAtWindow,
): Normalized {
  const occurredAt = new Date(submission.occurredAt);
  const outOfWindow = window.check(occurredAt, receivedAt);
  if (outOfWindow) return { ok: false, errors: [outOfWindow] };
  const lifted = channelFields(submission);
  const details = { ...(submission.details ?? {}), ...lifted.details };
  if (Object.keys(details).length > MAX_DETAILS) {
    return {
      ok: false,
      errors: [{ field: 'details', messages: [`details and the channel's own fields exceed ${MAX_DETAILS} keys together`] }],
    };
  }
  const rawText = lifted.text || submission.text || '';
  const rawTitle = lifted.title ?? submission.title;
  const text = redactor.redact(rawText);
  const title = rawTitle === undefined ? undefined : redactor.redact(rawTitle);
  const kinds = new Set([...text.kinds, ...(title?.kinds ?? [])]);
  // Chat turns together may exceed the canonical text size, and a placeholder can be a character
  // longer than what it replaces; the event must still validate downstream.
  if (text.text.length > MAX_TEXT) details.textTruncated = true;
  const event: FeedbackReceived = {
    eventId: randomUUID(),
    tenantId: principal.tenantId,
    integrationId: principal.integrationId,
    externalId: submission.externalId,
    channel: submission.channel,
    occurredAt: occurredAt.toISOString(),
    receivedAt: receivedAt.toISOString(),
    text: text.text.slice(0, MAX_TEXT),
    title: title?.text.slice(0, MAX_TITLE),
    languageHint: submission.languageHint ?? submission.customer?.locale,
    scores: { ...(submission.scores ?? {}), ...lifted.scores },
    customer: submission.customer ? plainCopy(submission.customer) : undefined,
    touchpoint: submission.touchpoint ? plainCopy(submission.touchpoint) : undefined,
    product: submission.product,
    location: submission.location,
    attributes: submission.attributes,
    details: Object.keys(details).length > 0 ? details : undefined,
    redactions: [...kinds].sort(),
  };
  // Drop undefined keys so the stored event equals what is published (JSON has no undefined). Nested
  // objects are fresh copies of validated input, so a shallow pass is enough, and far cheaper per item
  // than a JSON round trip on the batch hot path.
  for (const k of Object.keys(event) as (keyof FeedbackReceived)[]) if (event[k] === undefined) delete event[k];
  return { ok: true, event };
}
