export interface UnthemedItem {
  feedbackEventId: string;
  touchpoint: string;
  keyPhrases: string[];
}

export interface CandidateTheme {
  phrase: string;
  mentions: number;
  touchpoints: string[];
  examples: string[];
}

/** Terms of a key phrase: its words (3+ characters) and adjacent word pairs. */
function termsOf(phrase: string): string[] {
  const words = phrase.toLowerCase().split(/\s+/).filter(Boolean);
  const unigrams = words.filter((w) => [...w].length >= 3);
  const bigrams = words.slice(1).map((w, i) => `${words[i]} ${w}`);
  return [...unigrams, ...bigrams];
}

/**
 * Groups negative feedback that matched no theme into candidate themes. Key phrases rarely repeat word
 * for word ("voucher diskon", "voucher diskon error"), so items are grouped by the words and word pairs
 * their phrases share; a word is dropped when a pair containing it covers the same items, so the
 * analyst sees "voucher diskon" rather than both "voucher" and "diskon".
 */
export function candidateThemes(items: UnthemedItem[], minMentions = 2): CandidateTheme[] {
  const byTerm = new Map<string, Set<UnthemedItem>>();
  for (const item of items) {
    for (const term of new Set(item.keyPhrases.flatMap(termsOf))) {
      const set = byTerm.get(term) ?? new Set<UnthemedItem>();
      set.add(item);
      byTerm.set(term, set);
    }
  }
  const frequent = [...byTerm].filter(([, set]) => set.size >= minMentions);
  const kept = frequent.filter(
    ([term, set]) => term.includes(' ') || !frequent.some(([other, os]) => other.includes(' ') && other.split(' ').includes(term) && os.size >= set.size),
  );
  return kept
    .map(([phrase, set]) => ({
      phrase,
      mentions: set.size,
      touchpoints: [...new Set([...set].map((i) => i.touchpoint))].sort(),
      examples: [...set].slice(0, 5).map((i) => i.feedbackEventId),
    }))
    .sort((a, b) => b.mentions - a.mentions || b.phrase.split(' ').length - a.phrase.split(' ').length || a.phrase.localeCompare(b.phrase));
}
