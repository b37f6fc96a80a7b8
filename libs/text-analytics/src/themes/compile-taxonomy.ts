import { scriptOf } from '../text/script';
import { tokenizePhrase } from '../text/prepare';
import type { ThemeTaxonomy } from '../types';

/** One taxonomy phrase ready for matching. */
export interface PhrasePattern {
  theme: number;
  tokens: string[];
  /** The last token is a prefix (`deliver*`). */
  prefixLast: boolean;
}

/**
 * A taxonomy compiled into lookup tables: token phrases indexed by their first token (exact, or by prefix for
 * one-word prefix phrases), and substring phrases for scripts whose words carry attached particles (Korean,
 * Chinese, Japanese), where token equality would miss 배송이 for 배송.
 */
export interface CompiledTaxonomy {
  taxonomy: ThemeTaxonomy;
  byFirstToken: Map<string, PhrasePattern[]>;
  byPrefix: Map<string, PhrasePattern[]>;
  prefixLengths: number[];
  /** First two letters of every prefix phrase, and the shortest prefix: cheap filters before the prefix lookups. */
  prefixStarts: Set<string>;
  minPrefixLength: number;
  substrings: { theme: number; text: string }[];
}

function needsSubstringMatch(phrase: string): boolean {
  for (let i = 0; i < phrase.length; i++) {
    const script = scriptOf(phrase.charCodeAt(i));
    if (script === 'hangul' || script === 'han' || script === 'kana') return true;
  }
  return false;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function compileTaxonomy(taxonomy: ThemeTaxonomy): CompiledTaxonomy {
  const compiled: CompiledTaxonomy = { taxonomy, byFirstToken: new Map(), byPrefix: new Map(), prefixLengths: [], prefixStarts: new Set(), minPrefixLength: Infinity, substrings: [] };
  const prefixLengths = new Set<number>();
  taxonomy.themes.forEach((theme, index) => {
    for (const phrases of Object.values(theme.phrases)) {
      for (const raw of phrases) {
        const phrase = raw.trim().toLowerCase();
        if (!phrase) continue;
        if (needsSubstringMatch(phrase)) {
          compiled.substrings.push({ theme: index, text: phrase.replace(/[\s*]+/g, '') });
          continue;
        }
        const prefixLast = phrase.endsWith('*');
        const tokens = tokenizePhrase(prefixLast ? phrase.slice(0, -1) : phrase);
        if (tokens.length === 0) continue;
        const pattern: PhrasePattern = { theme: index, tokens, prefixLast };
        if (prefixLast && tokens.length === 1) {
          push(compiled.byPrefix, tokens[0], pattern);
          prefixLengths.add(tokens[0].length);
        } else {
          push(compiled.byFirstToken, tokens[0], pattern);
        }
      }
    }
  });
  compiled.prefixLengths = [...prefixLengths].sort((a, b) => a - b);
  compiled.minPrefixLength = compiled.prefixLengths[0] ?? Infinity;
  for (const prefix of compiled.byPrefix.keys()) compiled.prefixStarts.add(prefix.slice(0, 2));
  return compiled;
}

const byObject = new WeakMap<ThemeTaxonomy, CompiledTaxonomy>();
const byVersion = new Map<string, CompiledTaxonomy>();
const MAX_CACHED_VERSIONS = 256;

/** Compiles once per taxonomy object, or per id@version when a tenant's taxonomy is re-parsed for every batch. */
export function compiledTaxonomy(taxonomy: ThemeTaxonomy): CompiledTaxonomy {
  const cached = byObject.get(taxonomy);
  if (cached) return cached;
  const key = `${taxonomy.id}@${taxonomy.version}`;
  let compiled = byVersion.get(key);
  if (!compiled) {
    compiled = compileTaxonomy(taxonomy);
    if (byVersion.size >= MAX_CACHED_VERSIONS) byVersion.delete(byVersion.keys().next().value as string);
    byVersion.set(key, compiled);
  }
  byObject.set(taxonomy, compiled);
  return compiled;
}
