import { Partitioners, PartitionMetadata } from 'kafkajs';
import { KafkaRecord } from '@loops/contracts';
import { groupByPartition } from './partition-requests';

const record = (key: string, i: number): KafkaRecord => ({ key, value: `v${i}`, headers: {} });

describe('groupByPartition', () => {
  it('puts each keyed record where kafkajs would, one group per topic and partition, in the given order', () => {
    const records = Array.from({ length: 200 }, (_, i) => record(`tenant:c${i % 37}`, i));
    const groups = groupByPartition([{ topic: 'a', records }, { topic: 'b', records: records.slice(0, 10) }], (t) => (t === 'a' ? 6 : 3));
    const kafkajs = Partitioners.DefaultPartitioner();
    const metadata = (n: number) => Array.from({ length: n }, (_, partitionId) => ({ partitionId, leader: 0 }) as PartitionMetadata);
    for (const g of groups) {
      for (const r of g.records) expect(kafkajs({ topic: g.topic, partitionMetadata: metadata(g.topic === 'a' ? 6 : 3), message: { key: r.key, value: null } })).toBe(g.partition);
    }
    expect(new Set(groups.map((g) => `${g.topic}/${g.partition}`)).size).toBe(groups.length);
    // Every record once, and within a partition in the order given (a customer's items stay in order).
    const a = groups.filter((g) => g.topic === 'a');
    expect(a.flatMap((g) => g.records).length).toBe(200);
    for (const g of a) expect(g.records.map((r) => Number((r.value as string).slice(1)))).toEqual([...g.records.map((r) => Number((r.value as string).slice(1)))].sort((x, y) => x - y));
    expect(groups.filter((g) => g.topic === 'b').flatMap((g) => g.records).length).toBe(10);
  });
});
