import { Kafka, logLevel, LogEntry } from 'kafkajs';
import type { Logger } from '@loops/observability';
import { KafkaSecurity, kafkajsSecurityOptions } from './kafka-security';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** SASL credentials and TLS; omitted = plaintext without authentication. */
  security?: KafkaSecurity;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** kafkajs client whose own logs go through the service's pino logger as JSON (the password is never logged). */
export function createKafka(options: KafkaClientOptions): Kafka {
  const log = options.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ...kafkajsSecurityOptions(options.security),
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 200, retries: 10, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        // kafkajs logs every CreateTopics error response at error level, yet ensureTopics expects some
        // (a topic another instance just created, or one this principal may not see on a broker with ACLs)
        // and fails loudly itself when one matters.
        const expected = message.startsWith('Response CreateTopics');
        log[expected ? 'debug' : (LEVELS[level] ?? 'info')](rest, message);
      },
  });
}
