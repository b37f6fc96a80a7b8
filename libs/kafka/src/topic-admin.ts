import { Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
}

/**
 * Creates missing topics and grows existing ones to the requested partition count, so scaling out a
 * consumer group is a config change. Partitions are never shrunk (Kafka cannot).
 */
export async function ensureTopics(kafka: Kafka, specs: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({ topic: s.topic, numPartitions: s.numPartitions, replicationFactor: -1 })),
      });
    }
    const present = specs.filter((s) => existing.has(s.topic));
    if (present.length > 0) {
      const metadata = await admin.fetchTopicMetadata({ topics: present.map((s) => s.topic) });
      const grow = present
        .map((spec) => ({
          spec,
          current: metadata.topics.find((t) => t.name === spec.topic)?.partitions.length ?? 0,
        }))
        .filter(({ spec, current }) => current < spec.numPartitions)
        .map(({ spec }) => ({ topic: spec.topic, count: spec.numPartitions }));
      if (grow.length > 0) await admin.createPartitions({ topicPartitions: grow });
    }
  } finally {
    await admin.disconnect();
  }
}
