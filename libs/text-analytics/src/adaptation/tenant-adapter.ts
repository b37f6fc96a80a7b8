import type { SentimentLabel } from '../types';

export const SENTIMENT_CLASSES: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/**
 * A per-tenant multinomial logistic layer over the shipped model's text distribution p:
 *   q = softmax(A · log p + b + W · h(text))
 * A (3×3, row-major), b (3) and the sparse W (bucket → 3 weights) start at identity / zero, where q = p. Plain JSON
 * so it can be stored, shipped to every instance and replayed.
 */
export interface SentimentLayer {
  bits: number;
  a: number[];
  b: number[];
  /** Buckets with a weight, ascending; `weights[3k..3k+2]` belong to `buckets[k]`. */
  buckets: number[];
  weights: number[];
}

/** Theme phrases learned from analysts' corrections, applied on top of the tenant's taxonomy. */
export interface ThemeRules {
  /** Phrases that add a theme (an existing theme of the taxonomy, or a new one with its label). */
  added: { themeId: string; label: string; phrases: string[] }[];
  /** A theme hit whose matches are all listed here is dropped: analysts removed it more often than they kept it. */
  suppressed: { themeId: string; phrases: string[] }[];
}

export interface TenantAdapterModel {
  tenantId: string;
  /** Increases with every retraining; part of the analyzer version of adapted results. */
  revision: number;
  /** The analyzer whose distributions the layer was fitted on. */
  baseAnalyzer: { name: string; version: string };
  /** Corrected items the adapter learned from. */
  trainedOn: number;
  /** Null when no correction touched sentiment. */
  sentiment: SentimentLayer | null;
  themes: ThemeRules;
}

/** The contract allows 32 characters for a version; the base version is shortened, never the revision. */
const MAX_VERSION = 32;

/** `1.0.0+adapt.7`: the base analyzer's version and the tenant adapter's revision. */
export function adaptedVersion(baseVersion: string, revision: number): string {
  const suffix = `+adapt.${revision}`;
  return `${baseVersion.slice(0, Math.max(1, MAX_VERSION - suffix.length))}${suffix}`;
}
