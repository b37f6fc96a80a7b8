import { readFileSync } from 'node:fs';
import type { SASLOptions } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';

export const SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** How a client authenticates to the brokers and whether the connection is TLS. Empty = plaintext, anonymous. */
export interface KafkaSecurity {
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
  /**
   * TLS to the brokers; `caFile` adds a CA (PEM) to trust, for clusters with a private CA; `certFile` and
   * `keyFile` (PEM) are this client's certificate and key, for clusters that require mutual TLS.
   */
  ssl?: { caFile?: string; certFile?: string; keyFile?: string };
}

/** The environment variables a Loops process reads for broker security (see docs/security/broker-and-webhooks.md). */
export interface KafkaSecurityEnv {
  KAFKA_SASL_MECHANISM?: string;
  KAFKA_SASL_USERNAME?: string;
  /** Secret: never logged. */
  KAFKA_SASL_PASSWORD?: string;
  KAFKA_SSL?: string | boolean;
  KAFKA_SSL_CA_FILE?: string;
  KAFKA_SSL_CERT_FILE?: string;
  /** Secret (the file it names): never logged. */
  KAFKA_SSL_KEY_FILE?: string;
}

/**
 * Reads broker security from the environment. Unset means plaintext without authentication, for brokers
 * that are not secured; a mechanism without a user name or password is an error, not a silent fallback.
 */
export function kafkaSecurityFromEnv(env: KafkaSecurityEnv): KafkaSecurity {
  const security: KafkaSecurity = {};
  const mechanism = env.KAFKA_SASL_MECHANISM?.trim().toLowerCase();
  if (mechanism) {
    if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
      throw new Error(`KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')}`);
    }
    if (!env.KAFKA_SASL_USERNAME || !env.KAFKA_SASL_PASSWORD) {
      throw new Error('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required when KAFKA_SASL_MECHANISM is set');
    }
    security.sasl = { mechanism: mechanism as SaslMechanism, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD };
  }
  if (Boolean(env.KAFKA_SSL_CERT_FILE) !== Boolean(env.KAFKA_SSL_KEY_FILE)) {
    throw new Error('KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together (mutual TLS needs both)');
  }
  if (env.KAFKA_SSL === true || env.KAFKA_SSL === 'true') {
    security.ssl = {
      ...(env.KAFKA_SSL_CA_FILE ? { caFile: env.KAFKA_SSL_CA_FILE } : {}),
      ...(env.KAFKA_SSL_CERT_FILE ? { certFile: env.KAFKA_SSL_CERT_FILE, keyFile: env.KAFKA_SSL_KEY_FILE } : {}),
    };
  } else if (env.KAFKA_SSL_CERT_FILE) {
    throw new Error('KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE need KAFKA_SSL=true');
  }
  return security;
}

/** The same security as environment variables, to hand to a child process. */
export function kafkaSecurityEnv(security: KafkaSecurity | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  if (security?.sasl) {
    env.KAFKA_SASL_MECHANISM = security.sasl.mechanism;
    env.KAFKA_SASL_USERNAME = security.sasl.username;
    env.KAFKA_SASL_PASSWORD = security.sasl.password;
  }
  if (security?.ssl) {
    env.KAFKA_SSL = 'true';
    if (security.ssl.caFile) env.KAFKA_SSL_CA_FILE = security.ssl.caFile;
    if (security.ssl.certFile) env.KAFKA_SSL_CERT_FILE = security.ssl.certFile;
    if (security.ssl.keyFile) env.KAFKA_SSL_KEY_FILE = security.ssl.keyFile;
  }
  return env;
}

/** The kafkajs `sasl` and `ssl` options for a security setting. */
export function kafkajsSecurityOptions(security: KafkaSecurity | undefined): { sasl?: SASLOptions; ssl?: boolean | ConnectionOptions } {
  const options: { sasl?: SASLOptions; ssl?: boolean | ConnectionOptions } = {};
  if (security?.sasl) options.sasl = { ...security.sasl } as SASLOptions;
  if (security?.ssl) {
    const { caFile, certFile, keyFile } = security.ssl;
    options.ssl =
      caFile || certFile
        ? {
            rejectUnauthorized: true,
            ...(caFile ? { ca: [readFileSync(caFile, 'utf8')] } : {}),
            ...(certFile && keyFile ? { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') } : {}),
          }
        : true;
  }
  return options;
}
