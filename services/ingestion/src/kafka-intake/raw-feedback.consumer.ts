import { Injectable, OnModuleInit } from '@nestjs/common';
import { describeErrors, FeedbackSubmission, Topics } from '@loops/contracts';
import { ApiKeyRepository, Principal } from '@loops/auth';
import { ConsumedEvent, NonRetryableError } from '@loops/kafka';
import { ConsumerHost } from '@loops/platform';
import { FeedbackIntakeService } from '../feedback/feedback-intake.service';
import { decodeRawFeedback } from './decode-raw-feedback';
import { authenticateMessage, messageKey } from './integration-credentials';

/**
 * Kafka intake: integrations publish raw items to `feedback.raw.v1`; each goes through the same
 * validation, normalisation, redaction, de-duplication and outbox as an HTTP item.
 */
@Injectable()
export class RawFeedbackConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    private readonly keys: ApiKeyRepository,
    private readonly intake: FeedbackIntakeService,
  ) {}

  onModuleInit(): void {
    this.host.register({
      topic: Topics.feedbackRaw,
      contract: FeedbackSubmission,
      decode: decodeRawFeedback,
      handler: (events) => this.handle(events),
    });
  }

  /**
   * A rejected message throws NonRetryableError: the consumer then retries each message of the batch
   * alone, so the good ones are accepted (or found as duplicates, the outbox being idempotent) and the
   * rejected one goes to the DLQ with this reason and its original bytes.
   */
  async handle(events: ConsumedEvent<FeedbackSubmission>[]): Promise<void> {
    const rejections: string[] = [];
    const byKey = new Map<string, { principal: Principal; events: ConsumedEvent<FeedbackSubmission>[] }>();
    // One lookup for the batch's keys, uncached: a revoked key is refused from the next batch on.
    const keys = [...new Set(events.map((e) => messageKey(e.message)).filter((k): k is string => k !== undefined))];
    const principals = keys.length > 0 ? await this.keys.findByKeys(keys) : new Map<string, Principal>();
    for (const e of events) {
      const auth = authenticateMessage(principals, e.message, e.event.source);
      if (!auth.ok) {
        rejections.push(`offset ${e.offset}: ${auth.reason}`);
        continue;
      }
      const group = byKey.get(auth.principal.keyId) ?? { principal: auth.principal, events: [] };
      group.events.push(e);
      byKey.set(auth.principal.keyId, group);
    }
    if (rejections.length > 0) throw new NonRetryableError(rejections.join(' | '));
    for (const { principal, events: group } of byKey.values()) {
      const results = await this.intake.intakeValidated(group.map((e) => e.data), principal, group.map((e) => e.trace?.carrier));
      results.forEach((r, i) => {
        if (r.status === 'rejected') rejections.push(`offset ${group[i].offset}: ${describeErrors(r.errors)}`);
      });
    }
    if (rejections.length > 0) throw new NonRetryableError(rejections.join(' | '));
  }
}
