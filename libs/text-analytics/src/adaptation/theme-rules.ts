import type { ThemeHit, ThemeTaxonomy } from '../types';
import type { ThemeRules } from './tenant-adapter';

export interface ThemeExample {
  /** Themes the shipped analysis found (with the phrases that triggered them). */
  baseThemes: ThemeHit[];
  /** Key phrases of the text, most specific first (as the analyzer extracts them). */
  keyPhrases: string[];
  themesAdded: string[];
  themesRemoved: string[];
}

const MAX_PHRASES_PER_THEME = 12;
const MIN_WORD_LENGTH = 3;
/** Background of at least this many texts is needed to call a phrase common. */
const MIN_BACKGROUND = 50;
/** A phrase in more than this share of the tenant's feedback ("please", "card" at a bank) does not name a theme. */
const MAX_BACKGROUND_SHARE = 0.1;

function candidates(keyPhrases: string[]): string[] {
  const words = keyPhrases.flatMap((p) => p.split(' ')).filter((w) => w.length >= MIN_WORD_LENGTH);
  return [...new Set([...keyPhrases, ...words])];
}

/**
 * Learns a tenant's theme rules from its analysts' theme corrections.
 * Added theme T: phrases and words that occur in at least two texts T was added to and in none of the tenant's
 * other corrected texts (those without T); a text whose key phrases none of these cover contributes its most
 * specific key phrase that no text without T has. Phrases common in the tenant's feedback at large (`background`: key
 * phrases of its recent analyses) are never learned. Removed theme T: the phrases that triggered it are suppressed
 * when analysts removed T on them more often than they kept it.
 */
export function learnThemeRules(
  examples: ThemeExample[],
  labelOf: (themeId: string) => string,
  background: string[][] = [],
): ThemeRules {
  const common = commonPhrases(background);
  const finalThemes = examples.map((e) => {
    const themes = new Set(e.baseThemes.map((t) => t.id));
    e.themesRemoved.forEach((t) => themes.delete(t));
    e.themesAdded.forEach((t) => themes.add(t));
    return themes;
  });
  const phraseSets = examples.map((e) => new Set(candidates(e.keyPhrases)));
  const added: ThemeRules['added'] = [];
  for (const themeId of [...new Set(examples.flatMap((e) => e.themesAdded))].sort()) {
    const withTheme = examples.map((e, i) => i).filter((i) => examples[i].themesAdded.includes(themeId));
    const without = new Set<string>([
      ...common,
      ...examples.flatMap((_, i) => (finalThemes[i].has(themeId) ? [] : [...phraseSets[i]])),
    ]);
    const counts = new Map<string, number>();
    for (const i of withTheme)
      for (const p of phraseSets[i]) if (!without.has(p)) counts.set(p, (counts.get(p) ?? 0) + 1);
    const chosen = [...counts.entries()]
      .filter(([, n]) => n >= 2)
      .sort((x, y) => y[1] - x[1] || y[0].length - x[0].length || x[0].localeCompare(y[0]))
      .map(([p]) => p);
    for (const i of withTheme) {
      if (chosen.some((p) => phraseSets[i].has(p))) continue;
      const specific = examples[i].keyPhrases.find((p) => !without.has(p));
      if (specific) chosen.push(specific);
    }
    if (chosen.length > 0)
      added.push({ themeId, label: labelOf(themeId), phrases: chosen.slice(0, MAX_PHRASES_PER_THEME) });
  }
  const votes = new Map<string, { removed: number; kept: number }>();
  examples.forEach((e) => {
    for (const hit of e.baseThemes) {
      const removed = e.themesRemoved.includes(hit.id);
      for (const phrase of hit.matches) {
        const key = `${hit.id}\u0000${phrase}`;
        const vote = votes.get(key) ?? { removed: 0, kept: 0 };
        if (removed) vote.removed++;
        else vote.kept++;
        votes.set(key, vote);
      }
    }
  });
  const suppressedBy = new Map<string, string[]>();
  for (const [key, vote] of [...votes.entries()].sort((x, y) => x[0].localeCompare(y[0]))) {
    if (vote.removed <= vote.kept) continue;
    const [themeId, phrase] = key.split('\u0000');
    suppressedBy.set(themeId, [...(suppressedBy.get(themeId) ?? []), phrase]);
  }
  return {
    added,
    suppressed: [...suppressedBy.entries()].map(([themeId, phrases]) => ({ themeId, phrases })),
  };
}

function commonPhrases(background: string[][]): Set<string> {
  if (background.length < MIN_BACKGROUND) return new Set();
  const df = new Map<string, number>();
  for (const keyPhrases of background)
    for (const p of candidates(keyPhrases)) df.set(p, (df.get(p) ?? 0) + 1);
  return new Set(
    [...df.entries()].filter(([, n]) => n / background.length > MAX_BACKGROUND_SHARE).map(([p]) => p),
  );
}

/** The tenant's taxonomy with learned phrases; its id names the tenant so compiled taxonomies are never shared. */
export function extendTaxonomy(
  taxonomy: ThemeTaxonomy,
  rules: ThemeRules,
  tenantId: string,
  revision: number,
): ThemeTaxonomy {
  if (rules.added.length === 0) return taxonomy;
  const themes = taxonomy.themes.map((t) => ({ ...t, phrases: { ...t.phrases } }));
  for (const rule of rules.added) {
    const existing = themes.find((t) => t.id === rule.themeId);
    if (existing) existing.phrases.learned = [...(existing.phrases.learned ?? []), ...rule.phrases];
    else themes.push({ id: rule.themeId, label: rule.label, phrases: { learned: rule.phrases } });
  }
  return {
    id: `${taxonomy.id}|adapter:${tenantId}`,
    version: `${taxonomy.version}+adapt.${revision}`,
    themes,
  };
}

/** Drops theme hits every match of which analysts suppressed. */
export function suppressThemes(themes: ThemeHit[], rules: ThemeRules): ThemeHit[] {
  if (rules.suppressed.length === 0) return themes;
  const byTheme = new Map(rules.suppressed.map((s) => [s.themeId, new Set(s.phrases)]));
  return themes.filter((hit) => {
    const suppressed = byTheme.get(hit.id);
    return !suppressed || !hit.matches.every((m) => suppressed.has(m));
  });
}
