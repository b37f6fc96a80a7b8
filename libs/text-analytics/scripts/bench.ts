import { DefaultAnalyzer } from '../src/analyzer/default-analyzer';
import type { AnalyzerInput } from '../src/types';
import { bySplit, dataDirFromArgs, loadSentimentSet, loadWinkSentences, MODEL_DIR, readTsv, SENTIMENT_SETS } from './data';
import { resolve } from 'path';

/**
 * Throughput of the default analyzer (language detection + sentiment + themes + key phrases) on one core:
 * single-threaded, batches of 500 like a Kafka batch, over a mix of all test-split texts (en tweets, id, th, hu, ko,
 * wink sentences, Banking77 questions, hotel reviews).
 *   node -r @swc-node/register libs/text-analytics/scripts/bench.ts [dataDir]
 */
export interface BenchmarkResult {
  texts: number;
  meanChars: number;
  seconds: number;
  textsPerSecond: number;
  batchSize: number;
}

const BATCH_SIZE = 500;

export function benchmarkCorpus(dataDir: string): AnalyzerInput[] {
  const texts: string[] = [];
  for (const set of SENTIMENT_SETS) texts.push(...bySplit(loadSentimentSet(dataDir, set.file), 'test').map((row) => row.text));
  texts.push(...bySplit(loadWinkSentences(), 'test').map((row) => row.text));
  texts.push(...bySplit(readTsv(resolve(dataDir, 'themes/en-banking77.tsv')), 'test').map((row) => row.text));
  texts.push(...bySplit(readTsv(resolve(dataDir, 'themes/id-hotel-aspects.tsv'), 'review'), 'test').map((row) => row.text));
  return texts.map((text, index) => ({ id: String(index), text }));
}

export function runBenchmark(dataDir: string, analyzer: DefaultAnalyzer = DefaultAnalyzer.fromModelDir(MODEL_DIR), rounds = 3): BenchmarkResult {
  const corpus = benchmarkCorpus(dataDir);
  analyzer.analyze(corpus.slice(0, 2000)); // warm-up: JIT, taxonomy compilation, lexicon caches
  const started = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) {
    for (let start = 0; start < corpus.length; start += BATCH_SIZE) analyzer.analyze(corpus.slice(start, start + BATCH_SIZE));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const texts = corpus.length * rounds;
  const meanChars = corpus.reduce((sum, item) => sum + item.text.length, 0) / corpus.length;
  return { texts, meanChars, seconds, textsPerSecond: texts / seconds, batchSize: BATCH_SIZE };
}

if (require.main === module) {
  const result = runBenchmark(dataDirFromArgs());
  console.log(`${result.textsPerSecond.toFixed(0)} texts/s on one core (${result.texts} texts in ${result.seconds.toFixed(2)} s, mean ${result.meanChars.toFixed(0)} chars, batches of ${result.batchSize})`);
}
