import { EMOJI_VALENCE } from './lexicons/emoji';
import { AFINN } from './lexicons/english';
import { LEXICONS } from './lexicons/multilingual';
import { CUSTOMER_SERVICE_LEXICONS, POLITENESS_WORDS, SERVICE_JUDGEMENTS, SERVICE_NOUNS } from './lexicons/customer-service';
import { stopwordSet } from '../text/stopwords';
import { tokenizePhrase } from '../text/prepare';

/** A multi-word entry: the tokens after the first one, and its value. */
interface PhraseEntry {
  rest: string[];
  value: number;
  /** Negation before the phrase does not invert it (complaint events: "not received" stays a complaint). */
  immune: boolean;
}

/** A compiled lookup: exact words, plus prefix entries (`word*`) tried for the first few prefix lengths. */
export class Lexicon {
  private readonly exact = new Map<string, number>();
  private readonly prefixes = new Map<string, number>();
  private readonly prefixLengths = new Set<number>();
  /** Prefix lengths, longest first: "problémamentes*" must win over "probléma*". */
  private longestFirst: number[] = [];
  /** Multi-word entries by their first token ("still waiting", Thai "รอ สาย" after segmentation). */
  private readonly phrases = new Map<string, PhraseEntry[]>();
  /** Words that negation does not invert: events, not judgements ("haven't received my refund" is no praise). */
  private readonly negationImmune = new Set<string>();

  add(entries: Record<string, number>, scale = 1, options: { negativeNegationImmune?: boolean } = {}): this {
    for (const [rawEntry, value] of Object.entries(entries)) {
      const words = rawEntry.includes(' ') || /[\u0e00-\u0e7f]/.test(rawEntry) ? tokenizePhrase(rawEntry.replace(/\*$/, '')) : [rawEntry];
      if (words.length > 1) {
        const list = this.phrases.get(words[0]) ?? [];
        list.push({ rest: words.slice(1), value: value * scale, immune: options.negativeNegationImmune === true && value < 0 });
        this.phrases.set(words[0], list);
        continue;
      }
      const entry = words.length === 1 && !rawEntry.endsWith('*') ? words[0] : rawEntry;
      if (options.negativeNegationImmune && value < 0) this.negationImmune.add(entry);
      else this.negationImmune.delete(entry);
      if (entry.endsWith('*')) {
        const prefix = entry.slice(0, -1);
        this.prefixes.set(prefix, value * scale);
        this.prefixLengths.add(prefix.length);
        this.longestFirst = [...this.prefixLengths].sort((a, b) => b - a);
      } else {
        this.exact.set(entry, value * scale);
      }
    }
    return this;
  }

  /** Sum of the multi-word entries that start at tokens[i]; a negated start scales non-immune entries by `negatedFactor`. */
  phraseValue(tokens: string[], i: number, negated = false, negatedFactor = 1): number {
    if (this.phrases.size === 0) return 0;
    const candidates = this.phrases.get(tokens[i]);
    if (!candidates) return 0;
    let total = 0;
    for (const { rest, value, immune } of candidates) {
      if (i + rest.length >= tokens.length) continue;
      let matches = true;
      for (let j = 0; j < rest.length && matches; j++) matches = tokens[i + 1 + j] === rest[j];
      if (matches) total += negated && !immune ? value * negatedFactor : value;
    }
    return total;
  }

  /** True when the word's entry (exact, or the `prefix*` that matched) is a negation-immune event word. */
  isNegationImmune(word: string): boolean {
    if (this.negationImmune.size === 0) return false;
    if (this.negationImmune.has(word)) return true;
    for (const length of this.prefixLengths) if (word.length >= length && this.negationImmune.has(`${word.slice(0, length)}*`)) return true;
    return false;
  }

  lookup(word: string): number | undefined {
    const exact = this.exact.get(word);
    if (exact !== undefined || this.prefixes.size === 0) return exact;
    for (const length of this.longestFirst) {
      if (word.length < length) continue;
      const value = this.prefixes.get(word.slice(0, length));
      if (value !== undefined) return value;
    }
    return undefined;
  }
}

// AFINN uses -5..5, the hand lexicons -3..3: scale AFINN so that one "good" (3) weighs like one "bagus" (2).
const AFINN_SCALE = 2 / 3;
const cache = new Map<string, Lexicon>();

/** The general lexicon for a language: its own words, English (code-mixing is common) and emoji, politeness at 0. 'und' gets all. */
export function lexiconFor(language: string): Lexicon {
  let lexicon = cache.get(language);
  if (!lexicon) {
    // English words inside other languages are common ("pelayanan oke, delivery slow"), but false friends are too:
    // German "war" (was) is AFINN's "war" (-2). Drop AFINN entries that are function words of the language.
    const functionWords = language === 'en' ? undefined : stopwordSet(language);
    const english = functionWords ? Object.fromEntries(Object.entries(AFINN).filter(([word]) => !functionWords.has(word))) : AFINN;
    lexicon = new Lexicon().add(english, AFINN_SCALE).add(EMOJI_VALENCE);
    const own = LEXICONS[language];
    if (own) lexicon.add(own);
    else if (language !== 'en') for (const entries of Object.values(LEXICONS)) lexicon.add(entries);
    lexicon.add(Object.fromEntries([...POLITENESS_WORDS, ...SERVICE_NOUNS].map((word) => [word, 0])));
    cache.set(language, lexicon);
  }
  return lexicon;
}

const serviceCache = new Map<string, Lexicon>();

/**
 * The customer-service lexicon for a language (its own list plus English, which customers mix in). Kept apart from
 * the general lexicon because its weight cannot be chosen by cross-validation: none of the training sets is
 * customer-service text, so it gets a fixed weight (see model-scorer.ts).
 */
export function serviceLexiconFor(language: string): Lexicon {
  let lexicon = serviceCache.get(language);
  if (!lexicon) {
    // Complaint words name events ("refund", "delayed", "on hold"): "haven't got my refund" stays a complaint.
    const immune = { negativeNegationImmune: true };
    lexicon = new Lexicon();
    const own = CUSTOMER_SERVICE_LEXICONS[language];
    if (own) lexicon.add(own, 1, immune);
    else if (language !== 'en') for (const entries of Object.values(CUSTOMER_SERVICE_LEXICONS)) lexicon.add(entries, 1, immune);
    if (language !== 'en') lexicon.add(CUSTOMER_SERVICE_LEXICONS.en, 1, immune);
    const judgements = SERVICE_JUDGEMENTS[language];
    if (judgements) lexicon.add(judgements);
    else if (language !== 'en') for (const entries of Object.values(SERVICE_JUDGEMENTS)) lexicon.add(entries);
    if (language !== 'en') lexicon.add(SERVICE_JUDGEMENTS.en);
    serviceCache.set(language, lexicon);
  }
  return lexicon;
}

export function emojiValence(word: string): number | undefined {
  return EMOJI_VALENCE[word];
}
