import { cpus, loadavg } from 'os';
import { dirname, resolve } from 'path';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'fs';
import { DefaultAnalyzer } from '../src/analyzer/default-analyzer';
import { IntentClassifier } from '../src/themes/intent-classifier';
import type { AnalyzerInput } from '../src/types';
import { runBenchmark, type BenchmarkResult } from './bench';
import { bySplit, dataDirFromArgs, loadSentimentSet, loadWinkSentences, MODEL_DIR, readTsv, REPO_ROOT, SENTIMENT_SETS, type Split } from './data';
import { evaluateAspects, type AspectReport } from './evaluate-aspects';
import { accuracy, macroF1, perClass } from './metrics';
import { renderReport } from './report';
import { SENTIMENT_LABELS } from './sentiment-training';

/**
 * Scores the default analyzer (the same code path as the service and CLI) on the held-out test split:
 * sentiment macro-F1 per data set, English accuracy, language-ID accuracy, theme/aspect F1 and intent accuracy,
 * then benchmarks throughput and writes docs/text-analytics.md.
 *   node -r @swc-node/register libs/text-analytics/scripts/evaluate.ts [dataDir] [--split dev --models <dir>] [--no-write]
 * For choices on dev, train with `train.ts --train-only --out <dir>` and pass that dir: shipped models saw dev.
 */
export interface SentimentReport {
  id: string;
  language: string;
  rows: number;
  macroF1: number;
  macroF1WithLanguageHint: number;
  accuracy: number;
  languageAccuracy: number;
  perClass: { label: string; f1: number; support: number }[];
}

export interface EnglishReport {
  rows: number;
  accuracy: number;
  accuracyPolarDecision: number;
  neutralShare: number;
  lexiconOnlyAllRows: { rows: number; accuracy: number; accuracyPolarDecision: number };
}

export interface EvaluationReport {
  split: Split;
  date: string;
  machine: string;
  sentiment: SentimentReport[];
  english: EnglishReport;
  aspects: AspectReport;
  intents: { rows: number; accuracy: number; macroF1: number; intents: number };
  benchmark: BenchmarkResult;
  modelBytes: Record<string, number>;
}

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function evaluateSentimentSet(analyzer: DefaultAnalyzer, dataDir: string, set: (typeof SENTIMENT_SETS)[number], split: Split): SentimentReport {
  const rows = bySplit(loadSentimentSet(dataDir, set.file), split);
  const inputs: AnalyzerInput[] = rows.map((row, index) => ({ id: String(index), text: row.text }));
  const detected = analyzer.analyze(inputs);
  const hinted = analyzer.analyze(inputs.map((input) => ({ ...input, language: set.language })));
  const gold = rows.map((row) => row.label);
  const predicted = detected.map((result) => result.sentiment.label);
  return {
    id: set.id,
    language: set.language,
    rows: rows.length,
    macroF1: macroF1(gold, predicted, SENTIMENT_LABELS),
    macroF1WithLanguageHint: macroF1(gold, hinted.map((result) => result.sentiment.label), SENTIMENT_LABELS),
    accuracy: accuracy(gold, predicted),
    languageAccuracy: detected.filter((result) => result.language === set.language).length / rows.length,
    perClass: perClass(gold, predicted, SENTIMENT_LABELS).map(({ label, f1, support }) => ({ label, f1, support })),
  };
}

/** The wink sentences are binary: a neutral answer counts as wrong in `accuracy`; `accuracyPolarDecision` takes the sign of the score (0 counts as wrong). */
function englishScores(analyzer: DefaultAnalyzer, rows: { text: string; label: string }[]): { accuracy: number; accuracyPolarDecision: number; neutralShare: number } {
  const results = analyzer.analyze(rows.map((row, index) => ({ id: String(index), text: row.text })));
  const gold = rows.map((row) => row.label);
  const polar = results.map((result) => (result.sentiment.score > 0 ? 'positive' : result.sentiment.score < 0 ? 'negative' : 'none'));
  return {
    accuracy: accuracy(gold, results.map((result) => result.sentiment.label)),
    accuracyPolarDecision: accuracy(gold, polar),
    neutralShare: results.filter((result) => result.sentiment.label === 'neutral').length / rows.length,
  };
}

