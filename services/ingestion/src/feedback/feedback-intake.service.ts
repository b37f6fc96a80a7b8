import { Injectable } from '@nestjs/common';
import { FeedbackSubmission, FieldError, validateContract } from '@loops/contracts';
import { Principal } from '@loops/auth';
import { PiiRedactor } from '../redaction/pii-redactor';
import { FeedbackOutbox } from './feedback-outbox';
import { sanitizeBody } from './sanitize-body';
import { normalizeSubmission } from './normalize';

export type ItemResult =
  | { status: 'accepted' | 'duplicate'; eventId: string }
  | { status: 'rejected'; errors: FieldError[] };

/** Validate, normalise, redact, de-duplicate and publish: the same path for HTTP and Kafka intake. */
@Injectable()
export class FeedbackIntakeService {
  constructor(
    private readonly outbox: FeedbackOutbox,
    private readonly redactor: PiiRedactor,
  ) {}

  async intake(bodies: unknown[], principal: Principal): Promise<ItemResult[]> {
    const receivedAt = new Date();
    const results: ItemResult[] = new Array(bodies.length);
    const valid: { index: number; submission: FeedbackSubmission }[] = [];
    bodies.forEach((body, index) => {
      const clean = sanitizeBody(body);
      if (!clean.ok) {
        results[index] = { status: 'rejected', errors: [clean.error] };
        return;
      }
      const checked = validateContract(FeedbackSubmission, clean.value);
      if (checked.ok) valid.push({ index, submission: checked.value });
      else results[index] = { status: 'rejected', errors: checked.errors };
    });
    const events = valid.map((v) => normalizeSubmission(v.submission, principal, this.redactor, receivedAt));
    const outcomes = await this.outbox.accept(events);
    outcomes.forEach((outcome, i) => (results[valid[i].index] = outcome));
    return results;
  }
}
