import { Topics } from '@loops/contracts';
import { createKafka, ensureTopics, KafkaSecurity } from '@loops/kafka';
import { createLogger } from '@loops/observability';

/**
 * Creates the fixed pipeline topics once, before the services start (they would race otherwise, and on a
 * broker with ACLs only the admin may create them).
 */
export async function createPipelineTopics(brokers: string, partitions: number, security?: KafkaSecurity): Promise<void> {
  const kafka = createKafka({ brokers: brokers.split(','), clientId: 'loops-infra', logger: createLogger('infra', 'warn'), security });
  await ensureTopics(kafka, Object.values(Topics).map((topic) => ({ topic, numPartitions: partitions })));
}
