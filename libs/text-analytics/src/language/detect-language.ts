import { countScripts, type Script } from '../text/script';
import { languageHintSet, STOPWORD_LANGUAGES } from '../text/stopwords';
import { toIso1 } from './iso';

/**
 * Language identification: the writing system decides when it maps to one language (Thai, Hangul, Kana...);
 * Latin and Cyrillic text goes to franc (trigram profiles, MIT), restricted to a whitelist so that it is fast
 * and does not pick close dialects nobody writes feedback in (e.g. Javanese for informal Indonesian).
 */
interface FrancModule {
  all(text: string, options?: { only?: string[]; minLength?: number }): [string, number][];
}
// franc-min@5 is the last CommonJS release (6.x is ESM-only); it ships no types.
const franc = require('franc-min') as FrancModule;

export const LATIN_CANDIDATES = ['eng', 'ind', 'hun', 'spa', 'deu', 'fra', 'por', 'ita', 'nld', 'vie', 'tur', 'pol', 'ron', 'swe', 'ces', 'tgl'];
const CYRILLIC_CANDIDATES = ['rus', 'ukr', 'bul', 'srp', 'bel', 'kaz'];

const SCRIPT_LANGUAGE: Partial<Record<Script, string>> = {
  thai: 'th', hangul: 'ko', kana: 'ja', han: 'zh', arabic: 'ar', devanagari: 'hi', greek: 'el', hebrew: 'he',
};

export const UNDETERMINED = 'und';
/** Below this many letters, trigram statistics are noise: answer 'und' rather than guess. */
const MIN_LETTERS = 8;
/** franc's scores are relative to the best (=1); a runner-up this close means we cannot tell. */
const MIN_MARGIN = 0.02;
const MAX_SAMPLE = 300;
/** Trigram profiles converge after ~150 characters; longer samples only cost time (franc dominates the profile). */
const TRIGRAM_SAMPLE = 160;

export interface DetectedLanguage {
  language: string;
  confidence: number;
}

function dominantScript(counts: Partial<Record<Script, number>>): [Script, number] {
  let best: Script = 'other';
  let bestCount = 0;
  for (const [script, count] of Object.entries(counts) as [Script, number][]) {
    if (count > bestCount) [best, bestCount] = [script, count];
  }
  return [best, bestCount];
}

export function detectLanguage(text: string): DetectedLanguage {
  const { counts, letters } = countScripts(text, MAX_SAMPLE);
  if (letters === 0) return { language: UNDETERMINED, confidence: 0 };
  const [script, count] = dominantScript(counts);
  // Japanese mixes Kana and Han: any Kana means Japanese, not Chinese.
  if (script === 'han' && (counts.kana ?? 0) > 0) return { language: 'ja', confidence: 0.9 };
  const scriptLanguage = SCRIPT_LANGUAGE[script];
  if (scriptLanguage) return { language: scriptLanguage, confidence: Math.min(1, count / letters) * (letters >= 2 ? 1 : 0.5) };
  if (letters < MIN_LETTERS) return { language: UNDETERMINED, confidence: 0 };
  const sample = text.length > TRIGRAM_SAMPLE ? text.slice(0, TRIGRAM_SAMPLE) : text;
  if (script === 'cyrillic') return fromRanking(franc.all(sample, { only: CYRILLIC_CANDIDATES, minLength: MIN_LETTERS }).map(([code, score]) => [toIso1(code), score]), letters);
  return fromRanking(rankLatin(sample), letters);
}

/**
 * franc's relative trigram score plus a function-word vote. Trigrams need ~50 letters to be reliable;
 * "the", "yang", "nagyon" settle short comments like "great app, love it" that trigrams get wrong.
 */
function rankLatin(sample: string): [string, number][] {
  const scores = new Map<string, number>();
  for (const [code, score] of franc.all(sample, { only: LATIN_CANDIDATES, minLength: MIN_LETTERS })) scores.set(toIso1(code), score);
  const words = sample.toLowerCase().match(WORD_PATTERN) ?? [];
  const vote = FUNCTION_WORD_WEIGHT / Math.max(words.length, 1);
  for (const word of words) {
    for (const language of HINT_LANGUAGES_BY_WORD.get(word) ?? []) scores.set(language, (scores.get(language) ?? 0) + vote);
  }
  return [...scores.entries()].sort((a, b) => b[1] - a[1]);
}

/** word -> languages it hints at, built once (one lookup per word instead of one per word and language). */
const HINT_LANGUAGES_BY_WORD = new Map<string, string[]>();
for (const language of STOPWORD_LANGUAGES) {
  for (const word of languageHintSet(language) ?? []) {
    const languages = HINT_LANGUAGES_BY_WORD.get(word);
    if (languages) languages.push(language);
    else HINT_LANGUAGES_BY_WORD.set(word, [language]);
  }
}

const WORD_PATTERN = /[\p{L}]+/gu;
const FUNCTION_WORD_WEIGHT = 1.5;

function fromRanking(ranked: [string, number][], letters: number): DetectedLanguage {
  const [best, bestScore] = ranked[0] ?? [UNDETERMINED, 0];
  if (best === UNDETERMINED || bestScore <= 0) return { language: UNDETERMINED, confidence: 0 };
  const margin = (bestScore - (ranked[1]?.[1] ?? 0)) / bestScore;
  if (margin < MIN_MARGIN) return { language: UNDETERMINED, confidence: margin };
  // A 25% lead over the runner-up is already a confident call; short texts are capped lower.
  const lengthFactor = Math.min(1, letters / 40);
  return { language: best, confidence: Math.min(1, 0.5 + margin * 2) * (0.6 + 0.4 * lengthFactor) };
}
