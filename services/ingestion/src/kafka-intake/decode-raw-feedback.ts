import { KafkaMessage } from 'kafkajs';
import { CloudEvent, EnvelopeError, FEEDBACK_SUBMISSION_TYPE, fromKafkaRecord, RawHeaders } from '@loops/contracts';
import { sanitizeBody } from '../feedback/sanitize-body';

/**
 * Decodes a `feedback.raw.v1` message: a CloudEvent of type `dev.loops.feedback.raw.v1` whose body is
 * sanitised exactly like an HTTP body before the consumer validates it against FeedbackSubmission.
 * Anything thrown here sends the message to the DLQ with this reason and its original bytes.
 */
export function decodeRawFeedback(message: KafkaMessage): { event: CloudEvent<unknown>; plain: unknown } {
  const event = fromKafkaRecord(message.value, message.headers as RawHeaders, message.timestamp);
  if (event.type !== FEEDBACK_SUBMISSION_TYPE) {
    throw new EnvelopeError(`ce_type must be "${FEEDBACK_SUBMISSION_TYPE}", got "${event.type}"`);
  }
  const clean = sanitizeBody(event.data);
  if (!clean.ok) throw new EnvelopeError(`${clean.error.field || '(body)'}: ${clean.error.messages.join('; ')}`);
  return { event, plain: clean.value };
}
