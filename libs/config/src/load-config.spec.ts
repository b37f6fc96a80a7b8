import { IsInt, Min } from 'class-validator';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';
import { PlatformEnv } from './platform-env';

class WorkerEnv extends PlatformEnv {
  @IsInt()
  @Min(1)
  BATCH_SIZE!: number;
}

describe('loadConfig', () => {
  it('converts and returns a typed config', () => {
    const config = loadConfig('worker', WorkerEnv, {
      KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9093',
      DATABASE_URL: 'postgres://loops@127.0.0.1:5432/loops',
      PORT: '3001',
      BATCH_SIZE: '50',
    });
    expect(config.PORT).toBe(3001);
    expect(config.BATCH_SIZE).toBe(50);
    expect(config.brokers()).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
    expect(config.KAFKA_PARTITIONS).toBe(6);
  });

  it('fails fast listing every problem at once', () => {
    let error: unknown;
    try {
      loadConfig('worker', WorkerEnv, { KAFKA_BROKERS: 'nope', PORT: '99999', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('KAFKA_BROKERS must be a comma-separated list of host:port');
    expect(problems).toContain('DATABASE_URL must be a postgres:// URL');
    expect(problems).toMatch(/PORT: PORT must not be greater than 65535/);
    expect(problems).toMatch(/LOG_LEVEL/);
    expect(problems).toMatch(/BATCH_SIZE/);
  });

  it('reads broker SASL and TLS settings, and refuses a mechanism without its credentials', () => {
    const base = { KAFKA_BROKERS: 'kafka:9092', DATABASE_URL: 'postgres://loops@db/loops', PORT: '3001', BATCH_SIZE: '1' };
    const config = loadConfig('worker', WorkerEnv, {
      ...base,
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'sentiment',
      KAFKA_SASL_PASSWORD: 's3cret',
      KAFKA_SSL: 'true',
    });
    expect([config.KAFKA_SASL_MECHANISM, config.KAFKA_SASL_USERNAME, config.KAFKA_SSL]).toEqual(['scram-sha-512', 'sentiment', 'true']);
    expect(loadConfig('worker', WorkerEnv, base).KAFKA_SASL_MECHANISM).toBeUndefined();
    let error: unknown;
    try {
      loadConfig('worker', WorkerEnv, { ...base, KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SSL: 'yes' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual([
      'KAFKA_SASL_USERNAME: KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM is set',
      'KAFKA_SASL_PASSWORD: KAFKA_SASL_PASSWORD is required when KAFKA_SASL_MECHANISM is set',
      'KAFKA_SSL: KAFKA_SSL must be true or false',
    ]);
  });
});
