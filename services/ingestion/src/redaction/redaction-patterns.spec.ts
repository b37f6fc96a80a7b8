import { loadConfig } from '@loops/config';
import { IngestionEnv } from '../ingestion.env';
import { PiiRedactor } from './pii-redactor';
import { parseRedactionPatterns } from './redaction-patterns';

const env = { KAFKA_BROKERS: '127.0.0.1:9092', DATABASE_URL: 'postgres://x@127.0.0.1/db', PORT: '3001' };

describe('REDACTION_PATTERNS', () => {
  it('configures the redactor with named patterns', () => {
    const patterns = parseRedactionPatterns('[{"name":"order","pattern":"ORD-\\\\d{6}"},{"name":"nik","pattern":"nik\\\\s*\\\\d{16}","flags":"i"}]');
    const out = new PiiRedactor(patterns).redact('order ORD-123456, NIK 3174012345678901');
    expect(out.text).toBe('order [REDACTED:order], [REDACTED:nik]');
    expect([...out.kinds]).toEqual(['custom']);
  });

  it('fails at boot with a clear message for a broken pattern', () => {
    expect(() => loadConfig('ingestion', IngestionEnv, { ...env, REDACTION_PATTERNS: '[{"name":"bad","pattern":"("}]' })).toThrow(
      /REDACTION_PATTERNS\[0\]\.pattern is not a valid regular expression/,
    );
    expect(() => loadConfig('ingestion', IngestionEnv, { ...env, REDACTION_PATTERNS: '{"name":"x"}' })).toThrow(/must be a JSON array/);
    expect(() => loadConfig('ingestion', IngestionEnv, { ...env, REDACTION_PATTERNS: '[{"name":"Bad Name","pattern":"x"}]' })).toThrow(/name must match/);
  });

  it('is optional', () => {
    expect(loadConfig('ingestion', IngestionEnv, env).REDACTION_PATTERNS).toBe('');
  });
});
