import { KafkaMessage } from 'kafkajs';
import { DLQ_RECORD_TYPE, DlqReasonKind, DlqRecord, KafkaRecord, newCloudEvent, toKafkaRecord } from '@loops/contracts';

export interface DeadLetter {
  sourceTopic: string;
  partition: number;
  message: KafkaMessage;
  reasonKind: DlqReasonKind;
  reason: string;
  attempts: number;
}

// Credentials a producer may attach (Kafka intake authenticates by API key): a DLQ is read by
// operators and kept for long, so it must never hold a usable secret.
const SECRET_HEADERS = new Set(['x-loops-api-key', 'authorization']);

function headersAsText(message: KafkaMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first === undefined) continue;
    if (SECRET_HEADERS.has(name.toLowerCase())) out[name] = '[REDACTED]';
    else out[name] = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  }
  return out;
}

/** Wraps a failed message, its original bytes and the reason into a DLQ CloudEvent. */
export function toDeadLetterRecord(service: string, letter: DeadLetter): KafkaRecord {
  const record: DlqRecord = {
    service,
    sourceTopic: letter.sourceTopic,
    partition: letter.partition,
    offset: letter.message.offset,
    key: letter.message.key?.toString('utf8'),
    reasonKind: letter.reasonKind,
    reason: letter.reason.slice(0, 4000),
    attempts: letter.attempts,
    originalValue: (letter.message.value ?? Buffer.alloc(0)).toString('base64'),
    originalHeaders: headersAsText(letter.message),
    failedAt: new Date().toISOString(),
  };
  const event = newCloudEvent({
    type: DLQ_RECORD_TYPE,
    source: `loops/${service}`,
    // Deterministic id: a redelivered poison message yields the same DLQ event id, so DLQ readers can dedupe.
    id: `${letter.sourceTopic}/${letter.partition}/${letter.message.offset}`,
    subject: record.key,
    data: record,
  });
  return toKafkaRecord(event, letter.message.key?.toString('utf8') ?? null);
}
