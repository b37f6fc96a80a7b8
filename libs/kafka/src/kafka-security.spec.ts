import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkajsSecurityOptions, kafkaSecurityEnv, kafkaSecurityFromEnv } from './kafka-security';

describe('broker security from the environment', () => {
  it('is plaintext without authentication when nothing is set (existing unsecured clusters)', () => {
    expect(kafkaSecurityFromEnv({})).toEqual({});
    expect(kafkajsSecurityOptions(kafkaSecurityFromEnv({}))).toEqual({});
  });

  it('reads SASL/SCRAM credentials and TLS with a private CA, and hands them on to a child process', () => {
    const ca = join(mkdtempSync(join(tmpdir(), 'loops-ca-')), 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const env = { KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'routing', KAFKA_SASL_PASSWORD: 'pw', KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: ca };
    const security = kafkaSecurityFromEnv(env);
    expect(security).toEqual({ sasl: { mechanism: 'scram-sha-512', username: 'routing', password: 'pw' }, ssl: { caFile: ca } });
    expect(kafkajsSecurityOptions(security)).toEqual({
      sasl: { mechanism: 'scram-sha-512', username: 'routing', password: 'pw' },
      ssl: { ca: ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'], rejectUnauthorized: true },
    });
    expect(kafkaSecurityEnv(security)).toEqual({ ...env, KAFKA_SASL_MECHANISM: 'scram-sha-512' });
    expect(kafkajsSecurityOptions(kafkaSecurityFromEnv({ KAFKA_SSL: 'true' }))).toEqual({ ssl: true });
  });

  it('refuses a mechanism it does not know, or one without credentials', () => {
    expect(() => kafkaSecurityFromEnv({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'a', KAFKA_SASL_PASSWORD: 'b' })).toThrow(
      'KAFKA_SASL_MECHANISM must be one of scram-sha-512, scram-sha-256, plain',
    );
    expect(() => kafkaSecurityFromEnv({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'a' })).toThrow(
      'KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required when KAFKA_SASL_MECHANISM is set',
    );
  });
});

describe('mutual TLS from the environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loops-mtls-'));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('reads a client certificate and key with the CA, and hands the file paths (never their contents) to a child process', () => {
    const env = {
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: file('ca.pem', 'CA'),
      KAFKA_SSL_CERT_FILE: file('client.pem', 'CERT'),
      KAFKA_SSL_KEY_FILE: file('client.key', 'KEY'),
    };
    const security = kafkaSecurityFromEnv(env);
    expect(kafkajsSecurityOptions(security)).toEqual({ ssl: { rejectUnauthorized: true, ca: ['CA'], cert: 'CERT', key: 'KEY' } });
    expect(kafkaSecurityEnv(security)).toEqual(env);
  });

  it('refuses half a client identity, or one without TLS', () => {
    expect(() => kafkaSecurityFromEnv({ KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: 'c.pem' })).toThrow('KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together');
    expect(() => kafkaSecurityFromEnv({ KAFKA_SSL_CERT_FILE: 'c.pem', KAFKA_SSL_KEY_FILE: 'k.pem' })).toThrow('need KAFKA_SSL=true');
  });
});
