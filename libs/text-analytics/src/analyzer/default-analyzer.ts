import { existsSync } from 'fs';
import { resolve } from 'path';
import { detectLanguage, UNDETERMINED, type DetectedLanguage } from '../language/detect-language';
import { analyzeTextSentiment } from '../sentiment/analyze-sentiment';
import { combineEvidence } from '../sentiment/combine';
import { loadSentimentModels, type SentimentModels } from '../sentiment/sentiment-models';
import { prepareText } from '../text/prepare';
import { compiledTaxonomy } from '../themes/compile-taxonomy';
import { DEFAULT_TAXONOMY } from '../themes/default-taxonomy';
import { extractKeyPhrases } from '../themes/key-phrases';
import { matchThemes } from '../themes/match-themes';
import type { AnalysisResult, Analyzer, AnalyzerInput, ThemeTaxonomy } from '../types';

export const DEFAULT_ANALYZER_NAME = 'loops-default';
/** Bump when models or rules change results, so stored analyses can be told apart. */
export const DEFAULT_ANALYZER_VERSION = '2.0.0';
/** Next to the sources; falls back to the repository layout when the code runs from a build output (dist/). */
export const DEFAULT_MODEL_DIR = [resolve(__dirname, '../../models'), resolve(process.cwd(), 'libs/text-analytics/models')].find((dir) => existsSync(dir)) ?? resolve(__dirname, '../../models');

/** A caller-supplied code like "id-ID", "EN" or "und" is reduced to a lowercase ISO 639-1 code. */
function normalizeLanguageHint(language: string | undefined): string | undefined {
  if (!language) return undefined;
  const code = language.trim().toLowerCase().split(/[-_]/)[0];
  return code && code !== 'und' && code !== 'unknown' ? code : undefined;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * The built-in analyzer: language identification, sentiment (trained models for id/th/hu, AFINN + a polarity
 * model for English, lexicons elsewhere), survey-score evidence, taxonomy themes with aspect sentiment, key phrases.
 * Stateless per call apart from caches, so one instance serves all tenants.
 */
export class DefaultAnalyzer implements Analyzer {
  readonly name = DEFAULT_ANALYZER_NAME;
  readonly version = DEFAULT_ANALYZER_VERSION;

  constructor(private readonly models: SentimentModels) {}

  /** Model files that were not found; a service should refuse to run with any missing. */
  get missingModels(): string[] {
    return this.models.missing;
  }

  static fromModelDir(modelDir: string = DEFAULT_MODEL_DIR): DefaultAnalyzer {
    return new DefaultAnalyzer(loadSentimentModels(modelDir));
  }

  analyze(items: AnalyzerInput[], taxonomy: ThemeTaxonomy = DEFAULT_TAXONOMY): AnalysisResult[] {
    const compiled = compiledTaxonomy(taxonomy);
    return items.map((item) => this.analyzeOne(item, compiled));
  }

  private analyzeOne(item: AnalyzerInput, compiled: ReturnType<typeof compiledTaxonomy>): AnalysisResult {
    const text = typeof item.text === 'string' ? item.text : '';
    const hint = normalizeLanguageHint(item.language);
    const detected: DetectedLanguage = hint ? { language: hint, confidence: 1 } : detectLanguage(text);
    const prepared = prepareText(text, detected.language);
    const textSentiment = analyzeTextSentiment(prepared, detected.language, this.models);
    const sentiment = combineEvidence(textSentiment.document, item.scores);
    return {
      id: item.id,
      language: detected.language || UNDETERMINED,
      languageConfidence: round(detected.confidence),
      sentiment: {
        label: sentiment.label,
        score: round(sentiment.score),
        confidence: round(sentiment.confidence),
        probabilities: {
          negative: round(textSentiment.document.negative),
          neutral: round(textSentiment.document.neutral),
          positive: round(textSentiment.document.positive),
        },
      },
      themes: matchThemes(prepared, textSentiment.clauses, compiled),
      keyPhrases: extractKeyPhrases(prepared, detected.language),
      analyzer: { name: this.name, version: this.version },
    };
  }
}
