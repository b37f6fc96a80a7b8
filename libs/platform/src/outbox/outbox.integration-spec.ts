import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { fromKafkaRecord, newCloudEvent, RawHeaders, toKafkaRecord } from '@loops/contracts';
import { ensureTopics, EventProducer, kafkajsSecurityOptions, kafkaSecurityFromEnv } from '@loops/kafka';
import { createLogger, PipelineMetrics } from '@loops/observability';
import { createDataSource } from '@loops/store';
import { PeriodicTasks } from '../periodic/periodic-tasks';
import { Outbox, OutboxDefinition } from './outbox';

interface Note {
  noteId: string;
  text: string;
}

const kafka = new Kafka({
  clientId: 'outbox-test',
  brokers: process.env.KAFKA_BROKERS!.split(','),
  logLevel: logLevel.NOTHING,
  ...kafkajsSecurityOptions(kafkaSecurityFromEnv(process.env)),
});
const logger = createLogger('outbox-test', 'silent');

/** Every message on the topic from the beginning, once `expected` have arrived (or the time is up). */
async function readTopic(topic: string, expected: number, timeoutMs = 20000): Promise<Note[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const out: Note[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void out.push(fromKafkaRecord(message.value, message.headers as RawHeaders).data as Note) });
  const deadline = Date.now() + timeoutMs;
  while (out.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  // A little longer, so a duplicate sent after the expected ones would be seen too.
  await new Promise((r) => setTimeout(r, 1000));
  await consumer.disconnect();
  return out;
}

