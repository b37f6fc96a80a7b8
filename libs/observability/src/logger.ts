import pino, { Logger, LoggerOptions } from 'pino';
import { traceLogFields } from './tracing/trace-log-fields';

/**
 * Paths never written to logs: credentials and the customer's own words (which may hold PII that
 * redaction missed). Logs are for operators; the text lives only in the store.
 */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'apiKey',
  'password',
  'databaseUrl',
  'DATABASE_URL',
  'KAFKA_SASL_PASSWORD',
  'sasl.password',
  '*.text',
  '*.comment',
  '*.body',
  'customer.email',
];

export function loggerOptions(service: string, level: string): LoggerOptions {
  return {
    name: service,
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    // trace_id / span_id of the active span, when tracing is on (see tracing/).
    mixin: traceLogFields,
  };
}

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(loggerOptions(service, level));
}

export type { Logger };
