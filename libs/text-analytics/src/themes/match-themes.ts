import { labelOf, scoreOf, type Polarity } from '../sentiment/polarity';
import type { Clause, PreparedText } from '../text/prepare';
import type { ThemeHit } from '../types';
import type { CompiledTaxonomy, PhrasePattern } from './compile-taxonomy';

function matchesAt(tokens: string[], start: number, pattern: PhrasePattern): boolean {
  const last = pattern.tokens.length - 1;
  if (start + last >= tokens.length) return false;
  for (let j = 1; j <= last; j++) {
    const token = tokens[start + j];
    const expected = pattern.tokens[j];
    if (j === last && pattern.prefixLast ? !token.startsWith(expected) : token !== expected) return false;
  }
  return true;
}

/** Themes mentioned in one clause, with the matched surface text. */
function clauseThemes(clause: Clause, compiled: CompiledTaxonomy, found: (theme: number, surface: string) => void): void {
  const { tokens } = clause;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    for (const pattern of compiled.byFirstToken.get(token) ?? []) {
      if (matchesAt(tokens, i, pattern)) found(pattern.theme, tokens.slice(i, i + pattern.tokens.length).join(' '));
    }
    if (token.length < compiled.minPrefixLength || (compiled.minPrefixLength >= 2 && !compiled.prefixStarts.has(token.slice(0, 2)))) continue;
    for (const length of compiled.prefixLengths) {
      if (length > token.length) break;
      for (const pattern of compiled.byPrefix.get(token.slice(0, length)) ?? []) found(pattern.theme, token);
    }
  }
  if (compiled.substrings.length > 0) {
    const joined = tokens.join('');
    for (const { theme, text } of compiled.substrings) if (joined.includes(text)) found(theme, text);
  }
}

/**
 * Themes of a text with aspect sentiment: each theme takes the sentiment of the clauses that mention it
 * ("friendly staff, but the room was dirty" -> staff positive, cleanliness negative).
 */
export function matchThemes(text: PreparedText, clausePolarities: Polarity[], compiled: CompiledTaxonomy): ThemeHit[] {
  const hits = new Map<number, { surfaces: Set<string>; polarity: Polarity; clauses: Set<number> }>();
  text.clauses.forEach((clause, clauseIndex) => {
    clauseThemes(clause, compiled, (theme, surface) => {
      let hit = hits.get(theme);
      if (!hit) {
        hit = { surfaces: new Set(), polarity: { negative: 0, neutral: 0, positive: 0 }, clauses: new Set() };
        hits.set(theme, hit);
      }
      hit.surfaces.add(surface);
      if (!hit.clauses.has(clauseIndex)) {
        hit.clauses.add(clauseIndex);
        const polarity = clausePolarities[clauseIndex];
        hit.polarity.negative += polarity.negative;
        hit.polarity.neutral += polarity.neutral;
        hit.polarity.positive += polarity.positive;
      }
    });
  });
  const themes = compiled.taxonomy.themes;
  return [...hits.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([theme, hit]) => {
      const n = hit.clauses.size;
      const polarity = { negative: hit.polarity.negative / n, neutral: hit.polarity.neutral / n, positive: hit.polarity.positive / n };
      return { id: themes[theme].id, label: themes[theme].label, sentiment: { label: labelOf(polarity), score: round(scoreOf(polarity)) }, matches: [...hit.surfaces] };
    });
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
