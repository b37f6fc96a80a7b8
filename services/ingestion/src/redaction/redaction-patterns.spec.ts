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
      /REDACTION_PATTERNS\[0\]\.pattern is not a valid linear-time \(RE2\) regular expression/,
    );
    expect(() => loadConfig('ingestion', IngestionEnv, { ...env, REDACTION_PATTERNS: '{"name":"x"}' })).toThrow(/must be a JSON array/);
    expect(() => loadConfig('ingestion', IngestionEnv, { ...env, REDACTION_PATTERNS: '[{"name":"Bad Name","pattern":"x"}]' })).toThrow(/name must match/);
  });

  it('runs a catastrophic-looking pattern in linear time (RE2) and still redacts', () => {
    const [nested] = parseRedactionPatterns('[{"name":"as","pattern":"(a+)+b"}]');
    const hostile = `${'a'.repeat(50_000)}!`;
    expect(new PiiRedactor([nested]).redact(hostile).text).toBe(hostile);
    expect(new PiiRedactor([nested]).redact('x aaab y').text).toBe('x [REDACTED:as] y');
  });

  it('refuses constructs that need backtracking, at boot', () => {
    expect(() => loadConfig('ingestion', IngestionEnv, { ...env, REDACTION_PATTERNS: '[{"name":"rep","pattern":"(a)\\\\1"}]' })).toThrow(
      /REDACTION_PATTERNS\[0\]\.pattern is not a valid linear-time \(RE2\) regular expression/,
    );
  });

  it('is optional', () => {
    expect(loadConfig('ingestion', IngestionEnv, env).REDACTION_PATTERNS).toBe('');
  });
});
