import { randomUUID } from 'node:crypto';

/**
 * CloudEvents 1.0, Kafka protocol binding, binary content mode: attributes travel as `ce_*` headers,
 * the body is the JSON data. https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md
 */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  subject?: string;
  datacontenttype: 'application/json';
  /** Correlation id carried from the first request through every hop, for tracing one item. */
  correlationid?: string;
  data: T;
}

export interface KafkaRecord {
  key: string | null;
  value: Buffer | string | null;
  headers: Record<string, string>;
}

/** What a consumer hands in: kafkajs headers may be Buffers, strings, arrays or undefined. */
export type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

export function newCloudEvent<T>(params: {
  type: string;
  source: string;
  data: T;
  id?: string;
  subject?: string;
  time?: string;
  correlationid?: string;
}): CloudEvent<T> {
  return {
    specversion: '1.0',
    id: params.id ?? randomUUID(),
    source: params.source,
    type: params.type,
    time: params.time ?? new Date().toISOString(),
    subject: params.subject,
    datacontenttype: 'application/json',
    correlationid: params.correlationid,
    data: params.data,
  };
}

export function toKafkaRecord<T>(event: CloudEvent<T>, key: string | null): KafkaRecord {
  const headers: Record<string, string> = {
    ce_specversion: event.specversion,
    ce_id: event.id,
    ce_source: event.source,
    ce_type: event.type,
    ce_time: event.time,
    'content-type': event.datacontenttype,
  };
  if (event.subject) headers.ce_subject = event.subject;
  if (event.correlationid) headers.ce_correlationid = event.correlationid;
  return { key, value: JSON.stringify(event.data), headers };
}

function headerText(value: RawHeaders[string]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return Buffer.isBuffer(first) ? first.toString('utf8') : first;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The event's time. `ce_time` is optional in CloudEvents; without it the Kafka record's own timestamp
 * (set when the producer sent it) is the best account of when it happened, never the epoch. A `ce_time`
 * that is not an RFC 3339 timestamp is an envelope error: the message goes to the DLQ with that reason.
 */
function eventTime(header: string | undefined, recordTimestampMs: string | undefined): string {
  if (header !== undefined) {
    if (!RFC3339.test(header) || Number.isNaN(Date.parse(header))) throw new EnvelopeError(`ce_time "${header.slice(0, 64)}" is not an RFC 3339 timestamp`);
    return new Date(header).toISOString();
  }
  const ms = Number(recordTimestampMs);
  if (recordTimestampMs === undefined || !Number.isFinite(ms) || ms <= 0) throw new EnvelopeError('missing ce_time header and the record has no timestamp');
  return new Date(ms).toISOString();
}

/**
 * Parses the envelope; the data is returned unvalidated (the consumer validates it against its class).
 * `recordTimestampMs` is the Kafka record's timestamp (kafkajs `message.timestamp`), used when `ce_time` is absent.
 */
export function fromKafkaRecord(value: Buffer | null, headers: RawHeaders | undefined, recordTimestampMs?: string): CloudEvent<unknown> {
  const h = headers ?? {};
  const required = ['ce_specversion', 'ce_id', 'ce_source', 'ce_type'] as const;
  const missing = required.filter((name) => !headerText(h[name]));
  if (missing.length > 0) throw new EnvelopeError(`missing CloudEvents header(s): ${missing.join(', ')}`);
  if (headerText(h.ce_specversion) !== '1.0') {
    throw new EnvelopeError(`unsupported ce_specversion "${headerText(h.ce_specversion)}"`);
  }
  if (!value || value.length === 0) throw new EnvelopeError('empty message body');
  const time = eventTime(headerText(h.ce_time), recordTimestampMs);
  let data: unknown;
  try {
    data = JSON.parse(value.toString('utf8'));
  } catch (error) {
    throw new EnvelopeError(`body is not JSON: ${(error as Error).message}`);
  }
  return {
    specversion: '1.0',
    id: headerText(h.ce_id)!,
    source: headerText(h.ce_source)!,
    type: headerText(h.ce_type)!,
    time,
    subject: headerText(h.ce_subject),
    datacontenttype: 'application/json',
    correlationid: headerText(h.ce_correlationid),
    data,
  };
}
