import type { PreparedText } from '../text/prepare';
import { INTENSIFIERS } from './lexicons/multilingual';
import { lexiconFor } from './lexicon';
import { polarityFromValence, type TextSentiment } from './polarity';

const NEGATED_FACTOR = -0.75; // "not good" is less negative than "bad" is
const INTENSIFIED_FACTOR = 1.5;
// Korean negates after the word: 좋지 않아요 ("good-not"), 맛있지 못해요.
const KOREAN_POST_NEGATORS = ['않', '안', '못', '없'];

/** Valence of one clause's tokens. */
export function clauseValence(tokens: string[], negated: boolean[], language: string): number {
  const lexicon = lexiconFor(language);
  let total = 0;
  for (let i = 0; i < tokens.length; i++) {
    let value = lexicon.lookup(tokens[i]);
    if (value === undefined) continue;
    if (i > 0 && INTENSIFIERS.has(tokens[i - 1])) value *= INTENSIFIED_FACTOR;
    const postNegated = language === 'ko' && i + 1 < tokens.length && KOREAN_POST_NEGATORS.some((negator) => tokens[i + 1].startsWith(negator));
    if (negated[i] !== postNegated) value *= NEGATED_FACTOR;
    total += value;
  }
  return total;
}

/** Sentiment from lexicons (AFINN for English, hand lists elsewhere), with negation, intensifiers and contrast. */
export function scoreWithLexicon(text: PreparedText, language: string): TextSentiment {
  let documentValence = 0;
  const clauses = text.clauses.map((clause) => {
    const valence = clauseValence(clause.tokens, clause.negated, language);
    documentValence += clause.weight * valence;
    return polarityFromValence(valence);
  });
  return { document: polarityFromValence(documentValence), clauses };
}
