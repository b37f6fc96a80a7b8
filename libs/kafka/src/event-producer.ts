import { CompressionTypes, Kafka, Partitioners, Producer } from 'kafkajs';
import { KafkaRecord } from '@loops/contracts';
import type { PipelineMetrics } from '@loops/observability';

export interface TopicRecords {
  topic: string;
  records: KafkaRecord[];
}

/**
 * The one way services write to Kafka: every call is a single `sendBatch` (one request per broker),
 * acknowledged by all in-sync replicas before it resolves.
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
    await this.producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: nonEmpty.map((b) => ({
        topic: b.topic,
        messages: b.records.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
      })),
    });
    for (const b of nonEmpty) this.metrics?.produced.inc({ topic: b.topic }, b.records.length);
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    await this.producer.disconnect();
  }
}
