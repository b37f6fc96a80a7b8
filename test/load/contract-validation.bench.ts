import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { ClassConstructor } from 'class-transformer';
import {
  CaseEvent,
  contractValidator,
  CONTRACTS,
  FeedbackAnalyzed,
  FeedbackReceived,
  sampleAnalyzed,
  sampleCaseEvent,
  sampleReceived,
  validateContract,
} from '@loops/contracts';
import { writeBenchmarkSection } from '@loops/infra';

const repoRoot = resolve(__dirname, '..', '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const PER_ROUND = Number(process.env.BENCH_MESSAGES ?? 5000);
const POOL = 1000;

/** Distinct parsed messages, as a consumer gets them from `JSON.parse`, so no path profits from one hot object. */
function pool(sample: () => object): object[] {
  return Array.from({ length: POOL }, (_, i) => {
    const text = JSON.stringify(sample()).replace(/acme-id/g, `tenant-${i % 37}`).replace('"nps":2', `"nps":${i % 11}`);
    return JSON.parse(text) as object;
  });
}

/** CPU µs per message for one validator: the median of ROUNDS rounds, after a warm-up round. */
function measure(validate: (plain: unknown) => { ok: boolean }, messages: object[]): { median: number; min: number } {
  const run = () => {
    for (let i = 0; i < PER_ROUND; i++) {
      if (!validate(messages[i % messages.length]).ok) throw new Error('a valid sample was rejected');
    }
  };
  run();
  const perMessage: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    perMessage.push((used.user + used.system) / PER_ROUND);
  }
  perMessage.sort((a, b) => a - b);
  return { median: perMessage[Math.floor(perMessage.length / 2)], min: perMessage[0] };
}

function compileAll(): number {
  const start = process.hrtime.bigint();
  for (const contract of CONTRACTS) contractValidator(contract.cls);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const fmt = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(1));

function main(): void {
  const compileMs = compileAll();
  const subjects: { name: string; cls: ClassConstructor<object>; sample: () => object }[] = [
    { name: 'FeedbackAnalyzed', cls: FeedbackAnalyzed, sample: sampleAnalyzed },
    { name: 'FeedbackReceived', cls: FeedbackReceived, sample: sampleReceived },
    { name: 'CaseEvent', cls: CaseEvent, sample: sampleCaseEvent },
  ];
  const rows: string[] = [];
  for (const subject of subjects) {
    const messages = pool(subject.sample);
    const bytes = Buffer.byteLength(JSON.stringify(messages[0]));
    const classPath = measure((plain) => validateContract(subject.cls, plain), messages);
    const compiled = measure(contractValidator(subject.cls), messages);
    rows.push(
      `| ${subject.name} | ${bytes.toLocaleString('en-US')} | ${fmt(classPath.median)} (min ${fmt(classPath.min)}) | ` +
        `${fmt(compiled.median)} (min ${fmt(compiled.min)}) | ${(classPath.median / compiled.median).toFixed(0)}× |`,
    );
  }
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ` +
      `load average ${loadavg()[0].toFixed(1)} (other work running on the machine).`,
    `CPU time (user + system) per valid message, median of ${ROUNDS} rounds of ${PER_ROUND.toLocaleString('en-US')} after a warm-up round, ` +
      `over ${POOL} distinct parsed messages. "class-validator" is what consumers did before: \`plainToInstance\` + \`validateSync\` ` +
      '(whitelist, forbidNonWhitelisted); "compiled" is the ajv validator generated from the same classes, which consumers use now ' +
      '(`contractValidator`). Generating and compiling the validators of all ' +
      `${CONTRACTS.length} contracts at startup took ${compileMs.toFixed(0)} ms, once per process.`,
    '',
    '| contract | message bytes | class-validator µs/message | compiled µs/message | ratio |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'Reproduce: `npm run bench:contracts` (`BENCH_ROUNDS`, `BENCH_MESSAGES` change the run).',
  ];
  writeBenchmarkSection(repoRoot, 'contracts-validation', 'Contracts: validating a consumed message', lines.join('\n'));
  console.log(lines.join('\n'));
}

main();
