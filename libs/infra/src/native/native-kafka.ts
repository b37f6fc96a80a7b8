import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaSecurity, kafkajsSecurityOptions } from '@loops/kafka';
import { InfraError, InfraErrorCode } from '../infra-error';
import { applyKafkaAcls, KAFKA_PRINCIPALS } from '../kafka-principals';
import { credentialsFile, generateKafkaCredentials, KafkaCredentials, readKafkaCredentials, securityFor } from './kafka-credentials';
import { canConnect, commandWorks, isAlive, isPortFree, stopProcessGroup, waitFor } from './processes';

export interface NativeKafkaOptions {
  /** Repository root: the pinned pom lives in deploy/native/kafka. */
  repoRoot: string;
  /** Where this broker keeps its config, data, log and pid (one directory per instance). */
  stateDir: string;
  port: number;
  controllerPort: number;
  heapMb?: number;
  /**
   * `sasl` (default): clients authenticate with SASL/SCRAM-SHA-512 as one principal per service and ACLs
   * (StandardAuthorizer) limit each to its topics and groups. `none`: plaintext, anyone may do anything.
   */
  auth?: 'sasl' | 'none';
  log?: (line: string) => void;
}

export interface NativeKafka {
  brokers: string;
  pid: number;
  /** True when this call started the broker (and so the caller should stop it). */
  started: boolean;
  /** The principals' passwords when the broker authenticates (kept in <stateDir>/kafka-credentials.json). */
  credentials?: KafkaCredentials;
}

export const BROKER_READY_MS = 90000;

function kafkaLibsDir(repoRoot: string): string {
  return join(repoRoot, 'deploy', 'native', 'kafka', 'target', 'kafka-libs');
}

/**
 * Fetches the pinned broker and its runtime dependencies from Maven Central into
 * deploy/native/kafka/target/kafka-libs (once; Maven's local cache makes later clones fast).
 */
export function ensureKafkaArtifacts(repoRoot: string, log: (line: string) => void): string {
  const libs = kafkaLibsDir(repoRoot);
  if (existsSync(libs) && readdirSync(libs).some((f) => /^kafka_2\.13-.*\.jar$/.test(f))) return libs;
  if (!commandWorks('mvn', ['-v'])) {
    throw new InfraError(
      InfraErrorCode.MISSING_PREREQUISITE,
      'Maven (mvn) is required to fetch the Kafka broker from Maven Central: install it (apt-get install maven) ' +
        'or set KAFKA_BROKERS to an existing broker.',
    );
  }
  log('fetching Apache Kafka from Maven Central (first run only)...');
  const result = spawnSync(
    'mvn',
    ['-q', '-B', 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${libs}`],
    { cwd: join(repoRoot, 'deploy', 'native', 'kafka'), stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new InfraError(
      InfraErrorCode.MISSING_PREREQUISITE,
      `mvn dependency:copy-dependencies failed:\n${(result.stdout + result.stderr).slice(-4000)}`,
    );
  }
  return libs;
}

/** One KRaft node: a combined broker and controller with its own client and controller ports. */
export interface KraftNode {
  nodeId: number;
  port: number;
  controllerPort: number;
}

/**
 * How many copies of each partition the brokers keep. A single broker can keep only one; a cluster keeps
 * three and refuses an acks=all write unless two of them have it (min.insync.replicas), so one broker
 * may die without losing an acknowledged record.
 */
export interface KraftReplication {
  replicationFactor: number;
  minInsyncReplicas: number;
}

export const SINGLE_BROKER_REPLICATION: KraftReplication = { replicationFactor: 1, minInsyncReplicas: 1 };

/**
 * With SASL, the client listener accepts only SCRAM-SHA-512 and every request is checked by the KRaft
 * StandardAuthorizer; nothing is allowed without an ACL. The controller listener (127.0.0.1 only) takes
 * SASL/PLAIN with the admin password, so no unauthenticated connection reaches any listener. Brokers of
 * a cluster replicate to each other over the client listener as the admin (a super user).
 */
function securityProperties(node: KraftNode, credentials: KafkaCredentials | undefined): string[] {
  if (!credentials) {
    return [
      `listeners=PLAINTEXT://127.0.0.1:${node.port},CONTROLLER://127.0.0.1:${node.controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${node.port}`,
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    ];
  }
  const admin = credentials.passwords.admin;
  return [
    `listeners=SASL_PLAINTEXT://127.0.0.1:${node.port},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    `advertised.listeners=SASL_PLAINTEXT://127.0.0.1:${node.port}`,
    'inter.broker.listener.name=SASL_PLAINTEXT',
    'listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT',
    'sasl.enabled.mechanisms=SCRAM-SHA-512',
    'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
    `listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${admin}";`,
    'sasl.mechanism.controller.protocol=PLAIN',
    'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
    `listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${admin}" user_admin="${admin}";`,
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users=User:admin',
    'allow.everyone.if.no.acl.found=false',
  ];
}

