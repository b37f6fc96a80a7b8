import { prepareText } from '../text/prepare';
import { stopwordSet } from '../text/stopwords';
import { isDiscoveryStopStem, isDiscoveryStopword } from './discovery-stopwords';
import { stemWord, stripKoreanParticle } from './stem';

/** The terms of one complaint: unigram stems and adjacent stem pairs, each with the words the customer wrote. */
export interface ComplaintTerms {
  language: string;
  /** Feature keys: a stem ("delay") or a stem pair ("money back"); distinct. */
  keys: string[];
  /** surfaces[i] is how keys[i] was written in this complaint ("delayed", "money back"). */
  surfaces: string[];
}

const LETTER = /\p{L}/u;
const DIGITS_ONLY = /^[\p{N}]+$/u;
/** Korean chat laughter and emoticons written in bare jamo (ㅋㅋ, ㅠㅠ, ㅡㅡ). */
const JAMO_ONLY = /^[\u3131-\u318e]+$/;
const THAI = /[\u0e00-\u0e7f]/;
const HANGUL = /[\uac00-\ud7a3]/;
/** Two content words separated by at most this many stopwords still form a phrase ("waiting for hours"). */
const MAX_GAP = 1;

interface Word {
  stem: string;
  surface: string;
  /** Position in the clause, counting stopwords, to measure gaps. */
  at: number;
}

/** Korean has one-syllable nouns (앱 app, 돈 money); elsewhere one letter is noise. */
function minLength(word: string): number {
  return HANGUL.test(word) ? 1 : 2;
}

function contentWords(tokens: string[], language: string): Word[] {
  const words: Word[] = [];
  tokens.forEach((token, at) => {
    if (token.length < minLength(token) || !LETTER.test(token) || DIGITS_ONLY.test(token) || JAMO_ONLY.test(token) || isDiscoveryStopword(token, language)) return;
    const stem = stemWord(token, language);
    if (stem.length < minLength(stem) || isDiscoveryStopStem(stem)) return;
    words.push({ stem, surface: HANGUL.test(token) ? stripKoreanParticle(token) : token, at });
  });
  return words;
}

/** English verb particles: "top up", "check in", "log in", "sign up" are phrases although "up" and "in" are stopwords. */
const PARTICLES = new Set(['up', 'in', 'on', 'out', 'off', 'down', 'over']);

/** Pronouns and possessives split a phrase: "received my new" and "put it back" are not phrases an analyst would use. */
const NO_BRIDGE = new Set('i me my mine you your yours we us our ours they them their he him his she her it its this that these those saya aku kami kita anda kamu dia mereka nya én te ő mi ti ők'.split(' '));

/** A phrase may bridge a function word ("waiting for hours") but not a pronoun, number, emoji or dropped word. */
function bridgeable(tokens: string[], from: number, to: number, language: string): boolean {
  if (to - from - 1 > MAX_GAP) return false;
  for (let i = from + 1; i < to; i++) if (!isDiscoveryStopword(tokens[i], language) || NO_BRIDGE.has(tokens[i])) return false;
  return true;
}

function joinSurface(tokens: string[], from: number, to: number): string {
  const span = tokens.slice(from, to + 1).map((t) => (HANGUL.test(t) ? stripKoreanParticle(t) : t));
  // Thai is written without spaces between words.
  return span.every((t) => THAI.test(t)) ? span.join('') : span.join(' ');
}

const LATIN_LANGUAGES = ['en', 'id', 'hu', 'es', 'de', 'fr', 'pt', 'it', 'nl'];
const WORD = /\p{L}+/gu;

/**
 * The language of a complaint that does not say: by script for Thai and Korean, by stopword votes for Latin
 * text. Discovery only needs it to pick stopwords and a stemmer; full detection (trigram profiles) would cost
 * most of the time budget on 10,000 complaints.
 */
export function guessLanguage(text: string): string {
  if (THAI.test(text)) return 'th';
  if (HANGUL.test(text)) return 'ko';
  const votes = new Map<string, number>();
  for (const match of text.toLowerCase().matchAll(WORD)) {
    for (const language of LATIN_LANGUAGES) if (stopwordSet(language)?.has(match[0])) votes.set(language, (votes.get(language) ?? 0) + 1);
  }
  let best = 'en';
  let bestVotes = 0;
  for (const language of LATIN_LANGUAGES) {
    const v = votes.get(language) ?? 0;
    if (v > bestVotes) [best, bestVotes] = [language, v];
  }
  return best;
}

export function complaintTerms(text: string, language?: string): ComplaintTerms {
  const lang = language && language !== 'und' ? language : guessLanguage(text);
  const keys: string[] = [];
  const surfaces: string[] = [];
  const seen = new Set<string>();
  const add = (key: string, surface: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    keys.push(key);
    surfaces.push(surface);
  };
  for (const clause of prepareText(text, lang).clauses) {
    const words = contentWords(clause.tokens, lang);
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      add(word.stem, word.surface);
      const following = clause.tokens[word.at + 1];
      if (following !== undefined && PARTICLES.has(following)) add(`${word.stem} ${following}`, `${word.surface} ${following}`);
      const next = words[i + 1];
      if (next && next.stem !== word.stem && bridgeable(clause.tokens, word.at, next.at, lang)) {
        add(`${word.stem} ${next.stem}`, joinSurface(clause.tokens, word.at, next.at));
      }
    }
  }
  return { language: lang, keys, surfaces };
}
