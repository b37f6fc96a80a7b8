import { Consumer, Kafka, logLevel } from 'kafkajs';
import { CloudEvent, fromKafkaRecord, RawHeaders } from '@loops/contracts';
import { kafkajsSecurityOptions, KafkaSecurity, kafkaSecurityFromEnv } from '@loops/kafka';

export interface SeenMessage {
  topic: string;
  key: string | null;
  headers: Record<string, string>;
  event: CloudEvent<unknown>;
}

/** A client for the tests' own use: the admin principal the global setup put in the environment. */
export function testKafka(security: KafkaSecurity = kafkaSecurityFromEnv(process.env)): Kafka {
  return new Kafka({ clientId: 'loops-test', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING, ...kafkajsSecurityOptions(security) });
}

/**
 * Collects every message on the given topics from the beginning, so a test can wait for the one it
 * expects and assert what it says.
 */
export class TopicProbe {
  readonly messages: SeenMessage[] = [];
  /** Messages whose body is not a JSON object (null, text, arrays): kept apart, for tests that look for them. */
  readonly malformed: SeenMessage[] = [];
  private consumer: Consumer | undefined;

  constructor(private readonly topics: string[]) {}

  async start(): Promise<this> {
    const kafka = testKafka();
    const admin = kafka.admin();
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = this.topics.filter((t) => !existing.has(t));
    if (missing.length) await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: 6 })) });
    await admin.disconnect();
    this.consumer = kafka.consumer({ groupId: `probe-${Date.now()}-${Math.random().toString(36).slice(2)}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(Array.isArray(v) ? v[0] : v);
        let event: CloudEvent<unknown>;
        try {
          event = fromKafkaRecord(message.value, message.headers as RawHeaders);
        } catch {
          event = { specversion: '1.0', id: '', source: '', type: 'unparseable', time: '', datacontenttype: 'application/json', data: message.value?.toString() };
        }
        // The hostile-input suite writes malformed events onto the same topics on purpose; tests look for
        // what the services produced, which is always a JSON object.
        const seen = { topic, key: message.key?.toString() ?? null, headers, event };
        if (event.data !== null && typeof event.data === 'object' && !Array.isArray(event.data)) this.messages.push(seen);
        else this.malformed.push(seen);
      },
    });
    return this;
  }

  async waitFor(predicate: (m: SeenMessage) => boolean, timeoutMs = 30000): Promise<SeenMessage> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      // A predicate written for well-formed events may throw on a deliberately malformed one (a null field):
      // that message is simply not the one awaited.
      const found = this.messages.find((m) => {
        try {
          return predicate(m);
        } catch {
          return false;
        }
      });
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no matching message on ${this.topics.join(', ')} within ${timeoutMs} ms (saw ${this.messages.length})`);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