// The outbox every service uses, against the real PostgreSQL and Kafka, on a table of its own.
describe('Outbox (real PostgreSQL and Kafka)', () => {
  let dataSource: DataSource;
  let producer: EventProducer;
  let table: string;
  let topic: string;
  const tasks: PeriodicTasks[] = [];

  const definition = (): OutboxDefinition<Note, { note_id: string; text: string }> => ({
    name: table,
    table,
    id: { column: 'note_id', type: 'uuid' },
    since: 'staged_at',
    select: 'note_id, text',
    fromRow: (r) => ({ noteId: r.note_id, text: r.text }),
    idOf: (n) => n.noteId,
    toRecords: (notes) => [
      { topic, records: notes.map((n) => toKafkaRecord(newCloudEvent({ type: 'test.note', source: 'test', id: n.noteId, data: n }), n.noteId)) },
    ],
    onSent: `text = 'sent: ' || text`,
  });

  function outbox(send: (b: Parameters<EventProducer['publish']>[0]) => Promise<void> = (b) => producer.publish(b), batchSize = 1000): Outbox<Note, { note_id: string; text: string }> {
    const periodic = new PeriodicTasks(logger);
    tasks.push(periodic);
    return new Outbox(definition(), { dataSource, send, tasks: periodic, metrics: new PipelineMetrics('test'), logger }, { relayEveryMs: 0, relayAfterMs: 0, batchSize });
  }

  async function stage(notes: Note[]): Promise<void> {
    await dataSource.transaction(async (m) => {
      await m.query(`INSERT INTO ${table} (note_id, text) SELECT * FROM unnest($1::uuid[], $2::text[])`, [notes.map((n) => n.noteId), notes.map((n) => n.text)]);
    });
  }

  const notes = (n: number): Note[] => Array.from({ length: n }, (_, i) => ({ noteId: randomUUID(), text: `note ${i}` }));

  async function unpublished(): Promise<number> {
    const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE published_at IS NULL`);
    return row.n;
  }

  beforeAll(async () => {
    dataSource = await createDataSource({ url: process.env.DATABASE_URL!, poolSize: 4 }).initialize();
    producer = new EventProducer(kafka);
    await producer.connect();
  });

  beforeEach(async () => {
    const suffix = randomUUID().slice(0, 8);
    table = `test_outbox_${suffix}`;
    topic = `test.outbox.${suffix}`;
    await dataSource.query(
      `CREATE TABLE ${table} (note_id uuid PRIMARY KEY, text text NOT NULL, staged_at timestamptz NOT NULL DEFAULT now(), published_at timestamptz)`,
    );
    await ensureTopics(kafka, [{ topic, numPartitions: 3 }]);
  });

  afterEach(async () => {
    await Promise.all(tasks.splice(0).map((t) => t.beforeApplicationShutdown()));
    await dataSource.query(`DROP TABLE ${table}`);
  });

  afterAll(async () => {
    await producer.disconnect();
    await dataSource.destroy();
  });

  it('publish sends what the caller committed and marks it sent, running the onSent assignments', async () => {
    const box = outbox();
    const staged = notes(3);
    await stage(staged);
    await box.publish(staged);
    expect(await unpublished()).toBe(0);
    const texts = (await dataSource.query(`SELECT text FROM ${table} ORDER BY text`)).map((r: { text: string }) => r.text);
    expect(texts).toEqual(['sent: note 0', 'sent: note 1', 'sent: note 2']);
    const seen = await readTopic(topic, 3);
    expect(seen.map((n) => n.noteId).sort()).toEqual(staged.map((n) => n.noteId).sort());
  });

  it('a failed send leaves the rows unpublished, and the relay sends each of them once', async () => {
    const down = new EventProducer(kafka); // never connected: the send fails like a broker that is away
    const inline = outbox((b) => down.publish(b));
    const staged = notes(25);
    await stage(staged);
    expect(await inline.publishOrLeave(staged)).toBe(false);
    expect(await unpublished()).toBe(25);

    const relay = outbox(undefined, 10);
    expect(await relay.relayOnce()).toBe(25); // three rounds of at most 10, oldest first
    expect(await relay.relayOnce()).toBe(0);
    expect(await unpublished()).toBe(0);
    const seen = await readTopic(topic, 25);
    expect(seen).toHaveLength(25);
    expect(new Set(seen.map((n) => n.noteId)).size).toBe(25);
  });

  it('two relays at once (two instances) never send the same row: SKIP LOCKED splits the backlog', async () => {
    const staged = notes(200);
    await stage(staged);
    const [a, b] = [outbox(undefined, 20), outbox(undefined, 20)];
    const [sentA, sentB] = await Promise.all([a.relayOnce(), b.relayOnce()]);
    expect(sentA + sentB).toBe(200);
    const seen = await readTopic(topic, 200);
    expect(seen).toHaveLength(200);
    expect(new Set(seen.map((n) => n.noteId)).size).toBe(200);
  });

  it('the relay leaves rows younger than relayAfterMs to the inline publish', async () => {
    const box = outbox();
    await stage(notes(4));
    expect(await box.relayOnce(60_000)).toBe(0);
    expect(await unpublished()).toBe(4);
    expect(await box.publishPending()).toBe(4);
    expect(await unpublished()).toBe(0);
  });

  it('publishPending and publishMatching also take rows stamped ahead of the database clock', async () => {
    const box = outbox();
    const [ahead, scoped] = notes(2);
    await stage([ahead, scoped]);
    await dataSource.query(`UPDATE ${table} SET staged_at = now() + interval '1 day'`);
    expect((await box.publishMatching({ column: 'note_id', values: [scoped.noteId], type: 'uuid' })).map((n) => n.noteId)).toEqual([scoped.noteId]);
    expect(await box.relayOnce(5000)).toBe(0);
    expect(await box.publishPending()).toBe(1);
    expect(await unpublished()).toBe(0);
  });

  it('publishMatching sends only the rows in scope and returns them', async () => {
    const box = outbox();
    const staged = notes(5);
    await stage(staged);
    const sent = await box.publishMatching({ column: 'note_id', values: [staged[1].noteId, staged[3].noteId], type: 'uuid' });
    expect(sent.map((n) => n.noteId).sort()).toEqual([staged[1].noteId, staged[3].noteId].sort());
    expect(await unpublished()).toBe(3);
  });

  it('reports depth and the oldest row age to the metrics sampler', async () => {
    const metrics = new PipelineMetrics('test');
    const periodic = new PeriodicTasks(logger);
    tasks.push(periodic);
    new Outbox(definition(), { dataSource, send: (b) => producer.publish(b), tasks: periodic, metrics, logger }, { relayEveryMs: 0, relayAfterMs: 0 });
    await stage(notes(7));
    await metrics.samplers.runAll();
    const depth = await metrics.outboxDepth.get();
    expect(depth.values.find((v) => v.labels.outbox === table)?.value).toBe(7);
  });
});
