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
  /** The clause ends in a question mark: "can you help?" asks, it does not praise. */
  question?: boolean;
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

/**
 * Korean negates after the word: 좋지 않아요 ("good-not"), 맛있지 못해요, 재미 없어요. The word before 않-/못-/없- is
 * marked negated, like the words after an English "not" (pre-verbal 안/못 are ordinary negators).
 */
function markKoreanPostNegation(clause: Clause): void {
  const { tokens, negated } = clause;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const next = tokens[i + 1];
    if (next.startsWith('않') || next.startsWith('없') || (next.startsWith('못') && tokens[i].endsWith('지'))) negated[i] = !negated[i];
  }
}

export function prepareText(raw: string, language: string): PreparedText {
  const normalized = normalizeText(raw);
  const { negators, contrast, concessive } = markersFor(language);
  const clauses: Clause[] = [];
  let current: Clause = { tokens: [], negated: [], weight: 1 };
  let negationLeft = 0;
  let tokenCount = 0;

  const closeClause = (nextWeight: number): void => {
    if (language === 'ko') markKoreanPostNegation(current);
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
  let previousEnd = -1;
  let previousThai = false;
  for (const match of normalized.matchAll(TOKEN_PATTERN)) {
    const startsThai = isThaiChar(match[0].charCodeAt(0));
    // Thai separates sentences and clauses with a space (words are not space-separated): treat it as a comma, so
    // negation ("ไม่") and contrast do not run on into the next sentence.
    if (startsThai && previousThai && match.index > previousEnd) words.push(',');
    splitToken(match[0], words);
    previousEnd = match.index + match[0].length;
    previousThai = isThaiChar(match[0].charCodeAt(match[0].length - 1));
  }

  for (const word of words) {
    if (CLAUSE_PUNCTUATION.test(word)) {
      if (word.includes('?')) current.question = true;
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
