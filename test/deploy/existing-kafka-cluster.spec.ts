import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, PlatformEnv } from '@loops/config';
import { kafkajsSecurityOptions, kafkaSecurityFromEnv } from '@loops/kafka';
import { REPO_ROOT } from '../support/service-process';

/** The `env` block docs/operations.md gives for "Running against your own Kafka cluster", as key/value pairs. */
function documentedEnvironment(): Record<string, string> {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'operations.md'), 'utf8');
  const block = /<!-- existing-cluster-env:[^>]*-->\s*```env\n([\s\S]*?)```/.exec(doc);
  if (!block) throw new Error('docs/operations.md has no existing-cluster-env block');
  return Object.fromEntries(
    block[1]
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

// What a platform team sets to run a service against its own TLS + SASL cluster, mapped the way a service
// maps it at boot (the config class, then the kafkajs options), so the documentation cannot drift.
describe('running against your own Kafka cluster (docs/operations.md)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loops-own-cluster-'));
  // The documented paths point at /etc/loops; the same variables with local PEM files.
  const withLocalFiles = (env: Record<string, string>) => {
    const local = { ...env };
    for (const key of ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE']) {
      local[key] = join(dir, key.toLowerCase());
      writeFileSync(local[key], `PEM of ${key}`);
    }
    return local;
  };

  it('gives kafkajs all three brokers, SCRAM as the service principal, and TLS that checks the CA and presents the client certificate', () => {
    const env = withLocalFiles(documentedEnvironment());
    const config = loadConfig('sentiment', PlatformEnv, env);
    expect(config.brokers()).toEqual(['b1.kafka.example:9093', 'b2.kafka.example:9093', 'b3.kafka.example:9093']);
    expect(kafkajsSecurityOptions(kafkaSecurityFromEnv(config))).toEqual({
      sasl: { mechanism: 'scram-sha-512', username: 'sentiment', password: 'from-your-secret-store' },
      ssl: { rejectUnauthorized: true, ca: ['PEM of KAFKA_SSL_CA_FILE'], cert: 'PEM of KAFKA_SSL_CERT_FILE', key: 'PEM of KAFKA_SSL_KEY_FILE' },
    });
  });

  it('without client certificates: TLS with the CA only; without the CA: the system CAs', () => {
    const env = withLocalFiles(documentedEnvironment());
    delete env.KAFKA_SSL_CERT_FILE;
    delete env.KAFKA_SSL_KEY_FILE;
    expect(kafkajsSecurityOptions(kafkaSecurityFromEnv(loadConfig('sentiment', PlatformEnv, env))).ssl).toEqual({ rejectUnauthorized: true, ca: ['PEM of KAFKA_SSL_CA_FILE'] });
    delete env.KAFKA_SSL_CA_FILE;
    expect(kafkajsSecurityOptions(kafkaSecurityFromEnv(loadConfig('sentiment', PlatformEnv, env))).ssl).toBe(true);
  });

  it('refuses at boot a client certificate without its key, naming the variable', () => {
    const env = documentedEnvironment();
    delete env.KAFKA_SSL_KEY_FILE;
    let error: unknown;
    try {
      loadConfig('sentiment', PlatformEnv, env);
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual(['KAFKA_SSL_KEY_FILE: KAFKA_SSL_KEY_FILE is required with KAFKA_SSL_CERT_FILE']);
  });
});
