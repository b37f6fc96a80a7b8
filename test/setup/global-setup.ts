import 'reflect-metadata';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createPipelineTopics, provisionInfrastructure, recreateDatabase } from '@loops/infra';
import { migrate } from '@loops/store';

const repoRoot = join(__dirname, '..', '..');

/**
 * Provisions Kafka and PostgreSQL once for the whole run (environment endpoints, else testcontainers,
 * else the native broker from Maven Central) and migrates a fresh test database. Tests read the
 * endpoints from the environment it sets.
 */
export default async function globalSetup(): Promise<void> {
  mkdirSync(join(repoRoot, 'test', 'output'), { recursive: true });
  rmSync(join(repoRoot, 'test', 'output', 'spawned.pids'), { force: true });
  const infra = await provisionInfrastructure({ repoRoot, profile: 'test' });
  if (infra.source !== 'environment') await recreateDatabase(infra.databaseUrl);
  const applied = await migrate(infra.databaseUrl);
  await createPipelineTopics(infra.kafkaBrokers, 6);
  console.log(`\n[test] infrastructure: ${infra.source}; kafka ${infra.kafkaBrokers}; migrations: ${applied.join(', ') || 'none pending'}`);
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.DATABASE_URL = infra.databaseUrl;
  (globalThis as { __LOOPS_INFRA__?: typeof infra }).__LOOPS_INFRA__ = infra;
}
