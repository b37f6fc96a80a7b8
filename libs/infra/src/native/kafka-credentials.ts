import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KafkaSecurity } from '@loops/kafka';
import { KAFKA_PRINCIPALS, KafkaPrincipal } from '../kafka-principals';

/** SCRAM passwords of every principal of one native broker, generated once per state directory. */
export interface KafkaCredentials {
  mechanism: 'scram-sha-512';
  passwords: Record<KafkaPrincipal, string>;
}

export function credentialsFile(stateDir: string): string {
  return join(stateDir, 'kafka-credentials.json');
}

export function readKafkaCredentials(stateDir: string): KafkaCredentials | undefined {
  const file = credentialsFile(stateDir);
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as KafkaCredentials;
  return KAFKA_PRINCIPALS.every((p) => typeof parsed.passwords?.[p] === 'string') ? parsed : undefined;
}

/** New random passwords (never in code), written readable by the owner only. */
export function generateKafkaCredentials(stateDir: string): KafkaCredentials {
  const passwords = Object.fromEntries(KAFKA_PRINCIPALS.map((p) => [p, randomBytes(24).toString('base64url')])) as Record<KafkaPrincipal, string>;
  const credentials: KafkaCredentials = { mechanism: 'scram-sha-512', passwords };
  const file = credentialsFile(stateDir);
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return credentials;
}

export function securityFor(credentials: KafkaCredentials, principal: KafkaPrincipal): KafkaSecurity {
  return { sasl: { mechanism: credentials.mechanism, username: principal, password: credentials.passwords[principal] } };
}
