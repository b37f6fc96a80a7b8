// Decorator metadata must exist before any contract class (via @loops/kafka) is loaded.
import 'reflect-metadata';
import { createKafka, kafkaSecurityFromEnv } from '@loops/kafka';
import { createLogger } from '@loops/observability';
import { applyKafkaAcls } from '../kafka-principals';
import { createPipelineTopics } from '../pipeline-topics';

/**
 * `kafka-setup`: as the admin principal (KAFKA_SASL_* in the environment), creates the pipeline topics
 * and the per-service ACLs on a broker that authorizes (docker compose runs it once before the
 * services; operators run it against their own cluster, with KAFKA_REPLICATION_FACTOR when the
 * cluster's default.replication.factor is not what the topics should have). Idempotent.
 */
async function main(): Promise<void> {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is required');
  const security = kafkaSecurityFromEnv(process.env);
  if (!security.sasl) throw new Error('KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (a super user) are required');
  const replication = process.env.KAFKA_REPLICATION_FACTOR;
  if (replication !== undefined && !/^[1-9]\d*$/.test(replication)) throw new Error('KAFKA_REPLICATION_FACTOR must be a positive integer');
  await createPipelineTopics(brokers, Number(process.env.KAFKA_PARTITIONS ?? 6), security, replication ? Number(replication) : undefined);
  const kafka = createKafka({ brokers: brokers.split(','), clientId: 'loops-kafka-setup', logger: createLogger('kafka-setup', 'warn'), security });
  const count = await applyKafkaAcls(kafka);
  console.log(JSON.stringify({ topics: 'created', acls: count, as: security.sasl.username }));
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`kafka-setup: ${error.message}`);
    process.exit(1);
  },
);
