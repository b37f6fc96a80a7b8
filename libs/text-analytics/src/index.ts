/** @loops/text-analytics: multilingual language detection, sentiment, themes and key phrases. */
export type { AnalysisResult, Analyzer, AnalyzerInput, AnalyzerSpec, SentimentLabel, SentimentResult, SurveyScores, ThemeDefinition, ThemeHit, ThemeTaxonomy } from './types';
export { loadAnalyzer } from './analyzer/load-analyzer';
export { DefaultAnalyzer, DEFAULT_ANALYZER_NAME, DEFAULT_ANALYZER_VERSION, DEFAULT_MODEL_DIR } from './analyzer/default-analyzer';
export { DEFAULT_TAXONOMY } from './themes/default-taxonomy';
export { detectLanguage, type DetectedLanguage } from './language/detect-language';
export { IntentClassifier, type IntentPrediction } from './themes/intent-classifier';
export {
  AdaptedAnalyzer,
  adaptedVersion,
  fitTenantAdapter,
  type CorrectionExample,
  type SentimentLayer,
  type TenantAdapterModel,
  type ThemeRules,
} from './adaptation';
export { discoverThemes, DEFAULT_TUNING, type DiscoveryOptions, type DiscoveryTuning } from './discovery/discover-themes';
export type { CandidateTheme, Complaint } from './discovery/types';
