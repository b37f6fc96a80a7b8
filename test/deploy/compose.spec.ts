import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { REPO_ROOT } from '../support/service-process';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  restart?: string;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
}

// The compose route for platform teams. No Docker engine runs here, so the file is checked for what
// `docker compose up` relies on; where a compose client is installed it must accept the file too.
describe('docker-compose.yml', () => {
  const file = join(REPO_ROOT, 'docker-compose.yml');
  // Compose files use YAML merge keys (<<: *service); js-yaml 5 needs them enabled.
  const compose = load(readFileSync(file, 'utf8'), { schema: CORE_SCHEMA.withTags(mergeTag) }) as { services: Record<string, ComposeService> };

  it('runs Kafka in KRaft mode, PostgreSQL, a topic-and-ACL setup step, a migration step, the four services and their monitoring', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['grafana', 'ingestion', 'kafka-1', 'kafka-2', 'kafka-3', 'kafka-setup', 'migrate', 'postgres', 'prometheus', 'root-cause', 'routing', 'sentiment'],
    );
    // The three brokers' consistency (ids, quorum, replication) is checked in compose-kafka-cluster.spec.ts.
    expect(compose.services['kafka-1'].volumes).toContain('./deploy/kafka/sasl-start.sh:/loops/sasl-start.sh:ro');
    // KRaft with SASL/SCRAM and ACLs: the broker's own start script writes its configuration.
    expect(readFileSync(join(REPO_ROOT, 'deploy', 'kafka', 'sasl-start.sh'), 'utf8')).toMatch(/^process\.roles=broker,controller$/m);
    expect(readFileSync(join(REPO_ROOT, 'deploy', 'kafka', 'sasl-start.sh'), 'utf8')).toMatch(/^authorizer\.class\.name=org\.apache\.kafka\.metadata\.authorizer\.StandardAuthorizer$/m);
    // Passwords come from .env, never from the file itself.
    expect(Object.entries(compose.services['kafka-1'].environment ?? {}).filter(([k]) => /PASSWORD|CLUSTER_ID/.test(k)).every(([, v]) => v.startsWith('${'))).toBe(true);
    expect(compose.services.migrate.command).toEqual(['node', 'dist/libs/store/src/migrate.js']);
    expect(compose.services['kafka-setup'].command).toEqual(['node', 'dist/libs/infra/src/cli/kafka-setup.js']);
    expect(compose.services['kafka-setup'].depends_on).toMatchObject({ 'kafka-1': { condition: 'service_healthy' } });
  });

  it.each(['ingestion', 'sentiment', 'routing', 'root-cause'])('%s has a readiness health check, a restart policy and waits for topics, ACLs and migrations', (name) => {
    const s = compose.services[name];
    expect(s.restart).toBe('unless-stopped');
    expect(s.healthcheck?.test.join(' ')).toContain('/health/ready');
    // The broker is healthy before kafka-setup (topics, ACLs) completes, so services wait on the latter.
    expect(s.depends_on).toMatchObject({ 'kafka-setup': { condition: 'service_completed_successfully' }, migrate: { condition: 'service_completed_successfully' } });
    expect(compose.services['kafka-setup'].depends_on).toMatchObject({ 'kafka-1': { condition: 'service_healthy' } });
    expect(s.environment).toMatchObject({ SERVICE: name, KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092,kafka-3:9092' });
  });

  it('runs Prometheus with the repo config and rules, and Grafana with the datasource and dashboard provisioned', () => {
    const prometheus = compose.services.prometheus;
    expect(prometheus.image).toMatch(/^prom\/prometheus:v\d+\.\d+\.\d+$/);
    expect(prometheus.volumes).toContain('./deploy/prometheus:/etc/prometheus:ro');
    expect(prometheus.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
    const grafana = compose.services.grafana;
    expect(grafana.image).toMatch(/^grafana\/grafana-oss:\d+\.\d+\.\d+$/);
    expect(grafana.volumes).toEqual(
      expect.arrayContaining(['./deploy/grafana/provisioning:/etc/grafana/provisioning:ro', './deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro']),
    );
    // No default admin password: it comes from .env like the broker's.
    expect(grafana.environment?.GF_SECURITY_ADMIN_PASSWORD).toMatch(/^\$\{GRAFANA_ADMIN_PASSWORD:\?/);
    // Every mounted host path exists in the repository.
    for (const volume of [...(prometheus.volumes ?? []), ...(grafana.volumes ?? [])].filter((v) => v.startsWith('./'))) {
      expect({ volume, exists: existsSync(join(REPO_ROOT, volume.split(':')[0])) }).toEqual({ volume, exists: true });
    }
    expect(existsSync(join(REPO_ROOT, 'deploy/prometheus/prometheus.yml'))).toBe(true);
    expect(existsSync(join(REPO_ROOT, 'deploy/grafana/provisioning/datasources/prometheus.yml'))).toBe(true);
  });

  it('is accepted by the compose client where one is installed', () => {
    const clients: [string, string[]][] = [
      ['docker', ['compose', '-f', file, 'config', '--quiet']],
      ['docker-compose', ['-f', file, 'config', '--quiet']],
    ];
    const results = clients.map(([cmd, args]) => ({ cmd, r: spawnSync(cmd, args, { encoding: 'utf8' }) }));
    const usable = results.filter(({ r }) => !r.error && !/unknown command|is not a docker command|unknown shorthand flag/i.test(r.stderr ?? ''));
    // Neither client on this machine is a finding to report, not a failure of the file.
    if (usable.length === 0) console.warn('no compose client installed: docker compose config not run');
    for (const { cmd, r } of usable) expect({ cmd, status: r.status, stderr: r.stderr }).toEqual({ cmd, status: 0, stderr: '' });
  });
});