/** server.properties of one KRaft node; `voters` are every node of the controller quorum (itself included). */
export function kraftServerProperties(
  node: KraftNode,
  voters: KraftNode[],
  dataDir: string,
  credentials: KafkaCredentials | undefined,
  replication: KraftReplication = SINGLE_BROKER_REPLICATION,
): string {
  const { replicationFactor: rf, minInsyncReplicas: minIsr } = replication;
  return [
    'process.roles=broker,controller',
    `node.id=${node.nodeId}`,
    `controller.quorum.voters=${voters.map((v) => `${v.nodeId}@127.0.0.1:${v.controllerPort}`).join(',')}`,
    ...securityProperties(node, credentials),
    'controller.listener.names=CONTROLLER',
    `log.dirs=${dataDir}`,
    'num.partitions=6',
    'auto.create.topics.enable=false',
    // Topics created with replication factor -1 (ensureTopics) take the broker default.
    `default.replication.factor=${rf}`,
    `min.insync.replicas=${minIsr}`,
    'unclean.leader.election.enable=false',
    `offsets.topic.replication.factor=${rf}`,
    'offsets.topic.num.partitions=10',
    `transaction.state.log.replication.factor=${rf}`,
    `transaction.state.log.min.isr=${minIsr}`,
    'group.initial.rebalance.delay.ms=0',
    'log.retention.hours=168',
    // A killed broker is fenced (and its partitions led elsewhere) after this long without a heartbeat.
    ...(voters.length > 1 ? ['broker.heartbeat.interval.ms=1000', 'broker.session.timeout.ms=6000'] : []),
    '',
  ].join('\n');
}

const LOG4J = [
  'log4j.rootLogger=WARN, file',
  'log4j.logger.kafka=INFO',
  'log4j.logger.org.apache.kafka=WARN',
  'log4j.appender.file=org.apache.log4j.ConsoleAppender',
  'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
  '',
].join('\n');

export function adminKafka(brokers: string, security: KafkaSecurity | undefined, retries: number): Kafka {
  return new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries }, ...kafkajsSecurityOptions(security) });
}

