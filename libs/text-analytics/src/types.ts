/** Public types of the text-analytics library. Kept in one file so the service can see the whole contract at once. */

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** Survey answers that travel with a comment. Ranges: NPS 0-10, CSAT 1-5, CES 1-7 (7 = very easy). */
export interface SurveyScores {
  nps?: number;
  csat?: number;
  ces?: number;
}

export interface AnalyzerInput {
  id: string;
  text: string;
  /** ISO 639-1 code if the caller already knows it; skips detection. */
  language?: string;
  tenantId?: string;
  scores?: SurveyScores;
}

export interface SentimentResult {
  label: SentimentLabel;
  /** -1 (very negative) .. 1 (very positive). */
  score: number;
  /** 0..1: probability of the chosen label. */
  confidence: number;
  /** The text's own class distribution (before survey evidence is pooled in); sums to 1. Tenant adaptation
   *  (analyst corrections) works on these, then pools survey evidence again. Analyzers loaded as modules may omit it. */
  probabilities?: { negative: number; neutral: number; positive: number };
}

export interface ThemeHit {
  id: string;
  label: string;
  /** Sentiment of the clause(s) that mention the theme (aspect sentiment). */
  sentiment: { label: SentimentLabel; score: number };
  /** The phrases that triggered the hit, as written in the text (lower-cased). */
  matches: string[];
}

export interface AnalysisResult {
  id: string;
  /** ISO 639-1 code, or 'und' when the text is too short or ambiguous. */
  language: string;
  languageConfidence: number;
  sentiment: SentimentResult;
  themes: ThemeHit[];
  /** Candidate phrases for theme discovery (always filled; most useful when `themes` is empty). */
  keyPhrases: string[];
  analyzer: { name: string; version: string };
}

/** One theme of a tenant taxonomy. Phrases are grouped by ISO 639-1 code; all groups are matched on every text,
 *  so mixed-language comments still hit. A phrase ending in `*` matches any word starting with it. */
export interface ThemeDefinition {
  id: string;
  label: string;
  phrases: Record<string, string[]>;
}

export interface ThemeTaxonomy {
  id: string;
  version: string;
  themes: ThemeDefinition[];
}

export interface Analyzer {
  readonly name: string;
  readonly version: string;
  /** Batch API: the service calls it once per Kafka batch. Results are in input order. */
  analyze(items: AnalyzerInput[], taxonomy?: ThemeTaxonomy): AnalysisResult[];
}

export interface AnalyzerSpec {
  /** 'default': the built-in analyzer. 'module': a CommonJS module at `path` exporting `createAnalyzer(options)`
   *  (sync or async) or a default export implementing `Analyzer`. */
  kind?: 'default' | 'module';
  path?: string;
  /** Passed through to a module analyzer's `createAnalyzer`. */
  options?: Record<string, unknown>;
  /** Directory with model files for the default analyzer (default: the lib's `models/`). */
  modelDir?: string;
}
