/**
 * Whether and where a service exports traces, read from the standard OpenTelemetry variables
 * (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/).
 *
 * Off unless asked for: the SDK's own default exporter is `otlp`, but a Loops service that nobody pointed at
 * a collector must not try to reach localhost:4318 on every batch. Tracing is on when OTEL_TRACES_EXPORTER
 * names `otlp` or `console`, or, with OTEL_TRACES_EXPORTER unset, when an OTLP endpoint is given.
 */
export type TraceExporterKind = 'otlp' | 'console';
export type OtlpProtocol = 'http/protobuf' | 'http/json';

export interface TracingConfig {
  serviceName: string;
  exporters: TraceExporterKind[];
  protocol: OtlpProtocol;
}

export class TracingConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TracingConfigError';
  }
}

const KNOWN_EXPORTERS = new Set(['otlp', 'console', 'none']);

export function tracingConfigFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): TracingConfig | undefined {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return undefined;
  const named = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const unknown = named.filter((n) => !KNOWN_EXPORTERS.has(n));
  if (unknown.length > 0) throw new TracingConfigError(`OTEL_TRACES_EXPORTER: unsupported exporter(s) ${unknown.join(', ')} (use otlp, console or none)`);
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const exporters: TraceExporterKind[] =
    named.length === 0 ? (endpoint ? ['otlp'] : []) : named.includes('none') ? [] : (named as TraceExporterKind[]);
  if (exporters.length === 0) return undefined;
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL || 'http/protobuf').trim();
  if (protocol !== 'http/protobuf' && protocol !== 'http/json') {
    throw new TracingConfigError(`OTEL_EXPORTER_OTLP_PROTOCOL: "${protocol}" is not supported (use http/protobuf or http/json)`);
  }
  return { serviceName: env.OTEL_SERVICE_NAME || `loops-${service}`, exporters, protocol };
}
