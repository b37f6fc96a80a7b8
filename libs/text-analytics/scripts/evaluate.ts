import { cpus, loadavg } from 'os';
import { dirname, resolve } from 'path';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'fs';
import { DefaultAnalyzer } from '../src/analyzer/default-analyzer';
import { LinearModel, type LinearModelData } from '../src/model/linear-model';
import { decodeModel, encodeModel } from '../src/model/model-file';
import { loadSentimentModels } from '../src/sentiment/sentiment-models';
import { IntentClassifier } from '../src/themes/intent-classifier';
import type { AnalysisResult } from '../src/types';
import { runBenchmark, type BenchmarkResult } from './bench';
import { BINARY, bySplit, dataDirFromArgs, loadHotelDocumentLabels, loadSentimentSet, loadWinkSentences, MODEL_DIR, readTsv, REPO_ROOT, SENTIMENT_SETS, THREE_CLASS, type LabeledText, type SentimentSet, type Split } from './data';
import { discoverySection } from './evaluate-discovery';
import { evaluateAspects, type AspectReport } from './evaluate-aspects';
import { accuracy, calibrationError, macroF1, perClass, type ReliabilityBin } from './metrics';
import { renderReport } from './report';
import { fitSentimentModel } from './sentiment-training';
import { topicDisjointSplit } from './topic-split';
import { RECIPES } from './train';

/**
 * Scores the default analyzer (the same code path as the service and CLI) and writes docs/text-analytics.md:
 *   - in-split: shipped models on the held-out test split of their own data set;
 *   - cross-source: a model of the same recipe scored on another source or a topic-disjoint split (see each row);
 *   - calibration (ECE, reliability tables), theme/aspect and intent figures, throughput.
 *   npm run -s evaluate:text [-- dataDir] [--split dev --models <dir>] [--no-write]
 * For choices on dev, train with `train.ts --train-only --out <dir>` and pass that dir: shipped models saw dev.
 */

/** Sentiment figures on one set of labeled rows. Binary gold (negative/positive): a neutral answer counts as a miss. */
export interface SentimentScore {
  rows: number;
  labels: string[];
  macroF1: number;
  accuracy: number;
  /** Mean per-class recall (balanced accuracy): readable when one class is rare (hotel reviews: 24 positive). */
  macroRecall: number;
  /** Binary gold only: macro-F1 of the sign decision P(positive) vs P(negative), ignoring the neutral band. */
  polarMacroF1?: number;
  neutralShare: number;
  perClass: { label: string; f1: number; support: number }[];
  /** Expected calibration error (10 bins) of the analyzer's `probabilities`; binary gold: of P(pos) vs P(neg). */
  ece: number;
  reliability: ReliabilityBin[];
}

export interface InSplitReport {
  set: SentimentSet;
  score: SentimentScore;
  macroF1WithLanguageHint: number;
  languageAccuracy: number;
}

export interface CrossSourceReport {
  language: string;
  /** A few words for the summary table ("tweets → wink"). */
  short: string;
  /** What was trained on what, and what it was scored on. */
  description: string;
  trainRows: number;
  score: SentimentScore;
}

export interface EvaluationReport {
  split: Split;
  date: string;
  machine: string;
  inSplit: InSplitReport[];
  crossSource: CrossSourceReport[];
  aspects: AspectReport;
  intents: { rows: number; accuracy: number; macroF1: number; intents: number };
  benchmark: BenchmarkResult;
  modelBytes: Record<string, number>;
  models: Record<string, Record<string, unknown>>;
}

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

export function scoreSentiment(results: AnalysisResult[], gold: string[], labels: string[]): SentimentScore {
  const predicted = results.map((result) => result.sentiment.label);
  const binary = labels.length === 2;
  const distributions = results.map((result) => result.sentiment.probabilities ?? { negative: 0, neutral: 1, positive: 0 });
  const polar = distributions.map((d) => (d.positive > d.negative ? 'positive' : 'negative'));
  const confidences = distributions.map((d) => (binary ? Math.max(d.positive, d.negative) / Math.max(d.positive + d.negative, 1e-12) : Math.max(d.negative, d.neutral, d.positive)));
  const correct = gold.map((label, i) => (binary ? polar[i] : predicted[i]) === label);
  const calibration = calibrationError(confidences, correct);
  return {
    rows: gold.length,
    labels,
    macroF1: macroF1(gold, predicted, labels),
    accuracy: accuracy(gold, predicted),
    macroRecall: perClass(gold, predicted, labels).reduce((sum, c) => sum + c.recall, 0) / labels.length,
    polarMacroF1: binary ? macroF1(gold, polar, labels) : undefined,
    neutralShare: predicted.filter((label) => label === 'neutral').length / Math.max(gold.length, 1),
    perClass: perClass(gold, predicted, labels).map(({ label, f1, support }) => ({ label, f1, support })),
    ece: calibration.ece,
    reliability: calibration.table,
  };
}

