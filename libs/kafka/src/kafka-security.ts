import { readFileSync } from 'node:fs';
import type { SASLOptions } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';

export const SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** How a client authenticates to the brokers and whether the connection is TLS. Empty = plaintext, anonymous. */
export interface KafkaSecurity {
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
  /** TLS to the brokers; `caFile` adds a CA (PEM) to trust, for clusters with a private CA. */
  ssl?: { caFile?: string };
}

/** The environment variables a Loops process reads for broker security (see docs/security/broker-and-webhooks.md). */
export interface KafkaSecurityEnv {
  KAFKA_SASL_MECHANISM?: string;
  KAFKA_SASL_USERNAME?: string;
  /** Secret: never logged. */
  KAFKA_SASL_PASSWORD?: string;
  KAFKA_SSL?: string | boolean;
  KAFKA_SSL_CA_FILE?: string;
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
  if (env.KAFKA_SSL === true || env.KAFKA_SSL === 'true') {
    security.ssl = env.KAFKA_SSL_CA_FILE ? { caFile: env.KAFKA_SSL_CA_FILE } : {};
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
  }
  return env;
}

/** The kafkajs `sasl` and `ssl` options for a security setting. */
export function kafkajsSecurityOptions(security: KafkaSecurity | undefined): { sasl?: SASLOptions; ssl?: boolean | ConnectionOptions } {
  const options: { sasl?: SASLOptions; ssl?: boolean | ConnectionOptions } = {};
  if (security?.sasl) options.sasl = { ...security.sasl } as SASLOptions;
  if (security?.ssl) {
    options.ssl = security.ssl.caFile ? { ca: [readFileSync(security.ssl.caFile, 'utf8')], rejectUnauthorized: true } : true;
  }
  return options;
}
