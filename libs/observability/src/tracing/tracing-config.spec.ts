import { tracingConfigFromEnv } from './tracing-config';

describe('tracingConfigFromEnv', () => {
  it('is off by default: nothing set means no exporter and no SDK', () => {
    expect(tracingConfigFromEnv('routing', {})).toBeUndefined();
  });

  it('is on with an OTLP endpoint, named after the service, protobuf by default (the OTLP spec default)', () => {
    expect(tracingConfigFromEnv('routing', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({
      serviceName: 'loops-routing',
      exporters: ['otlp'],
      protocol: 'http/protobuf',
    });
    expect(tracingConfigFromEnv('routing', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })?.exporters).toEqual(['otlp']);
  });

  it('follows OTEL_TRACES_EXPORTER, OTEL_SERVICE_NAME and the protocol variables', () => {
    expect(
      tracingConfigFromEnv('sentiment', { OTEL_TRACES_EXPORTER: 'otlp,console', OTEL_SERVICE_NAME: 'vox-sentiment', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }),
    ).toEqual({ serviceName: 'vox-sentiment', exporters: ['otlp', 'console'], protocol: 'http/json' });
    expect(
      tracingConfigFromEnv('sentiment', { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' })
        ?.protocol,
    ).toBe('http/protobuf');
  });

  it('stays off when told so, even with an endpoint', () => {
    expect(tracingConfigFromEnv('ingestion', { OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })).toBeUndefined();
    expect(tracingConfigFromEnv('ingestion', { OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' })).toBeUndefined();
  });

  it('refuses what it cannot honour with a message naming the variable', () => {
    expect(() => tracingConfigFromEnv('ingestion', { OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(/OTEL_TRACES_EXPORTER: unsupported exporter\(s\) zipkin/);
    expect(() => tracingConfigFromEnv('ingestion', { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(
      /OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" is not supported/,
    );
  });
});
