import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { TracingConfig, tracingConfigFromEnv } from './tracing-config';

export interface Tracing {
  config: TracingConfig;
  /** Exports the spans still buffered, then stops; called once the service has closed. */
  shutdown(): Promise<void>;
}

function exporterFor(kind: TracingConfig['exporters'][number], config: TracingConfig): SpanExporter {
  if (kind === 'console') return new ConsoleSpanExporter();
  // Both exporters read OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, _HEADERS, _TIMEOUT and _COMPRESSION themselves.
  return config.protocol === 'http/json' ? new OtlpJsonExporter() : new OtlpProtobufExporter();
}

/**
 * Registers the OpenTelemetry SDK for this process when the environment asks for it (see
 * `tracingConfigFromEnv`), else registers nothing: the API then stays a no-op, no propagator is set, and
 * `@loops/kafka` skips its per-message span work altogether. Spans go through a BatchSpanProcessor
 * (OTEL_BSP_* tune it); the W3C trace-context propagator and an AsyncLocalStorage context manager come
 * with NodeTracerProvider.register().
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env, extraProcessors: SpanProcessor[] = []): Tracing | undefined {
  const config = tracingConfigFromEnv(service, env);
  if (!config) return undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName, 'service.namespace': 'loops' }),
    spanProcessors: [...config.exporters.map((kind) => new BatchSpanProcessor(exporterFor(kind, config))), ...extraProcessors],
  });
  provider.register();
  return { config, shutdown: () => provider.shutdown() };
}
