import { hashString, mix } from '../features/hash';
import { tokenizePhrase } from '../text/prepare';
import { isStopword } from '../text/stopwords';

/** Hash buckets of a tenant adapter's text features (2^14): plenty for the few thousand texts analysts correct. */
export const ADAPTER_FEATURE_BITS = 14;

/** A sparse, L2-normalised feature vector: similar texts have a large dot product, unrelated ones ~0. */
export interface SparseVector {
  index: number[];
  value: number[];
}

const SEED_WORD = hashString('adapter:word');
const SEED_STEM = hashString('adapter:stem');
const SEED_BIGRAM = hashString('adapter:bigram');
const SEED_CHAR = hashString('adapter:char');
const STEM_LENGTH = 5;
const CHAR_N = 3;
const MAX_CHAR_TOKEN = 32;
const WORD_WEIGHT = 1;
const STEM_WEIGHT = 0.7;
const BIGRAM_WEIGHT = 0.7;
const CHAR_WEIGHT = 0.4;
// Scripts written without spaces (Thai) or with particles glued to words (Korean, Chinese, Japanese).
const UNSPACED = /[\u0E00-\u0E7F\u1100-\u11FF\u3040-\u30FF\u3130-\u318F\u3400-\u9FFF\uAC00-\uD7AF]/;

function add(into: Map<number, number>, hash: number, weight: number, mask: number): void {
  const bucket = mix(hash) & mask;
  into.set(bucket, (into.get(bucket) ?? 0) + weight);
}

/**
 * Features a tenant adapter learns from: content words (stopwords dropped, so "the"/"my" make no two texts
 * similar), their first five letters ("refund", "refunded", "refunds" share one), word bigrams, and character
 * trigrams for scripts whose word boundaries are uncertain. Deliberately no character n-grams for spaced
 * scripts: shared endings ("-ate", "-ing") would make unrelated texts look alike. Hashed into 2^bits buckets.
 */
export function adapterFeatures(
  text: string,
  language: string,
  bits: number = ADAPTER_FEATURE_BITS,
): SparseVector {
  const mask = (1 << bits) - 1;
  const counts = new Map<number, number>();
  const words = tokenizePhrase(text).filter((t) => /[\p{L}\p{N}]/u.test(t) && !isStopword(t, language));
  words.forEach((word, i) => {
    add(counts, hashString(word, SEED_WORD), WORD_WEIGHT, mask);
    if (i > 0) add(counts, hashString(word, hashString(words[i - 1], SEED_BIGRAM)), BIGRAM_WEIGHT, mask);
    if (UNSPACED.test(word)) {
      const chars = word.slice(0, MAX_CHAR_TOKEN);
      for (let start = 0; start + CHAR_N <= chars.length; start++)
        add(counts, hashString(chars.slice(start, start + CHAR_N), SEED_CHAR), CHAR_WEIGHT, mask);
    } else if (word.length > STEM_LENGTH)
      add(counts, hashString(word.slice(0, STEM_LENGTH), SEED_STEM), STEM_WEIGHT, mask);
  });
  const index = [...counts.keys()].sort((a, b) => a - b);
  const raw = index.map((k) => counts.get(k)!);
  const norm = Math.sqrt(raw.reduce((s, v) => s + v * v, 0)) || 1;
  return { index, value: raw.map((v) => v / norm) };
}

export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.index.length && j < b.index.length) {
    if (a.index[i] === b.index[j]) sum += a.value[i++] * b.value[j++];
    else if (a.index[i] < b.index[j]) i++;
    else j++;
  }
  return sum;
}
