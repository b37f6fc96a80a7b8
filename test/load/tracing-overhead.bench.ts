import 'reflect-metadata';
import { context, propagation, trace } from '@opentelemetry/api';
import { ExportResult, ExportResultCode } from '@opentelemetry/core';
import { BatchSpanProcessor, ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { KafkaRecord } from '@loops/contracts';
import { writeBenchmarkSection } from '@loops/infra';
import { endProcessSpan, startProcessSpan, startSendSpans, withTraceHeaders } from '@loops/kafka';
import { traceLogFields } from '@loops/observability';

// CPU cost of the per-item tracing work of one Kafka hop (the send span at the producer, the process span at
// the consumer), with tracing off and on. "On" exports through a BatchSpanProcessor into an exporter that
// drops the spans: the in-process cost, without the collector's network round trip (which is batched).
const repoRoot = resolve(__dirname, '..', '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const BATCH = 500;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 40);

class DroppingExporter implements SpanExporter {
  export(_spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    done({ code: ExportResultCode.SUCCESS });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const records = (traced: boolean): KafkaRecord[] =>
  Array.from({ length: BATCH }, (_, i) => {
    const record: KafkaRecord = { key: `t:${i}`, value: '{}', headers: { ce_id: `id-${i}`, ce_type: 'dev.loops.feedback.received.v1' } };
    return traced ? withTraceHeaders(record, { traceparent: `00-${(i + 1).toString(16).padStart(32, '0')}-00f067aa0ba902b7-01` }) : record;
  });

/** One hop for a batch: send spans over the batch's records, then a process span per received message. */
function hop(batch: KafkaRecord[]): void {
  const sent = startSendSpans([{ topic: 'feedback.received.v1', records: batch }]);
  sent.end();
  const on = propagation.fields().length > 0;
  for (const [i, r] of sent.batches[0].records.entries()) {
    if (on) endProcessSpan(startProcessSpan({ topic: 'feedback.received.v1', partition: 0, offset: String(i), groupId: 'g', headers: r.headers }));
    traceLogFields();
  }
}

function measure(traced: boolean): number {
  const batch = records(traced);
  const run = () => {
    for (let b = 0; b < BATCHES; b++) hop(batch);
  };
  run();
  const perItem: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    perItem.push((used.user + used.system) / (BATCHES * BATCH));
  }
  perItem.sort((a, b) => a - b);
  return perItem[Math.floor(perItem.length / 2)];
}

async function main(): Promise<void> {
  const off = measure(true);
  const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new DroppingExporter(), { maxQueueSize: 100000 })] });
  provider.register();
  const on = measure(true);
  await provider.shutdown();
  trace.disable();
  propagation.disable();
  context.disable();
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} (other helpers' work on the`,
    `machine), median of ${ROUNDS} rounds of ${BATCHES} batches of ${BATCH} items: CPU µs per item per Kafka hop (one send span,`,
    'one process span, one log-field lookup), spans exported through a BatchSpanProcessor into an exporter that drops them',
    '(the collector round trip is batched and not included).',
    '',
    '| tracing | µs per item per hop |',
    '|---|---|',
    `| off (no OTEL_* set, the default) | ${off.toFixed(2)} |`,
    `| on (OTLP exporter configured) | ${on.toFixed(1)} |`,
    '',
    'Off, the per-item work is a header check and a no-op lookup. On, one item\'s trace holds about a dozen spans across',
    `the four services (the request, five sends, five processes, its case and its rollup), about ${(on * 6).toFixed(0)} µs of CPU per item in all.`,
    '`npm run bench:tracing` (`test/load/tracing-overhead.bench.ts`).',
  ];
  writeBenchmarkSection(repoRoot, 'tracing-overhead', 'Tracing: cost per item', lines.join('\n'));
  console.log(lines.join('\n'));
}

void main();
