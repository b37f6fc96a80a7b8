import { Topics } from '@loops/contracts';
import { createKafka, ensureTopics } from '@loops/kafka';
import { createLogger } from '@loops/observability';

/** Creates the fixed pipeline topics once, before the services start (they would race otherwise). */
export async function createPipelineTopics(brokers: string, partitions: number): Promise<void> {
  const kafka = createKafka({ brokers: brokers.split(','), clientId: 'loops-infra', logger: createLogger('infra', 'warn') });
  await ensureTopics(kafka, Object.values(Topics).map((topic) => ({ topic, numPartitions: partitions })));
}
