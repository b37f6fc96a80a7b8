import { CompressionTypes, Kafka, Partitioners, Producer } from 'kafkajs';
import { KafkaRecord } from '@loops/contracts';
import type { PipelineMetrics } from '@loops/observability';
import { startSendSpans } from './message-spans';

export interface TopicRecords {
  topic: string;
  records: KafkaRecord[];
}

/**
 * Brokers refuse a record batch above `message.max.bytes` (1 MiB by default), and a consumer batch of a
 * few thousand events re-published as one request exceeds it. Requests are cut well below that.
 */
const MAX_REQUEST_BYTES = 768 * 1024;

function recordBytes(r: KafkaRecord): number {
  let size = 64 + (r.key?.length ?? 0) + (typeof r.value === 'string' ? Buffer.byteLength(r.value) : (r.value?.length ?? 0));
  for (const [k, v] of Object.entries(r.headers)) size += k.length + v.length + 8;
  return size;
}

/** Splits the batches into requests below MAX_REQUEST_BYTES, keeping each topic's record order. */
export function chunkBySize(batches: TopicRecords[], maxBytes = MAX_REQUEST_BYTES): TopicRecords[][] {
  const requests: TopicRecords[][] = [];
  let current: TopicRecords[] = [];
  let bytes = 0;
  for (const batch of batches) {
    let slice: KafkaRecord[] = [];
    for (const record of batch.records) {
      const size = recordBytes(record);
      if (bytes + size > maxBytes && bytes > 0) {
        if (slice.length > 0) current.push({ topic: batch.topic, records: slice });
        requests.push(current);
        current = [];
        slice = [];
        bytes = 0;
      }
      slice.push(record);
      bytes += size;
    }
    if (slice.length > 0) current.push({ topic: batch.topic, records: slice });
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

/**
 * The one way services write to Kafka: every call is one `sendBatch` per ~768 KiB of records, each
 * acknowledged by all in-sync replicas before the call resolves.
 */
export class EventProducer {
  private readonly producer: Producer;
  private connected = false;

  constructor(
    kafka: Kafka,
    private readonly metrics?: PipelineMetrics,
  ) {
    this.producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    await this.producer.connect();
    this.connected = true;
  }

  async publish(batches: TopicRecords[]): Promise<void> {
    const nonEmpty = batches.filter((b) => b.records.length > 0);
    if (nonEmpty.length === 0) return;
    // A send span per record that names its item's trace (nothing at all when tracing is off).
    const traced = startSendSpans(nonEmpty);
    try {
      // Sequential, so records of one key keep their order across requests.
      for (const request of chunkBySize(traced.batches)) {
        await this.producer.sendBatch({
          acks: -1,
          compression: CompressionTypes.None,
          topicMessages: request.map((b) => ({
            topic: b.topic,
            messages: b.records.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
          })),
        });
      }
    } catch (error) {
      traced.end(error);
      throw error;
    }
    traced.end();
    for (const b of nonEmpty) this.metrics?.produced.inc({ topic: b.topic }, b.records.length);
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    await this.producer.disconnect();
  }
}
