/** Per-tenant adaptation of the shared analyzer from analysts' corrections. */
export {
  AdaptedAnalyzer,
  fitTenantAdapter,
  textDistribution,
  type CorrectionExample,
  type FitTenantAdapterArgs,
} from './adapted-analyzer';
export { adapterFeatures, ADAPTER_FEATURE_BITS } from './adapter-features';
export {
  CompiledSentimentLayer,
  fitSentimentLayer,
  DEFAULT_FIT,
  type FitOptions,
  type SentimentExample,
} from './sentiment-layer';
export {
  adaptedVersion,
  SENTIMENT_CLASSES,
  type SentimentLayer,
  type TenantAdapterModel,
  type ThemeRules,
} from './tenant-adapter';
export { extendTaxonomy, learnThemeRules, suppressThemes, type ThemeExample } from './theme-rules';
