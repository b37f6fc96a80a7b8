import { emojiValence } from '../sentiment/lexicon';
import { isThaiChar } from '../text/script';
import { isStopword } from '../text/stopwords';
import type { PreparedText } from '../text/prepare';

const MAX_PHRASE_WORDS = 3;
const MAX_PHRASES = 3;
const CONTENT_WORD = /[\p{L}]/u;

function isContentWord(token: string, language: string): boolean {
  return token.length > 1 && CONTENT_WORD.test(token) && !isStopword(token, language) && emojiValence(token) === undefined;
}

/** Thai words are written without spaces, so a phrase of Thai words is joined without them too. */
function joinWords(words: string[]): string {
  return words.reduce((phrase, word, index) => (index === 0 ? word : phrase + (isThaiChar(word.charCodeAt(0)) ? '' : ' ') + word), '');
}

/**
 * Key phrases for theme discovery, RAKE-style on one text: runs of content words between stopwords and clause
 * breaks, longest (most specific) first, then by length in characters. Aggregated over many unmatched comments,
 * they show what customers talk about that the taxonomy does not cover yet.
 */
export function extractKeyPhrases(text: PreparedText, language: string): string[] {
  const candidates: { phrase: string; words: number; weight: number; position: number }[] = [];
  const seen = new Set<string>();
  const addRun = (run: string[]): void => {
    for (let start = 0; start < run.length; start += MAX_PHRASE_WORDS) {
      const words = run.slice(start, start + MAX_PHRASE_WORDS);
      const phrase = joinWords(words);
      if (seen.has(phrase)) continue;
      seen.add(phrase);
      candidates.push({ phrase, words: words.length, weight: phrase.length, position: candidates.length });
    }
  };
  for (const clause of text.clauses) {
    let run: string[] = [];
    for (const token of clause.tokens) {
      if (isContentWord(token, language)) run.push(token);
      else if (run.length > 0) {
        addRun(run);
        run = [];
      }
    }
    if (run.length > 0) addRun(run);
  }
  return candidates
    .sort((a, b) => b.words - a.words || b.weight - a.weight || a.position - b.position)
    .slice(0, MAX_PHRASES)
    .map((candidate) => candidate.phrase);
}