function evaluateEnglish(analyzer: DefaultAnalyzer, split: Split): EnglishReport {
  const all = loadWinkSentences();
  const held = bySplit(all, split);
  // The same analyzer without the trained English model: AFINN + rules only, never trained on these rows.
  const lexiconOnly = new DefaultAnalyzer({ threeClass: new Map(), lexiconWeight: new Map(), missing: [] });
  const lexicon = englishScores(lexiconOnly, all);
  return { rows: held.length, ...englishScores(analyzer, held), lexiconOnlyAllRows: { rows: all.length, accuracy: lexicon.accuracy, accuracyPolarDecision: lexicon.accuracyPolarDecision } };
}

function evaluateIntents(dataDir: string, split: Split, modelDir: string): EvaluationReport['intents'] {
  const classifier = IntentClassifier.banking77(modelDir);
  const rows = bySplit(readTsv(resolve(dataDir, 'themes/en-banking77.tsv')), split);
  const gold = rows.map((row) => row.intent);
  const predicted = rows.map((row) => classifier.classify(row.text).intent);
  return { rows: rows.length, accuracy: accuracy(gold, predicted), macroF1: macroF1(gold, predicted, classifier.intents), intents: classifier.intents.length };
}

function modelSizes(): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const file of readdirSync(MODEL_DIR)) if (file.endsWith('.ltm')) sizes[file] = statSync(resolve(MODEL_DIR, file)).size;
  return sizes;
}

function main(): void {
  const dataDir = dataDirFromArgs(process.argv.slice(2).filter((arg, index, all) => !['--split', '--models', '--no-write'].includes(arg) && !['--split', '--models'].includes(all[index - 1])));
  const split = (argValue('--split') ?? 'test') as Split;
  const modelDir = argValue('--models') ?? MODEL_DIR;
  const analyzer = DefaultAnalyzer.fromModelDir(modelDir);
  const sentiment = SENTIMENT_SETS.map((set) => evaluateSentimentSet(analyzer, dataDir, set, split));
  for (const report of sentiment) console.log(`${report.id}: macro-F1 ${report.macroF1.toFixed(4)} (with language hint ${report.macroF1WithLanguageHint.toFixed(4)}), accuracy ${report.accuracy.toFixed(4)}, language-ID ${report.languageAccuracy.toFixed(4)}, n=${report.rows}`);
  const english = evaluateEnglish(analyzer, split);
  console.log(`en-wink: accuracy ${english.accuracy.toFixed(4)} (polar decision ${english.accuracyPolarDecision.toFixed(4)}, neutral ${english.neutralShare.toFixed(3)}), n=${english.rows}; AFINN+rules only on all ${english.lexiconOnlyAllRows.rows}: ${english.lexiconOnlyAllRows.accuracy.toFixed(4)} / ${english.lexiconOnlyAllRows.accuracyPolarDecision.toFixed(4)}`);
  const aspects = evaluateAspects(analyzer, dataDir, split);
  console.log(`id-hotel-aspects: mention micro-F1 ${aspects.mention.f1.toFixed(4)} (P ${aspects.mention.precision.toFixed(3)} R ${aspects.mention.recall.toFixed(3)}), aspect-sentiment accuracy ${aspects.sentimentAccuracy.toFixed(4)} on ${aspects.sentimentPairs} correctly found mentions, n=${aspects.rows}`);
  const intents = evaluateIntents(dataDir, split, modelDir);
  console.log(`en-banking77: intent accuracy ${intents.accuracy.toFixed(4)}, macro-F1 ${intents.macroF1.toFixed(4)}, n=${intents.rows}`);
  const benchmark = runBenchmark(dataDir, analyzer);
  console.log(`throughput: ${benchmark.textsPerSecond.toFixed(0)} texts/s on one core (${benchmark.texts} texts, mean ${benchmark.meanChars.toFixed(0)} chars)`);
  const report: EvaluationReport = {
    split, date: new Date().toISOString(), machine: `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average at start ${loadavg()[0].toFixed(2)} (the machine is shared)`,
    sentiment, english, aspects, intents, benchmark, modelBytes: modelSizes(),
  };
  if (!process.argv.includes('--no-write') && split === 'test') {
    const path = resolve(REPO_ROOT, 'docs/text-analytics.md');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, renderReport(report));
    console.log(`wrote ${path}`);
  }
}

if (require.main === module) main();
