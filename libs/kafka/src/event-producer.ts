import { Admin, CompressionTypes, Kafka, Partitioners, Producer } from 'kafkajs';
import { KafkaRecord } from '@loops/contracts';
import type { PipelineMetrics } from '@loops/observability';
import { startSendSpans } from './message-spans';
import { groupByPartition } from './partition-requests';

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
 * acks=all plus the idempotent producer: when a leader dies after writing a batch but before answering,
 * the retry reaches the new leader, which recognises the producer id and sequence and keeps one copy.
 * kafkajs keeps its sequence numbers right only with one request in flight per broker connection, and an
 * idempotent producer retries without limit (kafkajs's default for it), backing off up to the client's
 * maxRetryTime while a leader is elected.
 */
export const IDEMPOTENT_PRODUCER = { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false } as const;

const METADATA_TTL_MS = 60000;

/** Errors after which the brokers no longer accept this producer id's sequence: only a new producer id helps. */
const PRODUCER_STATE_LOST = new Set(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'UNKNOWN_PRODUCER_ID', 'INVALID_PRODUCER_EPOCH']);

export function isProducerStateLost(error: unknown): boolean {
  for (let e = error as { type?: string; cause?: unknown; originalError?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (e.type && PRODUCER_STATE_LOST.has(e.type)) return true;
    e = (e.cause ?? e.originalError) as typeof e;
  }
  return false;
}

/**
 * The one way services write to Kafka: every call is one request per partition and ~768 KiB of records,
 * each acknowledged by all in-sync replicas before the call resolves.
 */
export class EventProducer {
  private producer: Producer;
  private connected = false;
  private admin: Admin | undefined;
  /** Partition counts by topic and the number of brokers, re-read after METADATA_TTL_MS (topics grow, clusters change). */
  private readonly partitionCounts = new Map<string, { count: number; at: number }>();
  private brokerCount = { count: 0, at: 0 };

  constructor(
    private readonly kafka: Kafka,
    private readonly metrics?: PipelineMetrics,
  ) {
    this.producer = this.newProducer();
  }

  private newProducer(): Producer {
    return this.kafka.producer({ ...IDEMPOTENT_PRODUCER, createPartitioner: Partitioners.DefaultPartitioner });
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    await this.producer.connect();
    this.connected = true;
  }

  async publish(batches: TopicRecords[]): Promise<void> {
    const nonEmpty = batches.filter((b) => b.records.length > 0);
    if (nonEmpty.length === 0) return;
    await this.refreshMetadata(nonEmpty.map((b) => b.topic));
    // A send span per record that names its item's trace (nothing at all when tracing is off).
    const traced = startSendSpans(nonEmpty);
    try {
      if (this.brokerCount.count > 1) await this.publishPerPartition(traced.batches);
      else {
        // One broker: no leader ever moves, so the multi-partition requests of kafkajs are safe (and fewer).
        for (const request of chunkBySize(traced.batches)) await this.sendRequest(request);
      }
    } catch (error) {
      traced.end(error);
      throw error;
    }
    traced.end();
    for (const b of nonEmpty) this.metrics?.produced.inc({ topic: b.topic }, b.records.length);
  }

  /** One request per partition (see partition-requests.ts), the partitions in parallel; sequential within one, so a key's records keep their order. */
  private async publishPerPartition(batches: TopicRecords[]): Promise<void> {
    const groups = groupByPartition(batches, (topic) => this.partitionCounts.get(topic)!.count);
    const results = await Promise.allSettled(
      groups.map(async (group) => {
        for (const request of chunkBySize([{ topic: group.topic, records: group.records }])) {
          await this.sendRequest(request, group.partition);
        }
      }),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async sendRequest(request: TopicRecords[], partition?: number): Promise<void> {
    try {
      await this.producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: request.map((b) => ({
          topic: b.topic,
          messages: b.records.map((r) => ({ partition, key: r.key, value: r.value, headers: r.headers })),
        })),
      });
    } catch (error) {
      // The caller retries the publish (consumers are idempotent); it needs a producer the brokers accept.
      if (isProducerStateLost(error)) await this.replaceProducer();
      throw error;
    }
  }

  private async refreshMetadata(topics: string[]): Promise<void> {
    const now = Date.now();
    const stale = [...new Set(topics)].filter((t) => (this.partitionCounts.get(t)?.at ?? 0) + METADATA_TTL_MS < now);
    if (stale.length === 0 && this.brokerCount.at + METADATA_TTL_MS >= now) return;
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    if (this.brokerCount.at + METADATA_TTL_MS < now) {
      // The most brokers ever seen: a cluster with brokers down is still a cluster whose leaders move.
      const alive = (await this.admin.describeCluster()).brokers.length;
      this.brokerCount = { count: Math.max(alive, this.brokerCount.count), at: now };
    }
    if (stale.length === 0) return;
    const metadata = await this.admin.fetchTopicMetadata({ topics: stale });
    for (const t of metadata.topics) this.partitionCounts.set(t.name, { count: t.partitions.length, at: now });
  }

  private async replaceProducer(): Promise<void> {
    const old = this.producer;
    this.producer = this.newProducer();
    if (this.connected) {
      await old.disconnect().catch(() => undefined);
      this.connected = false;
      await this.connect();
    }
  }

  async disconnect(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
    if (!this.connected) return;
    this.connected = false;
    await this.producer.disconnect();
  }
}
