import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  AdaptedAnalyzer,
  DefaultAnalyzer,
  fitTenantAdapter,
  type AnalyzerInput,
  type SentimentLabel,
} from '@loops/text-analytics';

// What a tenant adapter costs and buys, on labeled English tweets (../shared/data/sentiment/en-tweeteval.tsv, or
// the path given as the first argument): a simulated tenant whose analysts corrected the first N texts.
// Figures: retraining time for N corrections, macro-F1 of the shipped vs the adapted analyzer on held-out texts of
// the same tenant, and analysis throughput with and without the adapter. Deterministic apart from the timings.
const file = resolve(
  process.argv[2] ?? resolve(__dirname, '../../../../shared/data/sentiment/en-tweeteval.tsv'),
);
const SIZES = (process.env.BENCH_CORRECTIONS ?? '20,200,1000,5000').split(',').map(Number);
const HELD_OUT = 3000;
const LABELS: SentimentLabel[] = ['negative', 'neutral', 'positive'];

const rows = readFileSync(file, 'utf8')
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))
  .filter((cols) => cols.length >= 2 && LABELS.includes(cols[1].trim() as SentimentLabel))
  .map(([text, label], i) => ({
    input: { id: String(i), text: text.replace(/^"+|"+$/g, ''), language: 'en' } as AnalyzerInput,
    label: label.trim() as SentimentLabel,
  }));
const heldOut = rows.slice(rows.length - HELD_OUT);
const base = DefaultAnalyzer.fromModelDir();

function macroF1(predicted: SentimentLabel[], truth: SentimentLabel[]): number {
  return (
    LABELS.reduce((sum, label) => {
      const tp = predicted.filter((p, i) => p === label && truth[i] === label).length;
      const fp = predicted.filter((p, i) => p === label && truth[i] !== label).length;
      const fn = predicted.filter((p, i) => p !== label && truth[i] === label).length;
      return sum + (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
    }, 0) / LABELS.length
  );
}

function throughput(analyze: (items: AnalyzerInput[]) => unknown): number {
  const items = heldOut.map((r) => r.input);
  analyze(items.slice(0, 200));
  const started = process.hrtime.bigint();
  analyze(items);
  return Math.round(items.length / (Number(process.hrtime.bigint() - started) / 1e9));
}

const truth = heldOut.map((r) => r.label);
const shippedF1 = macroF1(
  base.analyze(heldOut.map((r) => r.input)).map((r) => r.sentiment.label),
  truth,
);
console.log(
  `held-out texts: ${heldOut.length}; shipped analyzer macro-F1 ${shippedF1.toFixed(3)}; ${throughput((i) => base.analyze(i))} texts/s`,
);
console.log('| corrections | retrain (ms) | adapted macro-F1 | adapted texts/s |');
console.log('|---|---|---|---|');
for (const size of SIZES.filter((n) => n <= rows.length - HELD_OUT)) {
  const corrected = rows.slice(0, size);
  const started = Date.now();
  const results = base.analyze(corrected.map((r) => r.input));
  const model = fitTenantAdapter({
    tenantId: 'bench',
    revision: 1,
    baseAnalyzer: { name: base.name, version: base.version },
    examples: corrected.map((r, i) => ({
      input: r.input,
      base: results[i],
      label: r.label,
      themesAdded: [],
      themesRemoved: [],
    })),
    themeLabel: (id) => id,
  });
  const retrainMs = Date.now() - started;
  const adapted = new AdaptedAnalyzer(base, model);
  const f1 = macroF1(
    adapted.analyze(heldOut.map((r) => r.input)).map((r) => r.sentiment.label),
    truth,
  );
  console.log(`| ${size} | ${retrainMs} | ${f1.toFixed(3)} | ${throughput((i) => adapted.analyze(i))} |`);
}
