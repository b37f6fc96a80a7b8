import type { PreparedText } from '../text/prepare';
import { INTENSIFIERS } from './lexicons/multilingual';
import { lexiconFor, serviceLexiconFor, type Lexicon } from './lexicon';
import { polarityFromValence, type TextSentiment } from './polarity';

const NEGATED_FACTOR = -0.75; // "not good" is less negative than "bad" is
const INTENSIFIED_FACTOR = 1.5;

// A question asks rather than judges: "can you help me?", "is the new app any good?". Praise words in it count less.
const QUESTION_POSITIVE_FACTOR = 0.3;

/** Valence of one clause's tokens under one lexicon (the general one by default). */
export function clauseValence(tokens: string[], negated: boolean[], language: string, question = false, lexicon: Lexicon = lexiconFor(language)): number {
  let total = 0;
  for (let i = 0; i < tokens.length; i++) {
    // "ไม่ ผิด หวัง" (not disappointed): a negated phrase flips like a negated word, unless it is a complaint event.
    total += lexicon.phraseValue(tokens, i, negated[i], NEGATED_FACTOR);
    let value = lexicon.lookup(tokens[i]);
    if (value === undefined) continue;
    if (i > 0 && INTENSIFIERS.has(tokens[i - 1])) value *= INTENSIFIED_FACTOR;
    // Korean post-verbal negation (좋지 않아요) is marked on the word itself by prepareText.
    if (negated[i] && !lexicon.isNegationImmune(tokens[i])) value *= NEGATED_FACTOR;
    total += value;
  }
  return question && total > 0 ? total * QUESTION_POSITIVE_FACTOR : total;
}

/** Sentiment from lexicons (AFINN for English, hand lists elsewhere), with negation, intensifiers and contrast. */
export function scoreWithLexicon(text: PreparedText, language: string): TextSentiment {
  let documentValence = 0;
  const clauses = text.clauses.map((clause) => {
    const valence = clauseValence(clause.tokens, clause.negated, language, clause.question) + clauseValence(clause.tokens, clause.negated, language, clause.question, serviceLexiconFor(language));
    documentValence += clause.weight * valence;
    return polarityFromValence(valence);
  });
  return { document: polarityFromValence(documentValence), clauses };
}
