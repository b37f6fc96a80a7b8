import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { KafkaSecurity, kafkaSecurityFromEnv } from '@loops/kafka';
import { InfraError, InfraErrorCode } from './infra-error';
import { KafkaPrincipal } from './kafka-principals';
import { credentialsFile, securityFor } from './native/kafka-credentials';
import { startNativeKafka, stopNativeKafka } from './native/native-kafka';
import { startNativeKafkaCluster, stopNativeKafkaCluster } from './native/native-kafka-cluster';
import { assertPostgresReachable } from './postgres';

export type InfraSource = 'environment' | 'testcontainers' | 'native';

export interface Infrastructure {
  source: InfraSource;
  kafkaBrokers: string;
  databaseUrl: string;
  /**
   * How a principal connects: on the native broker each service has its own SASL user and ACLs; endpoints
   * from the environment use KAFKA_SASL_* / KAFKA_SSL* for every principal; testcontainers is plaintext.
   */
  kafkaSecurity(principal: KafkaPrincipal): KafkaSecurity | undefined;
  /** Where the native broker's generated passwords are kept, when it authenticates. */
  kafkaCredentialsFile?: string;
  /** Stops exactly what this call started; a no-op for endpoints given in the environment. */
  stop(): Promise<void>;
}

export interface ProvisionOptions {
  repoRoot: string;
  /** `run` and `test` keep separate brokers, ports and databases so tests never touch a running demo. */
  profile: 'run' | 'test';
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

const DEFAULTS = {
  run: { kafkaPort: 19092, controllerPort: 19093, database: 'loops' },
  test: { kafkaPort: 29092, controllerPort: 29093, database: 'loops_test' },
} as const;

/** The three-broker cluster's first ports: broker n listens on kafkaPort + n - 1, its controller on controllerPort + n - 1. */
const CLUSTER_DEFAULTS = {
  run: { kafkaPort: 19192, controllerPort: 19292 },
  test: { kafkaPort: 29192, controllerPort: 29292 },
} as const;

/** LOOPS_KAFKA_BROKERS: 1 (default) runs one broker, 3 a KRaft cluster with replication factor 3. */
export function nativeBrokerCount(env: NodeJS.ProcessEnv): 1 | 3 {
  const value = (env.LOOPS_KAFKA_BROKERS ?? '1').trim();
  if (value === '1' || value === '') return 1;
  if (value === '3') return 3;
  throw new InfraError(InfraErrorCode.MISSING_PREREQUISITE, `LOOPS_KAFKA_BROKERS must be 1 or 3 (got ${JSON.stringify(value)})`);
}

function dockerEngineAnswers(): boolean {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 5000 });
  return result.status === 0;
}

async function fromTestcontainers(database: string, log: (l: string) => void): Promise<Infrastructure> {
  // Loaded lazily: the native path must not pay for (or depend on) the Docker client libraries.
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  log('Docker engine found: starting Kafka and PostgreSQL with testcontainers');
  const [kafka, postgres] = await Promise.all([
    new KafkaContainer('confluentinc/cp-kafka:7.7.1').withKraft().start(),
    new PostgreSqlContainer('postgres:15-alpine').withDatabase(database).start(),
  ]);
  return {
    source: 'testcontainers',
    kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    databaseUrl: postgres.getConnectionUri(),
    kafkaSecurity: () => undefined,
    stop: async () => {
      await Promise.all([kafka.stop(), postgres.stop()]);
    },
  };
}

/**
 * Finds or starts Kafka and PostgreSQL, in this order: endpoints given in the environment
 * (KAFKA_BROKERS, DATABASE_URL); testcontainers where a Docker engine answers; else the native path,
 * a real Apache Kafka broker from Maven Central plus the local PostgreSQL. The native broker requires
 * SASL/SCRAM with one principal per service and ACLs (LOOPS_KAFKA_AUTH=none turns that off).
 * LOOPS_KAFKA_BROKERS=3 runs three KRaft brokers instead (replication factor 3, min.insync.replicas 2).
 */
export async function provisionInfrastructure(options: ProvisionOptions): Promise<Infrastructure> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(`[infra] ${line}`));
  const defaults = DEFAULTS[options.profile];

  if (env.KAFKA_BROKERS && env.DATABASE_URL) {
    log(`using endpoints from the environment (KAFKA_BROKERS=${env.KAFKA_BROKERS})`);
    await assertPostgresReachable(env.DATABASE_URL);
    const security = kafkaSecurityFromEnv(env);
    return { source: 'environment', kafkaBrokers: env.KAFKA_BROKERS, databaseUrl: env.DATABASE_URL, kafkaSecurity: () => security, stop: async () => undefined };
  }
  if (env.LOOPS_INFRA !== 'native' && dockerEngineAnswers()) {
    return fromTestcontainers(defaults.database, log);
  }

  const databaseUrl = env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${defaults.database}`;
  await assertPostgresReachable(databaseUrl);
  if (env.KAFKA_BROKERS) {
    const security = kafkaSecurityFromEnv(env);
    return { source: 'environment', kafkaBrokers: env.KAFKA_BROKERS, databaseUrl, kafkaSecurity: () => security, stop: async () => undefined };
  }
  const auth = env.LOOPS_KAFKA_AUTH === 'none' ? 'none' : 'sasl';
  if (nativeBrokerCount(env) === 3) {
    const stateDir = env.LOOPS_STATE_DIR ?? join(options.repoRoot, 'deploy', 'native', 'run', `${options.profile}-cluster`);
    const ports = CLUSTER_DEFAULTS[options.profile];
    const cluster = await startNativeKafkaCluster({
      repoRoot: options.repoRoot,
      stateDir,
      basePort: Number(env.LOOPS_KAFKA_PORT ?? ports.kafkaPort),
      controllerBasePort: Number(env.LOOPS_KAFKA_CONTROLLER_PORT ?? ports.controllerPort),
      auth,
      log,
    });
    const credentials = cluster.credentials;
    return {
      source: 'native',
      kafkaBrokers: cluster.brokers,
      databaseUrl,
      kafkaSecurity: (principal) => (credentials ? securityFor(credentials, principal) : undefined),
      kafkaCredentialsFile: credentials ? credentialsFile(stateDir) : undefined,
      stop: async () => {
        if (cluster.started) await stopNativeKafkaCluster(stateDir, cluster.nodes.length, options.profile === 'test');
      },
    };
  }
  const stateDir = env.LOOPS_STATE_DIR ?? join(options.repoRoot, 'deploy', 'native', 'run', options.profile);
  const kafka = await startNativeKafka({
    repoRoot: options.repoRoot,
    stateDir,
    port: Number(env.LOOPS_KAFKA_PORT ?? defaults.kafkaPort),
    controllerPort: Number(env.LOOPS_KAFKA_CONTROLLER_PORT ?? defaults.controllerPort),
    auth,
    log,
  });
  if (!Number.isInteger(kafka.pid)) throw new InfraError(InfraErrorCode.NOT_READY, 'kafka did not start');
  const credentials = kafka.credentials;
  return {
    source: 'native',
    kafkaBrokers: kafka.brokers,
    databaseUrl,
    kafkaSecurity: (principal) => (credentials ? securityFor(credentials, principal) : undefined),
    kafkaCredentialsFile: credentials ? credentialsFile(stateDir) : undefined,
    stop: async () => {
      // Test brokers are throwaway; the demo broker keeps its data between runs.
      if (kafka.started) await stopNativeKafka(stateDir, options.profile === 'test');
    },
  };
}
