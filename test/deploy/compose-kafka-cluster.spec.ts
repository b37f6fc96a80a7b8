import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { REPO_ROOT } from '../support/service-process';

interface ComposeService {
  entrypoint?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}

// No Docker engine runs here, so `docker compose up` of the three brokers cannot be tried: instead the file
// is read as compose would read it (anchors and merge keys resolved) and the cluster checked for the
// things that would make it fail or lose data: duplicate node ids, a quorum that names other hosts, a
// replication factor the cluster cannot satisfy, clients that know only one broker.
describe('docker-compose.yml: the three-broker KRaft cluster', () => {
  const compose = load(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { schema: CORE_SCHEMA.withTags(mergeTag) }) as {
    services: Record<string, ComposeService>;
    volumes: Record<string, unknown>;
  };
  const brokers = Object.entries(compose.services).filter(([, s]) => s.entrypoint?.join(' ').includes('/loops/sasl-start.sh'));
  const env = (name: string) => compose.services[name].environment ?? {};
  const startScript = readFileSync(join(REPO_ROOT, 'deploy', 'kafka', 'sasl-start.sh'), 'utf8');

  it('has three brokers with distinct node ids, advertised hosts that are their own service names, and their own volumes', () => {
    expect(brokers.map(([name]) => name).sort()).toEqual(['kafka-1', 'kafka-2', 'kafka-3']);
    expect(brokers.map(([name]) => env(name).KAFKA_NODE_ID).sort()).toEqual(['1', '2', '3']);
    for (const [name, s] of brokers) {
      expect(env(name).KAFKA_ADVERTISED_HOST).toBe(name);
      const data = (s.volumes ?? []).find((v) => v.endsWith(':/var/lib/kafka/data'));
      expect(data).toBe(`${name}-data:/var/lib/kafka/data`);
      expect(Object.keys(compose.volumes)).toContain(`${name}-data`);
    }
  });

  it('names every broker, and only them, in one controller quorum, formatted with one cluster id', () => {
    const voters = new Set(brokers.map(([name]) => env(name).KAFKA_CONTROLLER_QUORUM_VOTERS));
    expect(voters.size).toBe(1);
    const quorum = [...voters][0].split(',').map((v) => /^(\d+)@([^:]+):(\d+)$/.exec(v)!.slice(1));
    expect(quorum.map(([id, host, port]) => ({ id, host, port })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      brokers.map(([name]) => ({ id: env(name).KAFKA_NODE_ID, host: name, port: '9093' })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(new Set(brokers.map(([name]) => env(name).KAFKA_CLUSTER_ID))).toEqual(new Set(['${KAFKA_CLUSTER_ID:?set it in .env (deploy/kafka/generate-env.sh)}']));
    // The start script listens for the quorum on 9093 on every interface and refuses a multi-voter start without the id.
    expect(startScript).toMatch(/^listeners=SASL_PLAINTEXT:\/\/:9092,CONTROLLER:\/\/:9093$/m);
    expect(startScript).toMatch(/^controller\.quorum\.voters=\$\{VOTERS\}$/m);
    expect(startScript).toContain('require KAFKA_CLUSTER_ID');
  });

  it('keeps three replicas and requires two in sync, which three brokers can satisfy with one down', () => {
    for (const [name] of brokers) {
      const rf = Number(env(name).KAFKA_REPLICATION_FACTOR);
      const minIsr = Number(env(name).KAFKA_MIN_INSYNC_REPLICAS);
      expect({ name, rf, minIsr }).toEqual({ name, rf: 3, minIsr: 2 });
      expect(rf).toBeLessThanOrEqual(brokers.length);
      expect(minIsr).toBeLessThanOrEqual(rf - 1);
    }
    for (const line of ['default.replication.factor=${RF}', 'min.insync.replicas=${MIN_ISR}', 'offsets.topic.replication.factor=${RF}', 'transaction.state.log.min.isr=${MIN_ISR}', 'unclean.leader.election.enable=false']) {
      expect(startScript).toContain(`\n${line}\n`);
    }
  });

  it('gives every client all three brokers, and starts the topic setup only when all three are healthy', () => {
    const all = brokers.map(([name]) => `${name}:9092`).sort();
    for (const name of ['ingestion', 'sentiment', 'routing', 'root-cause', 'kafka-setup']) {
      expect({ name, brokers: env(name).KAFKA_BROKERS.split(',').sort() }).toEqual({ name, brokers: all });
    }
    expect(compose.services['kafka-setup'].depends_on).toEqual(Object.fromEntries(brokers.map(([name]) => [name, { condition: 'service_healthy' }])));
  });
});
