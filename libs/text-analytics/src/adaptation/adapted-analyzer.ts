import { combineEvidence } from '../sentiment/combine';
import type { Polarity } from '../sentiment/polarity';
import { DEFAULT_TAXONOMY } from '../themes/default-taxonomy';
import type { AnalysisResult, Analyzer, AnalyzerInput, SentimentLabel, ThemeTaxonomy } from '../types';
import {
  CompiledSentimentLayer,
  fitSentimentLayer,
  type FitOptions,
  type SentimentExample,
} from './sentiment-layer';
import { adaptedVersion, type TenantAdapterModel } from './tenant-adapter';
import { extendTaxonomy, learnThemeRules, suppressThemes } from './theme-rules';

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The text's own class distribution; analyzers that do not report one are read from their label and confidence. */
export function textDistribution(result: AnalysisResult): Polarity {
  if (result.sentiment.probabilities) return result.sentiment.probabilities;
  const rest = (1 - result.sentiment.confidence) / 2;
  return {
    negative: rest,
    neutral: rest,
    positive: rest,
    [result.sentiment.label]: result.sentiment.confidence,
  };
}

/**
 * A tenant's view of a shared analyzer: the base analyzer runs unchanged (with the tenant's taxonomy plus learned
 * phrases), then the tenant's sentiment layer re-weighs the text distribution, survey evidence is pooled again,
 * and suppressed theme hits are dropped. Results name the adapter revision in their analyzer version.
 */
export class AdaptedAnalyzer implements Analyzer {
  readonly name: string;
  readonly version: string;
  private readonly layer: CompiledSentimentLayer | null;
  private readonly taxonomies = new WeakMap<ThemeTaxonomy, ThemeTaxonomy>();

  constructor(
    private readonly base: Analyzer,
    readonly model: TenantAdapterModel,
  ) {
    this.name = base.name;
    this.version = adaptedVersion(base.version, model.revision);
    this.layer = model.sentiment ? new CompiledSentimentLayer(model.sentiment) : null;
  }

  analyze(items: AnalyzerInput[], taxonomy: ThemeTaxonomy = DEFAULT_TAXONOMY): AnalysisResult[] {
    let extended = this.taxonomies.get(taxonomy);
    if (!extended) {
      extended = extendTaxonomy(taxonomy, this.model.themes, this.model.tenantId, this.model.revision);
      this.taxonomies.set(taxonomy, extended);
    }
    return this.base.analyze(items, extended).map((result, i) => this.adapt(result, items[i]));
  }

  private adapt(result: AnalysisResult, item: AnalyzerInput): AnalysisResult {
    let sentiment = result.sentiment;
    if (this.layer) {
      const q = this.layer.apply(
        typeof item.text === 'string' ? item.text : '',
        result.language,
        textDistribution(result),
      );
      const pooled = combineEvidence(q, item.scores);
      sentiment = {
        label: pooled.label,
        score: round(pooled.score),
        confidence: round(pooled.confidence),
        probabilities: {
          negative: round(q.negative),
          neutral: round(q.neutral),
          positive: round(q.positive),
        },
      };
    }
    return {
      ...result,
      sentiment,
      themes: suppressThemes(result.themes, this.model.themes),
      analyzer: { name: this.name, version: this.version },
    };
  }
}

/** One corrected item: what the shipped analyzer said (tenant taxonomy, no adapter) and what the analyst says. */
export interface CorrectionExample {
  input: AnalyzerInput;
  base: AnalysisResult;
  /** Absent when the analyst corrected themes only. */
  label?: SentimentLabel;
  themesAdded: string[];
  themesRemoved: string[];
}

export interface FitTenantAdapterArgs {
  tenantId: string;
  revision: number;
  baseAnalyzer: { name: string; version: string };
  examples: CorrectionExample[];
  /** Label of a theme id an analyst added (the tenant taxonomy's label, or a readable form of the id). */
  themeLabel: (themeId: string) => string;
  /** Key phrases of the tenant's recent analyses: phrases common in them are not learned as theme phrases. */
  background?: string[][];
  fit?: FitOptions;
}

/** Retrains a tenant's adapter from all its corrections (the latest per item). Deterministic for the same input. */
export function fitTenantAdapter(args: FitTenantAdapterArgs): TenantAdapterModel {
  const sentimentExamples: SentimentExample[] = args.examples
    .filter((e) => e.label !== undefined)
    .map((e) => ({
      text: typeof e.input.text === 'string' ? e.input.text : '',
      language: e.base.language,
      probabilities: textDistribution(e.base),
      label: e.label!,
    }));
  return {
    tenantId: args.tenantId,
    revision: args.revision,
    baseAnalyzer: { name: args.baseAnalyzer.name, version: args.baseAnalyzer.version },
    trainedOn: args.examples.length,
    sentiment: sentimentExamples.length > 0 ? fitSentimentLayer(sentimentExamples, args.fit) : null,
    themes: learnThemeRules(
      args.examples.map((e) => ({
        baseThemes: e.base.themes,
        keyPhrases: e.base.keyPhrases,
        themesAdded: e.themesAdded,
        themesRemoved: e.themesRemoved,
      })),
      args.themeLabel,
      args.background,
    ),
  };
}
