import { Injectable } from '@nestjs/common';
import { FeedbackReceived, FeedbackSubmission, FieldError, validateContract } from '@loops/contracts';
import { Principal } from '@loops/auth';
import type { TraceCarrier } from '@loops/kafka';
import { PiiRedactor } from '../redaction/pii-redactor';
import { FeedbackOutbox } from './feedback-outbox';
import { sanitizeBody } from './sanitize-body';
import { Normalized, normalizeSubmission } from './normalize';
import { OccurredAtWindow } from './occurred-at-window';

export type ItemResult =
  | { status: 'accepted' | 'duplicate'; eventId: string }
  | { status: 'rejected'; errors: FieldError[] };

/** Validate, normalise, redact, de-duplicate and publish: the same path for HTTP and Kafka intake. */
@Injectable()
export class FeedbackIntakeService {
  constructor(
    private readonly outbox: FeedbackOutbox,
    private readonly redactor: PiiRedactor,
    private readonly window: OccurredAtWindow,
  ) {}

  /** Untrusted bodies (HTTP): sanitised and validated here. */
  async intake(bodies: unknown[], principal: Principal): Promise<ItemResult[]> {
    const checked = bodies.map((body): FeedbackSubmission | ItemResult => {
      const clean = sanitizeBody(body);
      if (!clean.ok) return { status: 'rejected', errors: [clean.error] };
      const valid = validateContract(FeedbackSubmission, clean.value);
      return valid.ok ? valid.value : { status: 'rejected', errors: valid.errors };
    });
    return this.accept(checked, principal);
  }

  /**
   * Submissions that already passed sanitising and validation (Kafka intake validates in its decoder);
   * `traces[i]` continues the trace of the message `submissions[i]` came in.
   */
  async intakeValidated(submissions: FeedbackSubmission[], principal: Principal, traces: (TraceCarrier | undefined)[] = []): Promise<ItemResult[]> {
    return this.accept(submissions, principal, traces);
  }

  private async accept(items: (FeedbackSubmission | ItemResult)[], principal: Principal, traces: (TraceCarrier | undefined)[] = []): Promise<ItemResult[]> {
    const receivedAt = new Date();
    const results: ItemResult[] = new Array(items.length);
    const valid: { index: number; event: FeedbackReceived }[] = [];
    items.forEach((item, index) => {
      if (!(item instanceof FeedbackSubmission)) {
        results[index] = item;
        return;
      }
      const normalized = this.normalizeOne(item, principal, receivedAt);
      if (normalized.ok) valid.push({ index, event: normalized.event });
      else results[index] = { status: 'rejected', errors: normalized.errors };
    });
    const outcomes = await this.outbox.accept(valid.map((v) => v.event), valid.map((v) => traces[v.index]));
    outcomes.forEach((outcome, i) => (results[valid[i].index] = outcome));
    return results;
  }

  /**
   * One item's normalisation can only fail that item: a defect here must never turn the whole batch
   * (and the valid items in it) into a 500.
   */
  private normalizeOne(item: FeedbackSubmission, principal: Principal, receivedAt: Date): Normalized {
    try {
      return normalizeSubmission(item, principal, this.redactor, receivedAt, this.window);
    } catch (error) {
      return { ok: false, errors: [{ field: '', messages: [`item could not be processed: ${(error as Error).message}`] }] };
    }
  }
}