function analyzeRows(analyzer: DefaultAnalyzer, rows: LabeledText[], language?: string): AnalysisResult[] {
  return analyzer.analyze(rows.map((row, index) => ({ id: String(index), text: row.text, language })));
}

function evaluateInSplit(analyzer: DefaultAnalyzer, dataDir: string, set: SentimentSet, split: Split): InSplitReport {
  const rows = bySplit(loadSentimentSet(dataDir, set.file), split);
  const gold = rows.map((row) => row.label);
  const detected = analyzeRows(analyzer, rows);
  const hinted = analyzeRows(analyzer, rows, set.language);
  return {
    set,
    score: scoreSentiment(detected, gold, set.labels),
    macroF1WithLanguageHint: macroF1(gold, hinted.map((result) => result.sentiment.label), set.labels),
    languageAccuracy: detected.filter((result) => result.language === set.language).length / Math.max(rows.length, 1),
  };
}

/** An analyzer whose only trained sentiment model is `model` (quantized like a shipped file) for `language`. */
function analyzerWith(language: string, model: LinearModelData): DefaultAnalyzer {
  const quantized = new LinearModel(decodeModel(encodeModel(model)));
  return new DefaultAnalyzer({ threeClass: new Map([[language, quantized]]), lexiconWeight: new Map([[language, Number(model.meta.lexiconWeight)]]), missing: [] });
}

function crossSource(language: string, short: string, description: string, train: LabeledText[], test: LabeledText[], trainLabels: string[], testLabels: string[], recipeId: string): CrossSourceReport {
  const started = Date.now();
  const fitted = fitSentimentModel(`${recipeId}-cross`, train, language, RECIPES[recipeId], trainLabels, {});
  const score = scoreSentiment(analyzeRows(analyzerWith(language, fitted.model), test, language), test.map((row) => row.label), testLabels);
  console.log(`cross-source ${language}: ${description}: macro-F1 ${score.macroF1.toFixed(4)}, ECE ${score.ece.toFixed(4)}, train ${train.length}, test ${test.length} (${Date.now() - started} ms)`);
  return { language, short, description, trainRows: train.length, score };
}

/** Cross-source figures: another source where the data has one, a topic-disjoint split otherwise. */
function evaluateCrossSource(dataDir: string, shipped: DefaultAnalyzer): CrossSourceReport[] {
  const reports: CrossSourceReport[] = [];
  const setOf = (language: string): SentimentSet => SENTIMENT_SETS.find((set) => set.language === language) as SentimentSet;
  const tweets = loadSentimentSet(dataDir, setOf('en').file);
  const wink = loadWinkSentences();
  reports.push(crossSource('en', 'tweets → wink, binary', 'tweets (TweetEval train+dev, 3-class) → wink phone-review sentences (all 1,000; binary gold, a neutral answer counts as a miss)', bySplit(tweets, 'train', 'dev'), wink, THREE_CLASS, BINARY, 'en-tweeteval'));
  const polarTweets = bySplit(tweets, 'test').filter((row) => row.label !== 'neutral');
  reports.push(crossSource('en', 'wink → tweets, binary', 'wink phone-review sentences (all 1,000, binary) → TweetEval test-split tweets with gold negative/positive (binary)', wink, polarTweets, BINARY, BINARY, 'en-tweeteval'));
  // Indonesian: the shipped SmSA model never saw the hotel reviews.
  const hotel = loadHotelDocumentLabels(dataDir);
  const hotelScore = scoreSentiment(analyzeRows(shipped, hotel, 'id'), hotel.map((row) => row.label), BINARY);
  console.log(`cross-source id: SmSA -> hotel reviews: macro-F1 ${hotelScore.macroF1.toFixed(4)}, n=${hotel.length}`);
  reports.push({ language: 'id', short: 'SmSA → hotel reviews, binary', description: 'SmSA (shipped model, train+dev) → Indonesian hotel reviews (themes/id-hotel-aspects.tsv, all rows; label from aspects: only-negative → negative, only-positive → positive, mixed or none left out; binary gold, a neutral answer counts as a miss)', trainRows: bySplit(loadSentimentSet(dataDir, setOf('id').file), 'train', 'dev').length, score: hotelScore });
  for (const language of ['id', 'th', 'hu', 'ko']) {
    const set = setOf(language);
    const split = topicDisjointSplit(loadSentimentSet(dataDir, set.file), language);
    const example = split.heldOutTopics.slice(0, 6).join(', ');
    reports.push(crossSource(language, 'topic-disjoint', `${set.id}, topic-disjoint: ${split.heldOutTopics.length} of ${split.topics} topic words held out (e.g. ${example}); trained on rows without any of them`, split.train, split.test, set.labels, set.labels, set.id));
  }
  return reports;
}

