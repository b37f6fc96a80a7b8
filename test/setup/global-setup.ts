import 'reflect-metadata';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createPipelineTopics, provisionInfrastructure, recreateDatabase, SERVICE_PRINCIPALS } from '@loops/infra';
import { kafkaSecurityEnv } from '@loops/kafka';
import { migrate } from '@loops/store';

const repoRoot = join(__dirname, '..', '..');

/**
 * Provisions Kafka and PostgreSQL once for the whole run (environment endpoints, else testcontainers,
 * else the native broker from Maven Central) and migrates a fresh test database. Tests read the
 * endpoints (and, on the native broker, the SASL credentials) from the environment it sets.
 */
export default async function globalSetup(): Promise<void> {
  mkdirSync(join(repoRoot, 'test', 'output'), { recursive: true });
  rmSync(join(repoRoot, 'test', 'output', 'spawned.pids'), { force: true });
  const infra = await provisionInfrastructure({ repoRoot, profile: 'test' });
  if (infra.source !== 'environment') await recreateDatabase(infra.databaseUrl);
  const applied = await migrate(infra.databaseUrl);
  await createPipelineTopics(infra.kafkaBrokers, 6, infra.kafkaSecurity('admin'));
  console.log(`\n[test] infrastructure: ${infra.source}; kafka ${infra.kafkaBrokers}; migrations: ${applied.join(', ') || 'none pending'}`);
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.DATABASE_URL = infra.databaseUrl;
  // Tests' own clients (probes, producers of hand-made events) connect as the admin; each service the
  // tests start connects as its own principal (test/support/service-process.ts), as in production.
  Object.assign(process.env, kafkaSecurityEnv(infra.kafkaSecurity('admin')));
  process.env.LOOPS_KAFKA_SERVICE_SECURITY = JSON.stringify(
    Object.fromEntries([...SERVICE_PRINCIPALS, 'integration' as const].map((p) => [p, kafkaSecurityEnv(infra.kafkaSecurity(p))])),
  );
  (globalThis as { __LOOPS_INFRA__?: typeof infra }).__LOOPS_INFRA__ = infra;
}
