import { existsSync, readFileSync } from 'fs';
import { resolve } from 'path';
import { hashString, mix } from '../src/features/hash';

/** Data loading and the deterministic split shared by train.ts and evaluate.ts. */

export const REPO_ROOT = resolve(__dirname, '../../..');
export const MODEL_DIR = resolve(__dirname, '../models');

/** `--data <dir>` or the first positional argument; defaults to ../shared/data relative to the repo root. */
export function dataDirFromArgs(argv: string[] = process.argv.slice(2)): string {
  const flag = argv.indexOf('--data');
  const dir = flag >= 0 ? argv[flag + 1] : argv.find((arg) => !arg.startsWith('--'));
  const resolved = resolve(REPO_ROOT, dir ?? '../shared/data');
  if (!existsSync(resolved)) throw new Error(`data directory not found: ${resolved}`);
  return resolved;
}

function unquote(field: string): string {
  return field.length >= 2 && field.startsWith('"') && field.endsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
}

/** UTF-8 TSV with a header row; fields may be CSV-style quoted. One record per line in all our files. */
export type TsvRow = Record<string, string> & { text: string };

/** Reads a TSV; `textColumn` names the column that becomes `text` (the split is computed from it). */
export function readTsv(path: string, textColumn = 'text'): TsvRow[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((line) => line.length > 0);
  const header = lines[0].split('\t');
  return lines.slice(1).map((line) => {
    const fields = line.split('\t').map(unquote);
    const row: Record<string, string> = {};
    header.forEach((name, index) => (row[name] = fields[index] ?? ''));
    return { ...row, text: row[textColumn] ?? '' };
  });
}

export type Split = 'train' | 'dev' | 'test';

/**
 * Split by a hash of the text itself: deterministic, independent of row order, and identical texts always land
 * in the same split (no leakage through duplicates). 70% train, 10% dev (hyper-parameter choices), 20% test.
 * The test split is never read by train.ts.
 */
export function splitOf(text: string): Split {
  const bucket = mix(hashString(text.trim().toLowerCase(), 0x5eed)) % 10;
  if (bucket < 2) return 'test';
  if (bucket < 3) return 'dev';
  return 'train';
}

export interface LabeledText {
  text: string;
  label: string;
}

export interface SentimentSet {
  /** Data set id (used in reports). */
  id: string;
  language: string;
  file: string;
  /** Model file name (without .ltm) that the analyzer loads for this language. */
  model: string;
  /** Gold labels of the set: Korean NSMC has no neutral class. */
  labels: string[];
}

export const THREE_CLASS = ['negative', 'neutral', 'positive'];
export const BINARY = ['negative', 'positive'];

export const SENTIMENT_SETS: SentimentSet[] = [
  { id: 'en-tweeteval', language: 'en', file: 'sentiment/en-tweeteval.tsv', model: 'en-sentiment', labels: THREE_CLASS },
  { id: 'id-smsa', language: 'id', file: 'sentiment/id-smsa.tsv', model: 'id-smsa', labels: THREE_CLASS },
  { id: 'th-wisesight', language: 'th', file: 'sentiment/th-wisesight.tsv', model: 'th-wisesight', labels: THREE_CLASS },
  { id: 'hu-opinhubank', language: 'hu', file: 'sentiment/hu-opinhubank.tsv', model: 'hu-opinhubank', labels: THREE_CLASS },
  { id: 'ko-nsmc', language: 'ko', file: 'sentiment/ko-nsmc.tsv', model: 'ko-nsmc', labels: BINARY },
];

export function loadSentimentSet(dataDir: string, file: string): LabeledText[] {
  return readTsv(resolve(dataDir, file)).map((row) => ({ text: row.text, label: row.label }));
}

/** wink-sentiment's 1,000 Amazon phone-review sentences (0/1), shipped in the npm package (MIT). */
export function loadWinkSentences(): LabeledText[] {
  const path = require.resolve('wink-sentiment/test/data/amazon_cells_labelled.txt');
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.split('\t'))
    .filter((parts) => parts.length === 2)
    .map(([text, value]) => ({ text: text.trim(), label: value.trim() === '1' ? 'positive' : 'negative' }));
}

/**
 * Document labels derived from the Indonesian hotel aspect set (a different source than SmSA): a review whose
 * labeled aspects are only negative is negative, only positive is positive; reviews with both polarities (mixed)
 * or none (every aspect "neut", i.e. not mentioned) are left out. `neg_pos` counts as both.
 */
export function loadHotelDocumentLabels(dataDir: string): LabeledText[] {
  const rows = readTsv(resolve(dataDir, 'themes/id-hotel-aspects.tsv'), 'review');
  const out: LabeledText[] = [];
  for (const row of rows) {
    const values = Object.entries(row).filter(([column]) => column !== 'review' && column !== 'text').map(([, value]) => value);
    const negative = values.some((value) => value === 'neg' || value === 'neg_pos');
    const positive = values.some((value) => value === 'pos' || value === 'neg_pos');
    if (negative !== positive) out.push({ text: row.text, label: negative ? 'negative' : 'positive' });
  }
  return out;
}

export function bySplit<T extends { text: string }>(rows: T[], ...splits: Split[]): T[] {
  return rows.filter((row) => splits.includes(splitOf(row.text)));
}
