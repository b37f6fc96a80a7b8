import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InfraError, InfraErrorCode } from '../infra-error';
import { credentialsFile, generateKafkaCredentials, KafkaCredentials, readKafkaCredentials, securityFor } from './kafka-credentials';
import {
  adminKafka,
  applyAcls,
  assertJavaPresent,
  assertPortsFree,
  BROKER_READY_MS,
  brokerAnswers,
  brokerLogTail,
  BrokerFiles,
  ensureKafkaArtifacts,
  formatBrokerStorage,
  KraftNode,
  KraftReplication,
  kraftServerProperties,
  newKraftClusterId,
  runningBrokerPid,
  spawnBroker,
  writeBrokerConfig,
} from './native-kafka';
import { canConnect, stopProcessGroup, waitFor } from './processes';

export interface NativeKafkaClusterOptions {
  repoRoot: string;
  /** One directory for the cluster: the shared credentials, and broker-<id>/ per node. */
  stateDir: string;
  /** Broker n (1-based) listens on basePort + n - 1 and its controller on controllerBasePort + n - 1. */
  basePort: number;
  controllerBasePort: number;
  size?: number;
  heapMb?: number;
  auth?: 'sasl' | 'none';
  log?: (line: string) => void;
}

export interface NativeKafkaCluster {
  /** Comma-separated bootstrap list of every broker. */
  brokers: string;
  nodes: KraftNode[];
  started: boolean;
  credentials?: KafkaCredentials;
}

/** Three copies of every partition, and an acks=all write needs two: one broker may be lost at any time. */
export const CLUSTER_REPLICATION: KraftReplication = { replicationFactor: 3, minInsyncReplicas: 2 };

export function clusterNodes(o: Pick<NativeKafkaClusterOptions, 'basePort' | 'controllerBasePort' | 'size'>): KraftNode[] {
  return Array.from({ length: o.size ?? 3 }, (_, i) => ({ nodeId: i + 1, port: o.basePort + i, controllerPort: o.controllerBasePort + i }));
}

export function brokerDir(stateDir: string, nodeId: number): string {
  return join(stateDir, `broker-${nodeId}`);
}

function bootstrap(nodes: KraftNode[]): string {
  return nodes.map((n) => `127.0.0.1:${n.port}`).join(',');
}

/**
 * Starts (or reuses) a KRaft cluster of three nodes on 127.0.0.1, each a combined broker and controller
 * with its own node id, ports and log directory; the three form the controller quorum. SASL/SCRAM and ACLs
 * as on the single broker. Topics get replication factor 3 and min.insync.replicas 2 by default.
 */
export async function startNativeKafkaCluster(o: NativeKafkaClusterOptions): Promise<NativeKafkaCluster> {
  const log = o.log ?? (() => undefined);
  const nodes = clusterNodes(o);
  const brokers = bootstrap(nodes);
  mkdirSync(o.stateDir, { recursive: true });
  let credentials = o.auth === 'none' ? undefined : readKafkaCredentials(o.stateDir);
  let reformat = nodes.some((n) => !existsSync(join(brokerDir(o.stateDir, n.nodeId), 'data', 'meta.properties')));
  if (o.auth !== 'none' && !credentials) {
    credentials = generateKafkaCredentials(o.stateDir);
    reformat = true;
  }
  const adminSecurity = credentials ? securityFor(credentials, 'admin') : undefined;
  const running = nodes.map((n) => runningBrokerPid(brokerDir(o.stateDir, n.nodeId)));
  if (!reformat && running.every((pid) => pid !== undefined) && (await brokerAnswers(brokers, adminSecurity, nodes.length))) {
    log(`reusing the ${nodes.length}-broker Kafka cluster on ${brokers}`);
    await applyAcls(brokers, credentials, log);
    return { brokers, nodes, started: false, credentials };
  }
  // Part of our own cluster, or one with other settings: stop it and start all of it.
  await Promise.all(running.filter((pid): pid is number => pid !== undefined).map((pid) => stopProcessGroup(pid, 20000)));
  assertJavaPresent();
  await assertPortsFree(nodes.flatMap((n) => [n.port, n.controllerPort]));
  const libs = ensureKafkaArtifacts(o.repoRoot, log);
  const files = nodes.map((n): BrokerFiles => ({ dir: brokerDir(o.stateDir, n.nodeId), heapMb: o.heapMb ?? 384 }));
  nodes.forEach((n, i) => writeBrokerConfigFor(files[i], n, nodes, credentials));
  if (reformat) {
    if (!credentials) rmSync(credentialsFile(o.stateDir), { force: true });
    // One cluster id for all three: a node formatted with another id would refuse to join the quorum.
    const clusterId = newKraftClusterId(libs);
    files.forEach((f) => formatBrokerStorage(libs, f, clusterId, credentials));
  }
  // All at once: no node is ready until a majority of the controller quorum is up.
  const pids = files.map((f) => spawnBroker(libs, f));
  log(`started a ${nodes.length}-broker Kafka cluster (pids ${pids.join(', ')}) on ${brokers}; waiting for the quorum...`);
  try {
    for (const n of nodes) await waitFor(`kafka broker ${n.nodeId} port`, () => canConnect(n.port), BROKER_READY_MS);
    await waitFor(`all ${nodes.length} brokers registered`, () => brokerAnswers(brokers, adminSecurity, nodes.length), BROKER_READY_MS);
    await applyAcls(brokers, credentials, log);
  } catch (error) {
    await Promise.all(pids.map((pid) => stopProcessGroup(pid)));
    const tails = files.map((f, i) => `broker ${i + 1}:\n${brokerLogTail(f.dir, 1500)}`).join('\n');
    throw new InfraError(InfraErrorCode.NOT_READY, `${(error as Error).message}; broker log tails:\n${tails}`);
  }
  return { brokers, nodes, started: true, credentials };
}

