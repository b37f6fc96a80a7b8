import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import pino from 'pino';
import { Writable } from 'node:stream';
import { loggerOptions } from '../logger';

function capture(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('log lines carry the trace id', () => {
  it('adds nothing when tracing is off', () => {
    const { lines, stream } = capture();
    pino(loggerOptions('routing', 'info'), stream).info('batch done');
    expect(lines[0]).not.toHaveProperty('trace_id');
  });

  describe('with tracing on', () => {
    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())] });
    beforeAll(() => provider.register());
    afterAll(async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    });

    it('writes trace_id and span_id of the active span, and none outside it', async () => {
      const { lines, stream } = capture();
      const log = pino(loggerOptions('routing', 'info'), stream).child({ component: 'routing-consumer' });
      const span = trace.getTracer('test').startSpan('process feedback.analyzed.v1');
      await context.with(trace.setSpan(context.active(), span), async () => {
        await Promise.resolve();
        log.warn('case opened');
      });
      log.info('idle');
      span.end();
      expect(lines[0]).toMatchObject({ msg: 'case opened', trace_id: span.spanContext().traceId, span_id: span.spanContext().spanId, component: 'routing-consumer' });
      expect(lines[1]).not.toHaveProperty('trace_id');
    });
  });
});
