import { EMOJI_VALENCE } from './lexicons/emoji';
import { AFINN } from './lexicons/english';
import { LEXICONS } from './lexicons/multilingual';
import { stopwordSet } from '../text/stopwords';

/** A compiled lookup: exact words, plus prefix entries (`word*`) tried for the first few prefix lengths. */
export class Lexicon {
  private readonly exact = new Map<string, number>();
  private readonly prefixes = new Map<string, number>();
  private readonly prefixLengths = new Set<number>();

  add(entries: Record<string, number>, scale = 1): this {
    for (const [entry, value] of Object.entries(entries)) {
      if (entry.endsWith('*')) {
        const prefix = entry.slice(0, -1);
        this.prefixes.set(prefix, value * scale);
        this.prefixLengths.add(prefix.length);
      } else {
        this.exact.set(entry, value * scale);
      }
    }
    return this;
  }

  lookup(word: string): number | undefined {
    const exact = this.exact.get(word);
    if (exact !== undefined || this.prefixes.size === 0) return exact;
    for (const length of this.prefixLengths) {
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

/** The lexicon for a language: its own words, English (code-mixing is common) and emoji. 'und' gets all of them. */
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
    cache.set(language, lexicon);
  }
  return lexicon;
}

export function emojiValence(word: string): number | undefined {
  return EMOJI_VALENCE[word];
}
