import { Partitioners, PartitionMetadata } from 'kafkajs';
import type { KafkaRecord } from '@loops/contracts';

/** Records bound for one partition of one topic, in the order they were given. */
export interface PartitionRecords {
  topic: string;
  partition: number;
  records: KafkaRecord[];
}

/**
 * Why every produce request Loops makes holds one partition: kafkajs's `sendBatch` keeps, across its
 * retries, one response per broker. When a broker dies mid-request and its partitions move to a broker
 * that already answered, the retry skips them and the call resolves: records lost (kafkajs issue #1303).
 * And when one broker's request fails while another's is still in flight, the retry sends the second one
 * again with new sequence numbers: records duplicated despite idempotence. A request for one partition
 * reaches one leader; when that leader dies, its retry goes whole to the new leader with the same
 * sequence numbers, which the new leader recognises.
 */
export function groupByPartition(batches: { topic: string; records: KafkaRecord[] }[], partitionCount: (topic: string) => number): PartitionRecords[] {
  // The same choice kafkajs makes (murmur2 of the key, as the Java client), so keys keep their partitions.
  const choose = Partitioners.DefaultPartitioner();
  const groups = new Map<string, PartitionRecords>();
  for (const { topic, records } of batches) {
    const count = partitionCount(topic);
    const partitionMetadata = Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 0 }) as PartitionMetadata);
    for (const record of records) {
      const partition = choose({ topic, partitionMetadata, message: { key: record.key ?? null, value: null } });
      const id = `${topic}\u0000${partition}`;
      let group = groups.get(id);
      if (!group) groups.set(id, (group = { topic, partition, records: [] }));
      group.records.push(record);
    }
  }
  return [...groups.values()];
}
