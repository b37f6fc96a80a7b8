import { IHeaders, Kafka } from 'kafkajs';
import { KafkaRecord } from '@loops/contracts';
import { chunkBySize } from '@loops/kafka';
import { untilSettled } from './settling';

/** A message exactly as the pipeline produced it: key, CloudEvents headers and JSON body. */
export interface CapturedMessage {
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

/** Reads the first `count` messages of a pipeline topic, so the ceiling moves the pipeline's own bytes. */
export async function captureMessages(kafka: Kafka, topic: string, count: number, timeoutMs = 60_000): Promise<CapturedMessage[]> {
  const captured: CapturedMessage[] = [];
  const consumer = kafka.consumer({ groupId: `bench-capture-${topic}-${Date.now()}`, maxBytesPerPartition: 4 * 1024 * 1024 });
  await untilSettled(`capture ${topic}: join`, async () => {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
  });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) if (captured.length < count) captured.push({ key: m.key, value: m.value, headers: m.headers ?? {} });
    },
  });
  const deadline = Date.now() + timeoutMs;
  while (captured.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await consumer.disconnect();
  return captured;
}

export interface KafkaCeiling {
  messages: number;
  meanBytes: number;
  inFlight: number;
  /** Messages per second from the first send until a consumer of the topic has read the last one. */
  rate: number;
}

/**
 * Produce (acks=all, requests below the pipeline producer's 768 KiB cut, `inFlight` requests at once) and
 * consume the given messages through a fresh 6-partition topic: what kafkajs and this broker can move on this
 * machine with no parsing, validation or store in the way.
 */
export async function kafkaCeiling(kafka: Kafka, label: string, messages: CapturedMessage[], inFlight = 8): Promise<KafkaCeiling> {
  const topic = `bench.ceiling.${label}.${Date.now()}`;
  const admin = kafka.admin();
  await untilSettled(`ceiling ${label}: createTopics`, async () => {
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 6 }] });
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId: `${topic}.g`, maxBytesPerPartition: 4 * 1024 * 1024 });
  let seen = 0;
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => void (joined = true));
  await untilSettled(`ceiling ${label}: connect`, async () => {
    await Promise.all([producer.connect(), consumer.connect()]);
    await consumer.subscribe({ topic, fromBeginning: true });
  });
  await consumer.run({ eachBatch: async ({ batch }) => void (seen += batch.messages.length) });
  while (!joined) await new Promise((r) => setTimeout(r, 50));
  // One throwaway send finds the partition leaders before the clock starts.
  await untilSettled(`ceiling ${label}: first send`, () => producer.send({ topic, acks: -1, messages: [{ key: 'warm-up', value: 'warm-up' }] }));
  const records: KafkaRecord[] = messages.map((m) => ({ key: m.key?.toString('utf8') ?? null, value: m.value, headers: stringHeaders(m.headers) }));
  const requests = chunkBySize([{ topic, records }]).map((request) => request[0].records);
  const target = messages.length + 1;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let r = requests.shift(); r; r = requests.shift()) await producer.send({ topic, acks: -1, messages: r });
    }),
  );
  while (seen < target) await new Promise((r) => setTimeout(r, 5));
  const seconds = (Date.now() - t0) / 1000;
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
  const bytes = messages.reduce((sum, m) => sum + (m.value?.length ?? 0), 0);
  return { messages: messages.length, meanBytes: bytes / Math.max(1, messages.length), inFlight, rate: messages.length / seconds };
}

function stringHeaders(headers: IHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
}
