import { Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  /** Copies of each partition; omitted = the brokers' default.replication.factor. */
  replicationFactor?: number;
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

/**
 * Topics a createTopics failure refused for lack of rights, when that is all it refused (others may
 * already exist). Null for any other failure.
 */
function refusedForAuthorization(error: unknown): Set<string> | null {
  const errors = (error as { errors?: { type?: string; topic?: string }[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  if (!errors.every((e) => e.type === 'TOPIC_AUTHORIZATION_FAILED' || e.type === 'TOPIC_ALREADY_EXISTS')) return null;
  return new Set(errors.filter((e) => e.type === 'TOPIC_AUTHORIZATION_FAILED').map((e) => e.topic ?? ''));
}

async function ensureTopicsOnce(kafka: Kafka, requested: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let specs = requested;
    // On a broker with ACLs a principal sees only the topics it may describe: the others look missing,
    // and creating them is refused. A topic it may not describe is one it cannot use, so it is left to
    // the principals that own it (the pipeline topics are created up front by the admin).
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length > 0) {
      try {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((s) => ({ topic: s.topic, numPartitions: s.numPartitions, replicationFactor: s.replicationFactor ?? -1 })),
        });
      } catch (error) {
        const refused = refusedForAuthorization(error);
        if (!refused) throw error;
        specs = specs.filter((s) => !refused.has(s.topic));
      }
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
    if (specs.length > 0) await admin.fetchTopicMetadata({ topics: specs.map((s) => s.topic) });
  } finally {
    await admin.disconnect();
  }
}
