import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { contractValidator, FeedbackAnalyzed, FeedbackAnalyzedV2, findUnsafeJson, sampleAnalyzed, toAnalyzedV2 } from '@loops/contracts';
import { writeBenchmarkSection } from '@loops/infra';

// What the leaner analyzed event saves per message on each of its two consumers and at its producer: the
// consumer's decode path (JSON.parse of the bytes, the unsafe-JSON walk, the compiled contract validator, as
// BatchConsumer.decode does) and the producer's JSON.stringify, v1 against v2, on the same 1,000 distinct items.
// The versions alternate round by round, so load from other work on the machine falls on both alike.
const repoRoot = resolve(__dirname, '..', '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const PER_ROUND = Number(process.env.BENCH_MESSAGES ?? 20000);
const POOL = 1000;

function v1Pool(): FeedbackAnalyzed[] {
  return Array.from({ length: POOL }, (_, i) => {
    const text = JSON.stringify(sampleAnalyzed()).replace(/acme-id/g, `tenant-${i % 37}`).replace('"nps":2', `"nps":${i % 11}`).replace('resp-2026-11-20-00042', `resp-${i}`);
    return JSON.parse(text) as FeedbackAnalyzed;
  });
}

/** CPU µs per message of `work` over the pool, one round. */
function round(work: (i: number) => void): number {
  const before = process.cpuUsage();
  for (let i = 0; i < PER_ROUND; i++) work(i % POOL);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / PER_ROUND;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  const v1 = v1Pool();
  const v2 = v1.map((a) => toAnalyzedV2(a.feedback, a.analysis));
  const bytes = { v1: v1.map((a) => Buffer.from(JSON.stringify(a))), v2: v2.map((a) => Buffer.from(JSON.stringify(a))) };
  const validators = { v1: contractValidator(FeedbackAnalyzed), v2: contractValidator(FeedbackAnalyzedV2) };
  const decode = (version: 'v1' | 'v2') => (i: number) => {
    const plain = JSON.parse(bytes[version][i].toString('utf8')) as unknown;
    if (findUnsafeJson(plain, { rejectNull: false, rejectNulInStrings: true })) throw new Error('unsafe');
    if (!validators[version](plain).ok) throw new Error(`${version} sample rejected`);
  };
  const encode = (version: 'v1' | 'v2') => (i: number) => void JSON.stringify(version === 'v1' ? v1[i] : v2[i]);
  const results = { decode: { v1: [] as number[], v2: [] as number[] }, encode: { v1: [] as number[], v2: [] as number[] } };
  for (const version of ['v1', 'v2'] as const) {
    round(decode(version)); // warm-up
    round(encode(version));
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const version of r % 2 ? (['v2', 'v1'] as const) : (['v1', 'v2'] as const)) {
      results.decode[version].push(round(decode(version)));
      results.encode[version].push(round(encode(version)));
    }
  }
  const mean = (xs: Buffer[]) => xs.reduce((s, b) => s + b.length, 0) / xs.length;
  const d = { v1: median(results.decode.v1), v2: median(results.decode.v2) };
  const e = { v1: median(results.encode.v1), v2: median(results.encode.v2) };
  const perItem = { v1: 2 * d.v1 + e.v1, v2: 2 * d.v2 + e.v2 };
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 16)}Z on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadavg()[0].toFixed(1)} (other work on the machine; the two versions alternate round by round so it falls on both).`,
    `CPU per message, median of ${ROUNDS} rounds of ${PER_ROUND.toLocaleString('en-US')} over ${POOL} distinct items built from the contract sample. Decode = what \`BatchConsumer.decode\` does with a message body (JSON.parse, the unsafe-JSON walk, the compiled validator); encode = \`JSON.stringify\` of the event at the producer.`,
    '',
    '| | FeedbackAnalyzed v1 | FeedbackAnalyzedV2 | saved |',
    '|---|---|---|---|',
    `| body bytes (mean) | ${Math.round(mean(bytes.v1)).toLocaleString('en-US')} | ${Math.round(mean(bytes.v2)).toLocaleString('en-US')} | ${(100 * (1 - mean(bytes.v2) / mean(bytes.v1))).toFixed(0)}% |`,
    `| decode at one consumer | ${d.v1.toFixed(1)} µs | ${d.v2.toFixed(1)} µs | ${(100 * (1 - d.v2 / d.v1)).toFixed(0)}% |`,
    `| encode at sentiment | ${e.v1.toFixed(1)} µs | ${e.v2.toFixed(1)} µs | ${(100 * (1 - e.v2 / e.v1)).toFixed(0)}% |`,
    `| per item (one encode, two consumers decode) | ${perItem.v1.toFixed(1)} µs | ${perItem.v2.toFixed(1)} µs | **${(perItem.v1 - perItem.v2).toFixed(1)} µs** |`,
    '',
    'kafkajs\' own per-byte work (record encoding, CRC-32C, decoding) and the broker\'s shrink with the bytes too; those are in the pipeline figures, not here.',
    '',
    'Reproduce: `npm run bench:analyzed` (`BENCH_ROUNDS`, `BENCH_MESSAGES` change the run).',
  ];
  writeBenchmarkSection(repoRoot, 'analyzed-v2', 'Contracts: FeedbackAnalyzed v1 against v2 on the consumer path', lines.join('\n'));
  console.log(lines.join('\n'));
}

main();