function writeBrokerConfigFor(files: BrokerFiles, node: KraftNode, voters: KraftNode[], credentials: KafkaCredentials | undefined): void {
  writeBrokerConfig(files, kraftServerProperties(node, voters, join(files.dir, 'data'), credentials, CLUSTER_REPLICATION));
}

/**
 * Stops one broker of the cluster: `SIGTERM` is a controlled shutdown (its partitions are led elsewhere
 * first), `SIGKILL` is a crash. Its data stays, so startClusterBroker brings it back as the same node.
 */
export async function stopClusterBroker(stateDir: string, nodeId: number, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
  const pid = runningBrokerPid(brokerDir(stateDir, nodeId));
  if (pid === undefined) return;
  if (signal === 'SIGKILL') {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await waitFor(`broker ${nodeId} gone`, async () => runningBrokerPid(brokerDir(stateDir, nodeId)) === undefined, 10000);
    return;
  }
  await stopProcessGroup(pid, 30000);
}

/** Starts one stopped broker of the cluster again with its own configuration and data, and waits for its port. */
export async function startClusterBroker(o: Pick<NativeKafkaClusterOptions, 'repoRoot' | 'stateDir' | 'heapMb' | 'log'>, node: KraftNode): Promise<number> {
  const dir = brokerDir(o.stateDir, node.nodeId);
  const running = runningBrokerPid(dir);
  if (running !== undefined) return running;
  const libs = ensureKafkaArtifacts(o.repoRoot, o.log ?? (() => undefined));
  const pid = spawnBroker(libs, { dir, heapMb: o.heapMb ?? 384 });
  await waitFor(`kafka broker ${node.nodeId} port`, () => canConnect(node.port), BROKER_READY_MS);
  return pid;
}

/**
 * Stops every broker of the cluster; `removeData` deletes their storage (throwaway test clusters, which are
 * killed outright: a controlled shutdown of the last broker waits in vain for a quorum that has gone).
 */
export async function stopNativeKafkaCluster(stateDir: string, size = 3, removeData = false): Promise<void> {
  await Promise.all(Array.from({ length: size }, (_, i) => stopClusterBroker(stateDir, i + 1, removeData ? 'SIGKILL' : 'SIGTERM')));
  if (removeData) for (let id = 1; id <= size; id++) rmSync(join(brokerDir(stateDir, id), 'data'), { recursive: true, force: true });
}

/** Node id of the broker leading a partition, as the cluster's metadata says now. */
export async function partitionLeader(brokers: string, credentials: KafkaCredentials | undefined, topic: string, partition = 0): Promise<number> {
  const admin = adminKafka(brokers, credentials ? securityFor(credentials, 'admin') : undefined, 5).admin();
  await admin.connect();
  try {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    const p = metadata.topics[0]?.partitions.find((x) => x.partitionId === partition);
    if (!p) throw new InfraError(InfraErrorCode.NOT_READY, `no metadata for ${topic}[${partition}]`);
    return p.leader;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Waits until every partition of the topics has all `replicas` in sync: after a broker comes back it must
 * catch up before the next one may go, or two brokers would be out of the ISR at once.
 */
export async function waitForFullIsr(brokers: string, credentials: KafkaCredentials | undefined, topics: string[], replicas = 3, timeoutMs = 120000): Promise<void> {
  const admin = adminKafka(brokers, credentials ? securityFor(credentials, 'admin') : undefined, 2).admin();
  await admin.connect();
  try {
    await waitFor(
      `all replicas in sync on ${topics.length} topics`,
      async () => {
        try {
          const metadata = await admin.fetchTopicMetadata({ topics });
          return metadata.topics.every((t) => t.partitions.every((p) => p.isr.length >= replicas && p.leader >= 0));
        } catch {
          return false;
        }
      },
      timeoutMs,
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
