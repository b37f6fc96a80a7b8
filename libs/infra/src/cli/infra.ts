// Decorator metadata must exist before any contract class (via @loops/kafka) is loaded.
import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { provisionInfrastructure } from '../provision';
import { stopNativeKafka } from '../native/native-kafka';
import { stopNativeKafkaCluster } from '../native/native-kafka-cluster';

const repoRoot = resolve(__dirname, '..', '..', '..', '..', '..');

/** `infra up` provisions (and leaves running) the demo infrastructure; `infra down` stops the native broker(s). */
async function main(command: string | undefined): Promise<number> {
  if (command === 'up') {
    const infra = await provisionInfrastructure({ repoRoot, profile: 'run' });
    // Passwords stay in the credentials file (owner-only); only its path is printed.
    console.log(JSON.stringify({ source: infra.source, KAFKA_BROKERS: infra.kafkaBrokers, kafkaCredentialsFile: infra.kafkaCredentialsFile }));
    return 0;
  }
  if (command === 'down') {
    await stopNativeKafka(join(repoRoot, 'deploy', 'native', 'run', 'run'));
    // The three-broker cluster (LOOPS_KAFKA_BROKERS=3) keeps its own state directory.
    await stopNativeKafkaCluster(join(repoRoot, 'deploy', 'native', 'run', 'run-cluster'));
    console.log('native Kafka broker(s) stopped');
    return 0;
  }
  console.error('usage: infra up|down');
  return 2;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
