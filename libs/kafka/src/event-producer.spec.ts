import { KafkaRecord } from '@loops/contracts';
import { chunkBySize, IDEMPOTENT_PRODUCER, isProducerStateLost } from './event-producer';

const record = (i: number, bytes: number): KafkaRecord => ({ key: `k${i}`, value: 'x'.repeat(bytes), headers: {} });

describe('chunkBySize', () => {
  it('keeps small publishes in one request', () => {
    const requests = chunkBySize([{ topic: 'a', records: [record(1, 10), record(2, 10)] }, { topic: 'b', records: [record(3, 10)] }]);
    expect(requests).toHaveLength(1);
    expect(requests[0].map((b) => [b.topic, b.records.length])).toEqual([['a', 2], ['b', 1]]);
  });

  it('cuts large publishes below the limit and keeps every record once, in order', () => {
    const records = Array.from({ length: 3000 }, (_, i) => record(i, 1000));
    const requests = chunkBySize([{ topic: 'a', records }], 768 * 1024);
    expect(requests.length).toBeGreaterThan(3);
    const flat = requests.flatMap((r) => r.flatMap((b) => b.records));
    expect(flat.map((r) => r.key)).toEqual(records.map((r) => r.key));
    for (const r of requests) expect(r.flatMap((b) => b.records).reduce((n, x) => n + (x.value as string).length, 0)).toBeLessThan(768 * 1024);
  });
});

describe('idempotent producer settings', () => {
  it('asks for acks=all idempotence with one request in flight and no retry limit (kafkajs rules for idempotence)', () => {
    expect(IDEMPOTENT_PRODUCER).toEqual({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    // No `retry` given: kafkajs then retries an idempotent producer's sends without limit.
    expect(IDEMPOTENT_PRODUCER).not.toHaveProperty('retry');
  });

  it('recognises the errors after which only a new producer id helps, also when wrapped', () => {
    expect(isProducerStateLost({ type: 'OUT_OF_ORDER_SEQUENCE_NUMBER' })).toBe(true);
    expect(isProducerStateLost({ name: 'KafkaJSNonRetriableError', cause: { type: 'UNKNOWN_PRODUCER_ID' } })).toBe(true);
    expect(isProducerStateLost({ originalError: { type: 'INVALID_PRODUCER_EPOCH' } })).toBe(true);
    expect(isProducerStateLost({ type: 'NOT_LEADER_OR_FOLLOWER' })).toBe(false);
    expect(isProducerStateLost(new Error('Connection error'))).toBe(false);
  });
});