/** True when the brokers answer metadata as the admin and at least `expected` of them are registered. */
export async function brokerAnswers(brokers: string, security: KafkaSecurity | undefined, expected = 1): Promise<boolean> {
  const kafka = adminKafka(brokers, security, 0);
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length >= expected;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export function assertJavaPresent(): void {
  if (!commandWorks('java', ['-version'])) {
    throw new InfraError(
      InfraErrorCode.MISSING_PREREQUISITE,
      'Java 17+ is required to run the Kafka broker: install it (apt-get install openjdk-17-jre-headless) ' +
        'or set KAFKA_BROKERS to an existing broker.',
    );
  }
}

export async function assertPortsFree(ports: number[]): Promise<void> {
  for (const port of ports) {
    if (!(await isPortFree(port))) {
      throw new InfraError(
        InfraErrorCode.PORT_TAKEN,
        `port ${port} on 127.0.0.1 is taken by another process: stop it, choose other ports ` +
          '(LOOPS_KAFKA_PORT, LOOPS_KAFKA_CONTROLLER_PORT) or set KAFKA_BROKERS to use an existing broker.',
      );
    }
  }
}

/** Where one broker keeps its files: server.properties, log4j.properties, data/, kafka.log, kafka.pid. */
export interface BrokerFiles {
  dir: string;
  heapMb?: number;
}

function jvmArgs(b: BrokerFiles): string[] {
  return [`-Xms${b.heapMb ?? 512}m`, `-Xmx${b.heapMb ?? 512}m`, `-Dlog4j.configuration=file:${join(b.dir, 'log4j.properties')}`];
}

/** Writes the broker's configuration; it holds the admin password (the broker's own login), so owner-only. */
export function writeBrokerConfig(b: BrokerFiles, serverProperties: string): string {
  mkdirSync(b.dir, { recursive: true });
  const properties = join(b.dir, 'server.properties');
  writeFileSync(properties, serverProperties, { mode: 0o600 });
  chmodSync(properties, 0o600);
  writeFileSync(join(b.dir, 'log4j.properties'), LOG4J);
  return properties;
}

/** A new KRaft cluster id; every node of one cluster is formatted with the same one. */
export function newKraftClusterId(libs: string): string {
  const id = spawnSync('java', ['-cp', `${libs}/*`, 'kafka.tools.StorageTool', 'random-uuid'], { encoding: 'utf8' });
  return id.stdout.trim().split('\n').pop() ?? '';
}

/** Formats the broker's empty storage; SCRAM users are written into the metadata log here, and only here. */
export function formatBrokerStorage(libs: string, b: BrokerFiles, clusterId: string, credentials: KafkaCredentials | undefined): void {
  rmSync(join(b.dir, 'data'), { recursive: true, force: true });
  const scramUsers = credentials
    ? KAFKA_PRINCIPALS.flatMap((p) => ['--add-scram', `SCRAM-SHA-512=[name=${p},password=${credentials.passwords[p]}]`])
    : [];
  const format = spawnSync(
    'java',
    [...jvmArgs(b), '-cp', `${libs}/*`, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', join(b.dir, 'server.properties'), ...scramUsers],
    { encoding: 'utf8' },
  );
  if (format.status !== 0) {
    throw new InfraError(InfraErrorCode.NOT_READY, `kafka storage format failed: ${format.stdout}${format.stderr}`);
  }
}

/** Starts the broker of a configured (and formatted) directory; returns its pid, also kept in kafka.pid. */
export function spawnBroker(libs: string, b: BrokerFiles): number {
  const out = openSync(join(b.dir, 'kafka.log'), 'a');
  // detached: the broker leads its own process group, so stopping it never signals our own process.
  const child = spawn('java', [...jvmArgs(b), '-cp', `${libs}/*`, 'kafka.Kafka', join(b.dir, 'server.properties')], {
    detached: true,
    stdio: ['ignore', out, out],
  });
  child.unref();
  writeFileSync(join(b.dir, 'kafka.pid'), String(child.pid));
  return child.pid!;
}

/** The pid in the directory's kafka.pid when that process is still alive. */
export function runningBrokerPid(dir: string): number | undefined {
  const pidFile = join(dir, 'kafka.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  return Number.isInteger(pid) && isAlive(pid) ? pid : undefined;
}

export function brokerLogTail(dir: string, chars = 3000): string {
  const file = join(dir, 'kafka.log');
  return existsSync(file) ? readFileSync(file, 'utf8').slice(-chars) : '(no broker log)';
}

/**
 * Starts (or reuses) a single-node KRaft broker on 127.0.0.1 from the pinned Maven artifacts.
 * Idempotent: a broker this state directory already runs is reused.
 */
export async function startNativeKafka(o: NativeKafkaOptions): Promise<NativeKafka> {
  const log = o.log ?? (() => undefined);
  const brokers = `127.0.0.1:${o.port}`;
  const files: BrokerFiles = { dir: o.stateDir, heapMb: o.heapMb };
  const dataDir = join(o.stateDir, 'data');
  mkdirSync(o.stateDir, { recursive: true });
  let credentials = o.auth === 'none' ? undefined : readKafkaCredentials(o.stateDir);
  let reformat = !existsSync(join(dataDir, 'meta.properties'));
  if (o.auth !== 'none' && !credentials) {
    credentials = generateKafkaCredentials(o.stateDir);
    // SCRAM users are written into the metadata log when the storage is formatted.
    if (!reformat) log('broker data predates SASL authentication: reformatting its storage with the new SCRAM users');
    reformat = true;
  }
  const adminSecurity = credentials ? securityFor(credentials, 'admin') : undefined;
  const running = runningBrokerPid(o.stateDir);
  if (running !== undefined) {
    if (!reformat && (await brokerAnswers(brokers, adminSecurity))) {
      log(`reusing Kafka broker pid ${running} on ${brokers}`);
      await applyAcls(brokers, credentials, log);
      return { brokers, pid: running, started: false, credentials };
    }
    // Our own broker (its pid is in our state directory) with other settings: restart it.
    log(`stopping Kafka broker pid ${running} of ${o.stateDir}: it does not answer with the expected settings`);
    await stopProcessGroup(running, 20000);
  }
  assertJavaPresent();
  await assertPortsFree([o.port, o.controllerPort]);
  const libs = ensureKafkaArtifacts(o.repoRoot, log);
  const node: KraftNode = { nodeId: 1, port: o.port, controllerPort: o.controllerPort };
  writeBrokerConfig(files, kraftServerProperties(node, [node], dataDir, credentials));
  if (reformat) {
    // Storage formatted without SCRAM users: stale passwords would make a later SASL start fail to log in.
    if (!credentials) rmSync(credentialsFile(o.stateDir), { force: true });
    formatBrokerStorage(libs, files, newKraftClusterId(libs), credentials);
  }
  const pid = spawnBroker(libs, files);
  log(`started Kafka broker pid ${pid} on ${brokers}; waiting for it to answer...`);
  try {
    await waitFor('kafka port', () => canConnect(o.port), BROKER_READY_MS);
    await waitFor('kafka metadata', () => brokerAnswers(brokers, adminSecurity), BROKER_READY_MS);
    await applyAcls(brokers, credentials, log);
  } catch (error) {
    await stopProcessGroup(pid);
    throw new InfraError(InfraErrorCode.NOT_READY, `${(error as Error).message}; broker log tail:\n${brokerLogTail(o.stateDir)}`);
  }
  return { brokers, pid, started: true, credentials };
}

export async function applyAcls(brokers: string, credentials: KafkaCredentials | undefined, log: (line: string) => void): Promise<void> {
  if (!credentials) return;
  const count = await applyKafkaAcls(adminKafka(brokers, securityFor(credentials, 'admin'), 5));
  log(`broker authenticates with SASL/SCRAM-SHA-512; ${count} ACLs for ${KAFKA_PRINCIPALS.length} principals in place`);
}

export async function stopNativeKafka(stateDir: string, removeData = false): Promise<void> {
  const pidFile = join(stateDir, 'kafka.pid');
  if (existsSync(pidFile)) {
    await stopProcessGroup(Number(readFileSync(pidFile, 'utf8')), 20000);
    rmSync(pidFile, { force: true });
  }
  if (removeData) rmSync(join(stateDir, 'data'), { recursive: true, force: true });
}
