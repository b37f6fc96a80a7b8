import { IsString } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import {
  DlqRecord,
  FEEDBACK_ANALYZED_TYPE,
  FeedbackAnalyzed,
  fromKafkaRecord,
  newCloudEvent,
  RawHeaders,
  sampleAnalyzed,
  toKafkaRecord,
} from '@loops/contracts';
import { createLogger, PipelineMetrics } from '@loops/observability';
import { BatchConsumer, ConsumedEvent } from './batch-consumer';
import { EventProducer } from './event-producer';
import { ensureTopics } from './topic-admin';
import { kafkajsSecurityOptions, kafkaSecurityFromEnv } from './kafka-security';

class Note {
  @IsString()
  text!: string;
}

const kafka = new Kafka({
  clientId: 'kafka-lib-test',
  brokers: process.env.KAFKA_BROKERS!.split(','),
  logLevel: logLevel.NOTHING,
  // The admin principal the global setup put in the environment (the native broker requires SASL).
  ...kafkajsSecurityOptions(kafkaSecurityFromEnv(process.env)),
});
const logger = createLogger('kafka-lib-test', 'silent');

async function readAll(topic: string, expected: number, timeoutMs = 30000): Promise<DlqRecord[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const out: DlqRecord[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      out.push(fromKafkaRecord(message.value, message.headers as RawHeaders).data as DlqRecord);
    },
  });
  const deadline = Date.now() + timeoutMs;
  while (out.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await consumer.disconnect();
  return out;
}

