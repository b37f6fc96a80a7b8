import { Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
}

/**
 * Creates missing topics and grows existing ones to the requested partition count, so scaling out a
 * consumer group is a config change. Partitions are never shrunk (Kafka cannot).
 */
export async function ensureTopics(kafka: Kafka, specs: TopicSpec[], attempts = 10): Promise<void> {
  // Several services start at once and race to create the same topics; the loser sees "already exists"
  // or metadata that is not yet propagated. Both settle within a second, so try again.
  for (let attempt = 1; ; attempt++) {
    try {
      await ensureTopicsOnce(kafka, specs);
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
    }
  }
}

async function ensureTopicsOnce(kafka: Kafka, specs: TopicSpec[]): Promise<void> {
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
    // Every topic must answer metadata with leaders before producers and consumers use it.
    await admin.fetchTopicMetadata({ topics: specs.map((s) => s.topic) });
  } finally {
    await admin.disconnect();
  }
}
