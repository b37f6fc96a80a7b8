import { normalizeText } from './normalize';
import { isThaiChar } from './script';
import { KOREAN_CONTRAST_SUFFIXES, markersFor } from './markers';

/**
 * A text cut into clauses of tokens. Everything downstream (model features, lexicon scoring, theme matching,
 * key phrases) works on this one structure, so the text is tokenized exactly once per item.
 */
export interface Clause {
  tokens: string[];
  /** negated[i] is true when tokens[i] is in the scope of a negator. */
  negated: boolean[];
  /** Relative weight in the document: clauses before "but" count less, after it more. */
  weight: number;
}

export interface PreparedText {
  normalized: string;
  clauses: Clause[];
  tokenCount: number;
}

// Words (letters, marks, digits, inner apostrophes), single emoji, classic emoticons, clause punctuation.
const TOKEN_PATTERN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*|\p{Extended_Pictographic}|[:;]-?[()dpDP/]|[.!?;,\n]+/gu;
const CLAUSE_PUNCTUATION = /^[.!?;,\n]+$/;
const NEGATION_SCOPE = 3;
const BEFORE_CONTRAST_WEIGHT = 0.5;
const AFTER_CONTRAST_WEIGHT = 1.5;
const CONCESSIVE_WEIGHT = 0.5;

const thaiSegmenter = new Intl.Segmenter('th', { granularity: 'word' });

function pushThaiWords(run: string, out: string[]): void {
  for (const part of thaiSegmenter.segment(run)) {
    if (part.isWordLike) out.push(part.segment);
  }
}

/** Thai is written without spaces between words: dictionary segmentation (ICU, built into Node) splits runs. */
function splitToken(token: string, out: string[]): void {
  if (token.length > 1 && isThaiChar(token.charCodeAt(0))) pushThaiWords(token, out);
  else out.push(token.includes('’') ? token.replace(/’/g, "'") : token);
}

/** Drops apostrophes so "don't" and "dont" are the same negator. */
function canonicalNegator(token: string): string {
  return token.endsWith("n't") ? 'not' : token;
}

/** Tokens of a short phrase (taxonomy entries), produced exactly like the tokens of a text. */
export function tokenizePhrase(phrase: string): string[] {
  const words: string[] = [];
  for (const match of normalizeText(phrase).matchAll(TOKEN_PATTERN)) splitToken(match[0], words);
  return words.filter((word) => !CLAUSE_PUNCTUATION.test(word));
}

export function prepareText(raw: string, language: string): PreparedText {
  const normalized = normalizeText(raw);
  const { negators, contrast, concessive } = markersFor(language);
  const clauses: Clause[] = [];
  let current: Clause = { tokens: [], negated: [], weight: 1 };
  let negationLeft = 0;
  let tokenCount = 0;

  const closeClause = (nextWeight: number): void => {
    if (current.tokens.length > 0) clauses.push(current);
    current = { tokens: [], negated: [], weight: nextWeight };
    negationLeft = 0;
  };
  const startContrast = (): void => {
    for (const clause of clauses) clause.weight *= BEFORE_CONTRAST_WEIGHT;
    if (current.tokens.length > 0) current.weight *= BEFORE_CONTRAST_WEIGHT;
    closeClause(AFTER_CONTRAST_WEIGHT);
  };

  const words: string[] = [];
  for (const match of normalized.matchAll(TOKEN_PATTERN)) splitToken(match[0], words);

  for (const word of words) {
    if (CLAUSE_PUNCTUATION.test(word)) {
      // A new sentence keeps the current contrast weighting of what follows "but" only until the sentence ends.
      closeClause(word === ',' && current.weight === AFTER_CONTRAST_WEIGHT ? AFTER_CONTRAST_WEIGHT : 1);
      continue;
    }
    if (contrast.has(word)) {
      startContrast();
      continue;
    }
    if (concessive.has(word)) {
      closeClause(CONCESSIVE_WEIGHT);
      continue;
    }
    const isNegator = negators.has(canonicalNegator(word));
    current.tokens.push(word);
    current.negated.push(negationLeft > 0 && !isNegator);
    tokenCount++;
    if (isNegator) negationLeft = NEGATION_SCOPE;
    else if (negationLeft > 0) negationLeft--;
    if (language === 'ko' && KOREAN_CONTRAST_SUFFIXES.some((suffix) => word.length > suffix.length && word.endsWith(suffix))) {
      startContrast();
    }
  }
  closeClause(1);
  return { normalized, clauses, tokenCount };
}
