import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigResourceTypes, Consumer, Kafka } from 'kafkajs';
import {
  adminKafka,
  clusterNodes,
  NativeKafkaCluster,
  partitionLeader,
  securityFor,
  startClusterBroker,
  startNativeKafkaCluster,
  stopClusterBroker,
  stopNativeKafkaCluster,
  waitForFullIsr,
} from '@loops/infra';
import { createKafka, ensureTopics, EventProducer } from '@loops/kafka';
import { createLogger } from '@loops/observability';
import { REPO_ROOT, SPAWNED_PIDS } from '../support/service-process';
import { eventually } from '../support/store';

// Three KRaft brokers of our own (ports 27201-27203, controllers 27211-27213; the shared test broker is not
// touched): the pipeline's producer (acks=all, idempotent) keeps writing while the broker leading the
// partition is SIGKILLed. Every acknowledged message must be consumed, each from exactly one place in the
// log, and the cluster must keep serving writes and reads on the two brokers left and take the third back.
const PORTS = { basePort: 27201, controllerBasePort: 27211 };
const STATE_DIR = '/tmp/loops-e2e-kafka-cluster';
const TOPIC = 'cluster-failover.e2e.v1';
const TOTAL = 3000;
const BATCH = 50;

describe('three-broker Kafka cluster: the partition leader dies under load', () => {
  let cluster: NativeKafkaCluster;
  let kafka: Kafka;
  let producer: EventProducer;
  let consumer: Consumer;
  /** Each record by its place in the log: a redelivery to the consumer (after its group moved) is the same place. */
  const records = new Map<string, string>();
  const delivered = () => new Set(records.values()).size;

  beforeAll(async () => {
    cluster = await startNativeKafkaCluster({ repoRoot: REPO_ROOT, stateDir: STATE_DIR, ...PORTS, log: () => undefined });
    // Should the test process die, the global teardown still kills these brokers.
    recordBrokerPids();
    kafka = createKafka({
      brokers: cluster.brokers.split(','),
      clientId: 'cluster-e2e',
      logger: createLogger('cluster-e2e', 'fatal'),
      security: securityFor(cluster.credentials!, 'admin'),
    });
    await ensureTopics(kafka, [{ topic: TOPIC, numPartitions: 3 }]);
    producer = new EventProducer(kafka);
    await producer.connect();
    consumer = kafka.consumer({ groupId: `cluster-e2e-${Date.now()}`, sessionTimeout: 10000, heartbeatInterval: 1000 });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        records.set(`${partition}@${message.offset}`, message.value!.toString());
      },
    });
  }, 150000);

  afterAll(async () => {
    await consumer?.disconnect().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    // Stops exactly the three brokers this file started, and deletes their data.
    await stopNativeKafkaCluster(STATE_DIR, 3, true);
  }, 90000);

  function recordBrokerPids(): void {
    for (const n of clusterNodes(PORTS)) {
      const pidFile = join(STATE_DIR, `broker-${n.nodeId}`, 'kafka.pid');
      try {
        appendFileSync(SPAWNED_PIDS, `${readFileSync(pidFile, 'utf8').trim()}\n`);
      } catch {
        /* not started */
      }
    }
  }

  async function publish(from: number, to: number): Promise<void> {
    for (let i = from; i < to; i += BATCH) {
      const records = Array.from({ length: Math.min(BATCH, to - i) }, (_, j) => ({ key: `k${(i + j) % 97}`, value: `m${i + j}`, headers: {} }));
      await producer.publish([{ topic: TOPIC, records }]);
    }
  }

  it('creates topics with three replicas and min.insync.replicas 2', async () => {
    const admin = adminKafka(cluster.brokers, securityFor(cluster.credentials!, 'admin'), 5).admin();
    await admin.connect();
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: [TOPIC] });
      expect(metadata.topics[0].partitions.map((p) => p.replicas.length)).toEqual([3, 3, 3]);
      const configs = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: TOPIC, configNames: ['min.insync.replicas'] }],
      });
      expect(configs.resources[0].configEntries.find((e) => e.configName === 'min.insync.replicas')?.configValue).toBe('2');
      expect((await admin.describeCluster()).brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]);
    } finally {
      await admin.disconnect();
    }
  });

  it('consumes every acknowledged message exactly once after the leader is SIGKILLed mid-stream, and keeps serving', async () => {
    const leader = await partitionLeader(cluster.brokers, cluster.credentials, TOPIC, 0);
    await publish(0, TOTAL / 3);
    // Kill the leader while the producer is writing: the rest of the stream overlaps the failover.
    const rest = publish(TOTAL / 3, TOTAL);
    await stopClusterBroker(STATE_DIR, leader, 'SIGKILL');
    await rest;

    const newLeader = await partitionLeader(cluster.brokers, cluster.credentials, TOPIC, 0);
    expect(newLeader).not.toBe(leader);
    expect([1, 2, 3]).toContain(newLeader);
    await eventually('every message of the first stream consumed', async () => delivered() >= TOTAL, 90000);

    // Back as the same node: it catches up and rejoins every ISR, and the cluster takes more writes.
    await startClusterBroker({ repoRoot: REPO_ROOT, stateDir: STATE_DIR }, clusterNodes(PORTS)[leader - 1]);
    recordBrokerPids();
    await waitForFullIsr(cluster.brokers, cluster.credentials, [TOPIC], 3, 90000);
    await publish(TOTAL, TOTAL + 300);
    await eventually('the writes after the broker came back consumed', async () => delivered() >= TOTAL + 300, 60000);

    // Exactly once on the topic: every message at one offset, none at two (the idempotent producer's
    // retries after the failover were recognised), none missing (acks=all reached two replicas).
    const copies = new Map<string, number>();
    for (const value of records.values()) copies.set(value, (copies.get(value) ?? 0) + 1);
    const duplicated = [...copies.entries()].filter(([, n]) => n > 1).map(([id]) => id);
    const missing = Array.from({ length: TOTAL + 300 }, (_, i) => `m${i}`).filter((id) => !copies.has(id));
    expect({ records: records.size, missing, duplicated }).toEqual({ records: TOTAL + 300, missing: [], duplicated: [] });
  }, 240000);
});
