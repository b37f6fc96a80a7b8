import { Injectable, OnModuleInit } from '@nestjs/common';
import { KafkaMessage } from 'kafkajs';
import { ApiKeyRepository, Principal } from '@loops/auth';
import {
  CloudEvent,
  describeErrors,
  EnvelopeError,
  fromKafkaRecord,
  OPERATIONAL_SUBMISSION_TYPE,
  OperationalMeasure,
  OperationalMeasureSubmission,
  RawHeaders,
  Topics,
} from '@loops/contracts';
import { ConsumedEvent, NonRetryableError } from '@loops/kafka';
import { ConsumerHost } from '@loops/platform';
import { sanitizeBody } from '../feedback/sanitize-body';
import { authenticateMessage, messageKey } from '../kafka-intake/integration-credentials';
import { intakeMeasure } from './measure-intake';
import { MeasurePublisher } from './measure-publisher';

/** The envelope's type, and the body sanitised like an HTTP body; anything thrown sends the message to the DLQ. */
function decodeRawMeasure(message: KafkaMessage): { event: CloudEvent<unknown>; plain: unknown } {
  const event = fromKafkaRecord(message.value, message.headers as RawHeaders, message.timestamp);
  if (event.type !== OPERATIONAL_SUBMISSION_TYPE) throw new EnvelopeError(`ce_type must be "${OPERATIONAL_SUBMISSION_TYPE}", got "${event.type}"`);
  const clean = sanitizeBody(event.data);
  if (!clean.ok) throw new EnvelopeError(`${clean.error.field || '(body)'}: ${clean.error.messages.join('; ')}`);
  return { event, plain: clean.value };
}

/**
 * Kafka intake of operational measures: `operational.raw.v1` messages carry the integration's key (as on
 * `feedback.raw.v1`), are validated like the HTTP batch and published to `operational.measures.v1`. A rejected
 * message throws NonRetryableError, so the batch is retried message by message and the bad one reaches the
 * DLQ with its reason.
 */
@Injectable()
export class RawMeasureConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    private readonly keys: ApiKeyRepository,
    private readonly publisher: MeasurePublisher,
  ) {}

  onModuleInit(): void {
    this.host.register({
      topic: Topics.operationalRaw,
      contract: OperationalMeasureSubmission,
      decode: decodeRawMeasure,
      handler: (events) => this.handle(events),
    });
  }

  async handle(events: ConsumedEvent<OperationalMeasureSubmission>[]): Promise<void> {
    const keys = [...new Set(events.map((e) => messageKey(e.message)).filter((k): k is string => k !== undefined))];
    const principals = keys.length > 0 ? await this.keys.findByKeys(keys) : new Map<string, Principal>();
    const rejections: string[] = [];
    const accepted: OperationalMeasure[] = [];
    for (const e of events) {
      const auth = authenticateMessage(principals, e.message, e.event.source);
      if (!auth.ok) {
        rejections.push(`offset ${e.offset}: ${auth.reason}`);
        continue;
      }
      const { result, event } = intakeMeasure(e.data, auth.principal);
      if (result.status === 'rejected') rejections.push(`offset ${e.offset}: ${describeErrors(result.errors)}`);
      else if (event) accepted.push(event);
    }
    if (rejections.length > 0) throw new NonRetryableError(rejections.join(' | '));
    await this.publisher.publish(accepted);
  }
}
