import { Topics } from '@loops/contracts';
import { createKafka, ensureTopics, KafkaSecurity } from '@loops/kafka';
import { createLogger } from '@loops/observability';

/**
 * Creates the fixed pipeline topics once, before the services start (they would race otherwise, and on a
 * broker with ACLs only the admin may create them). `replicationFactor` omitted = the brokers' default
 * (3 on the native cluster and in docker-compose.yml; set it on a cluster whose default is lower).
 */
export async function createPipelineTopics(brokers: string, partitions: number, security?: KafkaSecurity, replicationFactor?: number): Promise<void> {
  const kafka = createKafka({ brokers: brokers.split(','), clientId: 'loops-infra', logger: createLogger('infra', 'warn'), security });
  await ensureTopics(kafka, Object.values(Topics).map((topic) => ({ topic, numPartitions: partitions, replicationFactor })));
}
