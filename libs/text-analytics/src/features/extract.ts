import type { PreparedText } from '../text/prepare';
import { FNV_OFFSET, fnvStep, hashString, mix } from './hash';

/** Which n-grams a model uses. Stored in the model file so inference always matches training. */
export interface FeatureConfig {
  /** log2 of the number of hash buckets. */
  bits: number;
  wordBigrams: boolean;
  charMin: number;
  charMax: number;
  /** 'clause': character n-grams also span word boundaries (helps Thai, where word segmentation is uncertain). */
  charScope?: 'token' | 'clause';
  /** Character n-grams of negated words get their own hashes (Korean 좋지 않아요: the stem 좋 is negated, not praise). */
  negatedChars?: boolean;
}

/** Sparse feature vector of one clause: bucket ids and their (unnormalized) counts. */
export interface ClauseFeatures {
  buckets: number[];
  count: number;
}

// Distinct seeds keep word unigrams, negated unigrams, bigrams and char n-grams from colliding systematically.
const SEED_WORD = FNV_OFFSET;
const SEED_NEGATED = hashString('¬');
const SEED_BIGRAM = hashString('bigram');
const SEED_CHAR = hashString('char');
const SEED_CHAR_NEGATED = hashString('¬char');
// One feature for "this clause is a question": customer questions are mostly neutral or complaints, rarely praise.
const QUESTION_FEATURE = mix(hashString('<question>'));
const BOUNDARY = 0x20;
const MAX_CHAR_TOKEN = 24; // long tokens (hashtags, glued Thai runs) add noise, not signal, past this length

const CLAUSE_CHARS = 160;

function charNgrams(token: string, config: FeatureConfig, mask: number, out: number[], maxLength = MAX_CHAR_TOKEN, seed = SEED_CHAR): void {
  const length = Math.min(token.length, maxLength);
  // Positions -1 and `length` are the word boundary marker, so prefixes and suffixes are distinct features.
  for (let start = -1; start < length; start++) {
    let hash = seed;
    for (let n = 1; n <= config.charMax; n++) {
      const position = start + n - 1;
      if (position > length) break;
      const code = position < 0 || position === length ? BOUNDARY : token.charCodeAt(position);
      hash = fnvStep(hash, code);
      if (n >= config.charMin) out.push(mix(hash + n) & mask);
    }
  }
}

export function extractClauseFeatures(text: PreparedText, config: FeatureConfig): ClauseFeatures[] {
  const mask = (1 << config.bits) - 1;
  const result: ClauseFeatures[] = [];
  for (const clause of text.clauses) {
    const buckets: number[] = [];
    const { tokens, negated } = clause;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      const wordHash = hashString(token, negated[i] ? SEED_NEGATED : SEED_WORD);
      buckets.push(mix(wordHash) & mask);
      if (config.wordBigrams && i > 0) {
        buckets.push(mix(hashString(token, hashString(tokens[i - 1], SEED_BIGRAM))) & mask);
      }
      if (config.charMax > 0 && config.charScope !== 'clause') charNgrams(token, config, mask, buckets, MAX_CHAR_TOKEN, config.negatedChars && negated[i] ? SEED_CHAR_NEGATED : SEED_CHAR);
    }
    if (config.charMax > 0 && config.charScope === 'clause' && tokens.length > 0) charNgrams(tokens.join(' '), config, mask, buckets, CLAUSE_CHARS);
    if (clause.question) buckets.push(QUESTION_FEATURE & mask);
    result.push({ buckets, count: buckets.length });
  }
  return result;
}