function evaluateIntents(dataDir: string, split: Split, modelDir: string): EvaluationReport['intents'] {
  const classifier = IntentClassifier.banking77(modelDir);
  const rows = bySplit(readTsv(resolve(dataDir, 'themes/en-banking77.tsv')), split);
  const gold = rows.map((row) => row.intent);
  const predicted = rows.map((row) => classifier.classify(row.text).intent);
  return { rows: rows.length, accuracy: accuracy(gold, predicted), macroF1: macroF1(gold, predicted, classifier.intents), intents: classifier.intents.length };
}

function modelSizes(modelDir: string): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const file of readdirSync(modelDir)) if (file.endsWith('.ltm')) sizes[file] = statSync(resolve(modelDir, file)).size;
  return sizes;
}

/**
 * Sections written by other evaluation scripts, appended to the document in this order. Each returns markdown.
 * Theme discovery plugs in here: `import { discoverySection } from './evaluate-discovery';` and one line below.
 */
/** Sections measured by their own scripts and appended to the same document (theme discovery). */
async function additionalSections(dataDir: string): Promise<string[]> {
  return [await discoverySection(dataDir)];
}

async function main(): Promise<void> {
  const dataDir = dataDirFromArgs(process.argv.slice(2).filter((arg, index, all) => !['--split', '--models', '--no-write'].includes(arg) && !['--split', '--models'].includes(all[index - 1])));
  const split = (argValue('--split') ?? 'test') as Split;
  const modelDir = argValue('--models') ?? MODEL_DIR;
  const analyzer = DefaultAnalyzer.fromModelDir(modelDir);
  const inSplit = SENTIMENT_SETS.map((set) => evaluateInSplit(analyzer, dataDir, set, split));
  for (const report of inSplit) {
    const s = report.score;
    console.log(`${report.set.id}: macro-F1 ${s.macroF1.toFixed(4)} (with language hint ${report.macroF1WithLanguageHint.toFixed(4)}), accuracy ${s.accuracy.toFixed(4)}, ECE ${s.ece.toFixed(4)}, neutral ${s.neutralShare.toFixed(3)}, language-ID ${report.languageAccuracy.toFixed(4)}, n=${s.rows}`);
  }
  const crossSourceReports = process.argv.includes('--no-cross') ? [] : evaluateCrossSource(dataDir, analyzer);
  const aspects = evaluateAspects(analyzer, dataDir, split);
  console.log(`id-hotel-aspects: mention micro-F1 ${aspects.mention.f1.toFixed(4)}, aspect-sentiment accuracy ${aspects.sentimentAccuracy.toFixed(4)} on ${aspects.sentimentPairs} mentions, n=${aspects.rows}`);
  const intents = evaluateIntents(dataDir, split, modelDir);
  console.log(`en-banking77: intent accuracy ${intents.accuracy.toFixed(4)}, macro-F1 ${intents.macroF1.toFixed(4)}, n=${intents.rows}`);
  const benchmark = runBenchmark(dataDir, analyzer);
  console.log(`throughput: ${benchmark.textsPerSecond.toFixed(0)} texts/s on one core (${benchmark.texts} texts, mean ${benchmark.meanChars.toFixed(0)} chars)`);
  const report: EvaluationReport = {
    split, date: new Date().toISOString(), machine: `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average at start ${loadavg()[0].toFixed(2)} (the machine is shared)`,
    inSplit, crossSource: crossSourceReports, aspects, intents, benchmark, modelBytes: modelSizes(modelDir),
    models: Object.fromEntries([...loadSentimentModels(modelDir).threeClass].map(([language, model]) => [language, model.data.meta])),
  };
  if (!process.argv.includes('--no-write') && split === 'test') {
    const path = resolve(REPO_ROOT, 'docs/text-analytics.md');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, renderReport(report, await additionalSections(dataDir)));
    console.log(`wrote ${path}`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
