import { ConfigError, loadConfig } from '@loops/config';
import { IngestionEnv } from '../ingestion.env';
import { CustomerPseudonymizer, DEV_PSEUDONYM_KEY } from './customer-pseudonymizer';
import { pseudonymizerOf, usesDevelopmentKey } from './pseudonym-key';

const BASE = { KAFKA_BROKERS: '127.0.0.1:9092', DATABASE_URL: 'postgres://loops@127.0.0.1:5432/loops', PORT: '3001' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig('ingestion', IngestionEnv, env);
    return [];
  } catch (e) {
    return (e as ConfigError).problems;
  }
}

describe('LOOPS_PSEUDONYM_KEY', () => {
  it('is required at boot in production, and the refusal never echoes a key', () => {
    expect(problems({ ...BASE, LOOPS_ENV: 'production' }).join('\n')).toContain('LOOPS_PSEUDONYM_KEY is required when LOOPS_ENV=production');
    const short = problems({ ...BASE, LOOPS_ENV: 'production', LOOPS_PSEUDONYM_KEY: 'tiny-secret' }).join('\n');
    expect(short).toContain('LOOPS_PSEUDONYM_KEY must be at least 32 characters');
    expect(short).not.toContain('tiny-secret');
    expect(problems({ ...BASE, LOOPS_ENV: 'production', LOOPS_PSEUDONYM_KEY: 'k'.repeat(32) })).toEqual([]);
  });

  it('falls back to the documented development key outside production', () => {
    const env = loadConfig('ingestion', IngestionEnv, BASE);
    expect(usesDevelopmentKey(env)).toBe(true);
    expect(pseudonymizerOf(env).pseudonym('acme', 'jane@corp.com')).toBe(new CustomerPseudonymizer(DEV_PSEUDONYM_KEY).pseudonym('acme', 'jane@corp.com'));
    const own = loadConfig('ingestion', IngestionEnv, { ...BASE, LOOPS_PSEUDONYM_KEY: 'x'.repeat(40) });
    expect(usesDevelopmentKey(own)).toBe(false);
    expect(pseudonymizerOf(own).pseudonym('acme', 'jane@corp.com')).not.toBe(pseudonymizerOf(env).pseudonym('acme', 'jane@corp.com'));
  });
});