// The consumer every service uses, against a real broker, with handlers that fail the way real ones do.
describe('BatchConsumer (real Kafka)', () => {
  let topic: string;
  let dlq: string;
  let producer: EventProducer;

  beforeEach(async () => {
    topic = `test.notes.${randomUUID().slice(0, 8)}`;
    dlq = `test.dlq.${randomUUID().slice(0, 8)}`;
    await ensureTopics(kafka, [
      { topic, numPartitions: 1 },
      { topic: dlq, numPartitions: 1 },
    ]);
    producer = new EventProducer(kafka);
    await producer.connect();
  });

  afterEach(async () => {
    await producer.disconnect();
  });

  async function publish(texts: string[]): Promise<void> {
    await producer.publish([
      { topic, records: texts.map((text) => toKafkaRecord(newCloudEvent({ type: 'test.note', source: 'test', data: { text } }), 'k')) },
    ]);
  }

  function consumer(groupId: string, handler: (events: ConsumedEvent<Note>[]) => Promise<void>, metrics = new PipelineMetrics('test')) {
    return new BatchConsumer(kafka, producer, {
      service: 'test',
      groupId,
      topic,
      contract: Note,
      handler,
      logger,
      metrics,
      maxAttempts: 2,
      backoffBaseMs: 10,
      dlqTopic: dlq,
    });
  }

  async function until(check: () => boolean, timeoutMs = 30000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (!check()) throw new Error('condition not reached');
  }

  it('isolates a poison message: the rest of its batch is processed, the poison goes to the DLQ with the reason', async () => {
    const handled: string[] = [];
    const c = consumer(`g-${randomUUID()}`, async (events) => {
      if (events.some((e) => e.data.text === 'poison')) throw new Error('cannot process "poison"');
      handled.push(...events.map((e) => e.data.text));
    });
    await publish(['one', 'two', 'poison', 'three']);
    await c.start();
    await until(() => handled.length === 3);
    const letters = await readAll(dlq, 1);
    await c.stop();
    expect(handled.sort()).toEqual(['one', 'three', 'two']);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ service: 'test', sourceTopic: topic, reasonKind: 'processing', reason: 'cannot process "poison"', attempts: 3 });
    expect(JSON.parse(Buffer.from(letters[0].originalValue, 'base64').toString())).toEqual({ text: 'poison' });
  });

  it('waits out a database outage instead of dead-lettering good messages', async () => {
    let calls = 0;
    const handled: string[] = [];
    const c = consumer(`g-${randomUUID()}`, async (events) => {
      calls++;
      // Four failures: more than maxAttempts (2), so only the transient classification saves them.
      if (calls <= 4) throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
      handled.push(...events.map((e) => e.data.text));
    });
    await publish(['a', 'b']);
    await c.start();
    await until(() => handled.length === 2, 60000);
    await c.stop();
    expect(handled.sort()).toEqual(['a', 'b']);
    expect(await readAll(dlq, 1, 3000)).toEqual([]);
  });

  it('commits only what was processed: a restarted member resumes after the last handled message', async () => {
    const group = `g-${randomUUID()}`;
    const first: string[] = [];
    const c1 = consumer(group, async (events) => {
      first.push(...events.map((e) => e.data.text));
    });
    await publish(['m1', 'm2']);
    await c1.start();
    await until(() => first.length === 2);
    await c1.stop(); // graceful: commits and leaves the group

    const second: string[] = [];
    const c2 = consumer(group, async (events) => {
      second.push(...events.map((e) => e.data.text));
    });
    await publish(['m3']);
    await c2.start();
    await until(() => second.length >= 1);
    await new Promise((r) => setTimeout(r, 1000));
    await c2.stop();
    expect(second).toEqual(['m3']);
  });

  it('dead-letters a message that breaks a Loops contract with the offending field in the reason (compiled validator)', async () => {
    const good = sampleAnalyzed();
    const bad = sampleAnalyzed();
    bad.feedback.eventId = '5b0f7d0e-1c7a-4b8e-9d4a-000000000bad';
    bad.feedback.scores.nps = 11;
    const missing = sampleAnalyzed() as Partial<FeedbackAnalyzed>;
    delete missing.analysis;
    await producer.publish([
      {
        topic,
        records: [good, bad, missing].map((data) => toKafkaRecord(newCloudEvent({ type: FEEDBACK_ANALYZED_TYPE, source: 'test', data }), 'k')),
      },
    ]);
    const handled: FeedbackAnalyzed[] = [];
    const c = new BatchConsumer(kafka, producer, {
      service: 'test',
      groupId: `g-${randomUUID()}`,
      topic,
      contract: FeedbackAnalyzed,
      handler: async (events) => {
        handled.push(...events.map((e) => e.data));
      },
      logger,
      metrics: new PipelineMetrics('test'),
      dlqTopic: dlq,
    });
    await c.start();
    await until(() => handled.length === 1);
    const letters = await readAll(dlq, 2);
    await c.stop();
    expect(handled).toEqual([good]);
    expect(letters.map((l) => [l.reasonKind, l.reason, l.attempts]).sort()).toEqual([
      ['validation', 'analysis: analysis is required', 1],
      ['validation', 'feedback.scores.nps: nps must not be greater than 10', 1],
    ]);
  });

  it('reports lag per group and partition from the batch, and only for partitions the member still owns', async () => {
    const group = `g-${randomUUID()}`;
    const metricsA = new PipelineMetrics('a');
    const metricsB = new PipelineMetrics('b');
    const handled: string[] = [];
    const a = consumer(group, async (events) => void handled.push(...events.map((e) => e.data.text)), metricsA);
    await publish(['l1', 'l2', 'l3']);
    await a.start();
    await until(() => handled.length === 3);
    const lagOf = async (m: PipelineMetrics) => (await m.consumerLag.get()).values;
    expect(await lagOf(metricsA)).toEqual([{ labels: { group, topic, partition: '0' }, value: 0 }]);
    expect((await metricsA.consumerLastBatch.get()).values).toEqual([{ labels: { group, topic, partition: '0' }, value: expect.any(Number) }]);

    // A second member joins: the group rebalances and the single partition has one owner. After new traffic
    // exactly one member reports it: the other dropped (or never had) the series.
    const b = consumer(group, async (events) => void handled.push(...events.map((e) => e.data.text)), metricsB);
    await b.start();
    // The join completes in the background: send messages until one was handled after it (a member that
    // lost the partition without dropping its series would leave two series here for good).
    let reported: Awaited<ReturnType<typeof lagOf>> = [];
    for (let round = 0; round < 10; round++) {
      const text = `after-join-${round}`;
      await publish([text]);
      await until(() => handled.includes(text), 60000);
      reported = [...(await lagOf(metricsA)), ...(await lagOf(metricsB))];
      if (reported.length === 1 && (await lagOf(metricsB)).length === 1) break;
    }
    await Promise.all([a.stop(), b.stop()]);
    expect(reported).toEqual([{ labels: { group, topic, partition: '0' }, value: 0 }]);
  });
});
